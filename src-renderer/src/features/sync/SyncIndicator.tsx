import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '@contract/sync';
import { api, errorText } from '../../api/client';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import './sync.css';

/** Top-bar sync status: online/offline, last successful sync, items waiting, last error in plain words, "sync now". */
export function SyncIndicator() {
  const { t } = useTranslation('sync');
  const { station } = useSession();
  const [s, setS] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const load = useCallback(() => {
    api.send('sync.status').then(
      (v) => {
        setS(v);
        setErr(null);
        window.dispatchEvent(new Event('watchroom:sync-status'));
      },
      (e: unknown) => setErr(errorText(e)),
    );
  }, []);
  useEffect(() => {
    load();
    const id = setInterval(load, 5000);
    const on = () => load();
    window.addEventListener('watchroom:sync-changed', on);
    return () => {
      clearInterval(id);
      window.removeEventListener('watchroom:sync-changed', on);
    };
  }, [load]);
  if (!s) return err ? <div className="sync-ind offline" data-testid="sync-indicator">{err}</div> : null;
  const now = async () => {
    setBusy(true);
    try {
      setS(await api.send('sync.syncNow'));
      window.dispatchEvent(new Event('watchroom:sync-status'));
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const when = (ms: number | null) => (ms ? formatDateTime(ms, station.timeZone).replace(/^\d{4}[/-]/, '') : t('never'));
  if (s.mode === 'hub') {
    return (
      <div className="sync-ind hub" data-testid="sync-indicator" data-state="hub" title={t('hubTitle')}>
        <span className="sync-dot" />
        <div className="sync-text">
          <span className="sync-main">{t('hub')}</span>
          <span className="sync-sub">{t('stationsCount', { n: s.stations })}</span>
        </div>
      </div>
    );
  }
  if (s.mode === 'standalone') {
    return (
      <div className="sync-ind" data-testid="sync-indicator" data-state="standalone">
        <span className="sync-dot" />
        <div className="sync-text">
          <span className="sync-main">{t('standalone')}</span>
          <span className="sync-sub">{t('notEnrolled')}</span>
        </div>
      </div>
    );
  }
  const state = s.online ? 'online' : 'offline';
  return (
    <div className={`sync-ind ${state}`} data-testid="sync-indicator" data-state={state} title={s.lastError ?? ''}>
      <span className="sync-dot" />
      <div className="sync-text">
        <span className="sync-main">
          {t(state)} · {t('waiting', { n: s.waiting })}
        </span>
        <span className="sync-sub" data-testid="sync-last-ok">
          {t('lastOk', { when: when(s.lastOkAt) })}
        </span>
        {s.lastError ? (
          <span className="sync-err" data-testid="sync-error">
            {s.lastError}
          </span>
        ) : null}
      </div>
      <button type="button" onClick={now} disabled={busy} data-testid="sync-now" title={t('syncNowTitle')} aria-label={t('syncNowTitle')}>
        {busy ? t('syncing') : t('syncNow')}
      </button>
    </div>
  );
}
