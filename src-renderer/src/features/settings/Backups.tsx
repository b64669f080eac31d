import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { formatDateTime } from '../../ui/format';
import { askConfirm } from '../../ui/dialog';

export function Backups() {
  const { t } = useTranslation('settings');
  const { user, station } = useSession();
  const { data, error, reload } = useApiQuery('system.listBackups');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const run = async (fn: () => Promise<string>) => {
    setMsg(null);
    setErr(null);
    try {
      setMsg(await fn());
      reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <div className="card">
      <p className="muted">{t('backups.intro')}</p>
      <ErrorBanner error={error ?? err} />
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      <button className="primary" onClick={() => void run(async () => t('backups.done', { file: (await api.send('system.backup')).file }))}>
        {t('backups.now')}
      </button>
      <table className="table">
        <thead>
          <tr>
            <th>{t('backups.file')}</th>
            <th>{t('backups.time')}</th>
            <th>{t('backups.size')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((b) => (
            <tr key={b.file}>
              <td className="mono">{b.file}</td>
              <td>{formatDateTime(b.createdAt, station.timeZone)}</td>
              <td>{(b.bytes / 1024).toFixed(0)} KB</td>
              <td>
                {can(user, 'system.scheduleRestore') ? (
                  <button
                    onClick={async () => {
                      if (await askConfirm({ title: t('backups.restore'), message: t('backups.restoreConfirm', { file: b.file }), confirmLabel: t('backups.restore'), danger: true })) {
                        void run(async () => (await api.send('system.scheduleRestore', { file: b.file }), t('backups.restoreScheduled')));
                      }
                    }}
                  >
                    {t('backups.restore')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
