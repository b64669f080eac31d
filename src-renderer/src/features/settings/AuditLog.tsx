import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { AuditRow } from '@contract/audit';
import { useApiQuery } from '../../api/query';
import { Grid } from '../../ui/Grid';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';

export function AuditLog() {
  const { t } = useTranslation('settings');
  const { station } = useSession();
  const verify = useApiQuery('audit.verify');
  const list = useApiQuery('audit.list', { limit: 500 });
  const data = verify.data && list.data ? { verify: verify.data, rows: list.data } : null;
  const reload = () => (verify.reload(), list.reload());
  const cols = useMemo<ColDef<AuditRow>[]>(
    () => [
      { field: 'seq', headerName: '#', width: 80 },
      { headerName: t('audit.time'), width: 160, valueGetter: (p) => (p.data ? formatDateTime(p.data.at, station.timeZone) : '') },
      { field: 'username', headerName: t('audit.user'), width: 120 },
      { field: 'method', headerName: t('audit.method'), width: 200 },
      { field: 'entity', headerName: t('audit.entity'), width: 120 },
      { field: 'entityId', headerName: t('audit.entityId'), flex: 1 },
    ],
    [t, station.timeZone],
  );
  return (
    <div>
      {data ? (
        <div className={`banner ${data.verify.ok ? 'banner-ok' : 'banner-error'}`} data-testid="audit-status">
          {data.verify.ok ? t('audit.ok', { rows: data.verify.rows }) : t('audit.broken', { seq: data.verify.firstBreak?.seq, reason: data.verify.firstBreak?.reason })}
          <button className="ghost" onClick={reload}>
            {t('audit.verify')}
          </button>
        </div>
      ) : null}
      <Grid<AuditRow> rowData={data?.rows ?? []} columnDefs={cols} height={480} />
    </div>
  );
}
