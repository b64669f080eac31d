import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import type { AuditRow } from '@contract/audit';
import { localToUtc } from '@contract/time';
import { Grid } from '../../ui/Grid';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { downloadBase64 } from '../../ui/download';

const KINDS = ['auth', 'users', 'station', 'system', 'incidents', 'reports', 'materials', 'roster', 'sync', 'stats'] as const;

/** The audit trail in words, filtered by person, kind of work and period; exported as a printable workbook. */
export function AuditLog() {
  const { t } = useTranslation('settings');
  const { station } = useSession();
  const [f, setF] = useState({ userId: '', kind: '', from: '', to: '' });
  const [err, setErr] = useState<string | null>(null);
  const filter = useMemo(
    () => ({
      userId: f.userId || undefined,
      kind: f.kind || undefined,
      from: f.from ? localToUtc(f.from, 0, station.timeZone) : undefined,
      to: f.to ? localToUtc(f.to, 24 * 60, station.timeZone) : undefined,
    }),
    [f, station.timeZone],
  );
  const users = useApiQuery('users.list');
  const verify = useApiQuery('audit.verify');
  const list = useApiQuery('audit.list', { limit: 500, ...filter });
  const data = verify.data && list.data ? { verify: verify.data, rows: list.data } : null;
  const reload = () => (verify.reload(), list.reload());
  const cols = useMemo<ColDef<AuditRow>[]>(
    () => [
      { field: 'seq', headerName: '#', width: 80 },
      { headerName: t('audit.time'), width: 160, valueGetter: (p) => (p.data ? formatDateTime(p.data.at, station.timeZone) : '') },
      { field: 'person', headerName: t('audit.user'), width: 120 },
      { field: 'kindLabel', headerName: t('audit.kind'), width: 120 },
      { field: 'text', headerName: t('audit.method'), flex: 1 },
    ],
    [t, station.timeZone],
  );
  const exportXlsx = async () => {
    setErr(null);
    try {
      const x = await api.send('audit.export', filter);
      downloadBase64(x.fileName, x.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <div>
      {data ? (
        <div className={`banner ${data.verify.ok ? 'banner-ok' : 'banner-error'}`} data-testid="audit-status">
          {data.verify.ok ? t('audit.ok', { rows: data.verify.rows }) : data.verify.message}
          <button className="ghost" onClick={reload}>
            {t('audit.verify')}
          </button>
        </div>
      ) : null}
      {err ? <div className="banner banner-error">{err}</div> : null}
      <div className="row" data-testid="audit-filters">
        <label>
          {t('audit.user')}{' '}
          <select name="auditUser" value={f.userId} onChange={(e) => setF({ ...f, userId: e.target.value })}>
            <option value="">{t('audit.all')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.kind')}{' '}
          <select name="auditKind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="">{t('audit.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')} <input type="date" name="auditFrom" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')} <input type="date" name="auditTo" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} />
        </label>
        <button type="button" onClick={() => void exportXlsx()} data-testid="audit-export">
          {t('audit.export')}
        </button>
      </div>
      <Grid<AuditRow> rowData={data?.rows ?? []} columnDefs={cols} height={480} />
    </div>
  );
}
