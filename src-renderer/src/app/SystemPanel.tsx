import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '@contract/index';
import { useApiQuery } from '../api/query';
import { useSession } from './session';
import { formatDateTime } from '../ui/format';

export function SystemPanel() {
  const { t } = useTranslation();
  const { user, station } = useSession();
  const health = useApiQuery('system.health').data;
  const backups = useApiQuery('system.listBackups', undefined, { enabled: can(user, 'system.listBackups') }).data;
  const audit = useApiQuery('audit.verify', undefined, { enabled: can(user, 'audit.verify') }).data;
  const data = health ? { health, backups, audit } : null;
  if (!data) return <div className="muted">{t('loading')}</div>;
  return (
    <dl className="kv">
      <dt>{t('board.version')}</dt>
      <dd>
        {data.health.version} · {t(`transport.${api.transport}`)}
      </dd>
      <dt>{t('board.schema')}</dt>
      <dd>{data.health.schemaVersion}</dd>
      {data.backups ? (
        <>
          <dt>{t('board.lastBackup')}</dt>
          <dd>{data.backups[0] ? formatDateTime(data.backups[0].createdAt, station.timeZone) : t('board.never')}</dd>
        </>
      ) : null}
      {data.audit ? (
        <>
          <dt>{t('board.audit')}</dt>
          <dd className={data.audit.ok ? 'ok' : 'bad'}>
            {data.audit.ok ? t('board.auditOk', { rows: data.audit.rows }) : t('board.auditBroken', { seq: data.audit.firstBreak?.seq })}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
