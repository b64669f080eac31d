import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { InboundRow } from '@contract/sync';
import { api, errorText } from '../../api/client';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { formatDateTime } from '../../ui/format';
import { InboundReceive } from './InboundReceive';
import { downloadText } from '../../ui/download';
import { useSubmit } from '../../ui/useSubmit';
import './sync.css';

export const notifySync = () => window.dispatchEvent(new Event('watchroom:sync-changed'));

export { downloadText };

/** Township / depot: the link to the district hub, the no-network file, expected inbound transfers. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const { user, station } = useSession();
  const status = useApiQuery('sync.status');
  const inbound = useApiQuery('sync.inbound.list');
  const [msg, setMsg] = useState<string | null>(null);
  const [picked, setPicked] = useState<InboundRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = status.data;
  const { reload: reloadStatus } = status;
  const { reload: reloadInbound } = inbound;
  useEffect(() => {
    // The top-bar indicator polls; the page follows it.
    const on = () => (reloadStatus(), reloadInbound());
    window.addEventListener('watchroom:sync-status', on);
    return () => window.removeEventListener('watchroom:sync-status', on);
  }, []);
  const when = (ms: number | null) => (ms ? formatDateTime(ms, station.timeZone) : t('never'));

  const cols = useMemo<ColDef<InboundRow>[]>(
    () => [
      { field: 'orderNo', headerName: t('inbound.orderNo'), width: 130 },
      { field: 'originName', headerName: t('inbound.origin'), width: 160 },
      { field: 'fromName', headerName: t('inbound.from'), width: 180 },
      { headerName: t('inbound.lines'), flex: 1, valueGetter: (p) => p.data?.lines.map((l) => `${l.itemName} ${l.qty}${l.unit}`).join('、') },
      { headerName: t('inbound.deadline'), width: 150, valueGetter: (p) => (p.data?.deadlineAt ? formatDateTime(p.data.deadlineAt, station.timeZone) : '') },
      { headerName: t('inbound.status'), width: 110, valueGetter: (p) => (p.data ? t(`inbound.st.${p.data.status}`) : '') },
    ],
    [t, station.timeZone],
  );

  const exportFile = async () => {
    setError(null);
    setMsg(null);
    try {
      const f = await api.send('sync.exportFile');
      downloadText(f.fileName, f.content);
      setMsg(t('exported', { n: f.records, file: f.fileName }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="page">
      <h1 className="page-title">{t('title')}</h1>
      <ErrorBanner error={status.error ?? error} />
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      {s ? (
        <div className="sync-stats" data-testid="sync-stats">
          <div className="sync-stat">
            {t('stat.state')}
            <b>{s.mode === 'station' ? (s.online ? t('online') : t('offline')) : t(s.mode)}</b>
          </div>
          <div className="sync-stat">
            {t('stat.hub')}
            <b>{s.hubName ?? '—'}</b>
            <span className="muted small">{s.hubUrl ?? ''}</span>
          </div>
          <div className="sync-stat">
            {t('stat.waiting')}
            <b>{s.waiting}</b>
          </div>
          <div className="sync-stat">
            {t('stat.lastOk')}
            <b>{when(s.lastOkAt)}</b>
          </div>
          {s.lastError ? (
            <div className="sync-stat" style={{ maxWidth: 420 }}>
              {t('stat.lastError')}
              <div className="bad">{s.lastError}</div>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="split">
        <div className="split-main">
          <h3>{t('inbound.title')}</h3>
          <p className="muted small">{t('inbound.hint')}</p>
          <Grid<InboundRow>
            rowData={inbound.data ?? []}
            columnDefs={cols}
            getRowId={(p) => p.data.id}
            height={300}
            rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
            onSelectionChanged={(e) => setPicked(e.api.getSelectedRows()[0] ?? null)}
          />
          {picked && picked.status === 'expected' && can(user, 'sync.inbound.receive') ? (
            <InboundReceive
              key={picked.id}
              row={picked}
              onDone={() => {
                setPicked(null);
                setMsg(t('inbound.booked', { orderNo: picked.orderNo }));
                inbound.reload();
              }}
            />
          ) : null}
        </div>
        <div className="split-side">
          {can(user, 'sync.enroll') ? <Enroll onDone={() => (status.reload(), inbound.reload(), notifySync())} enrolled={s?.mode === 'station'} /> : null}
          <div className="card">
            <h3>{t('file.title')}</h3>
            <p className="muted small">{t('file.hint')}</p>
            <button type="button" onClick={exportFile} data-testid="sync-export" disabled={s?.mode !== 'station'}>
              {t('file.export')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

function Enroll({ onDone, enrolled }: { onDone(): void; enrolled: boolean }) {
  const { t } = useTranslation('sync');
  const [f, setF] = useState({ hubUrl: '', oneTimeSecret: '', allowPlainHttp: false });
  const { error, errs, busy, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.send('sync.enroll', f))) {
      setF({ ...f, oneTimeSecret: '' });
      onDone();
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="sync-enroll">
      <h3>{enrolled ? t('enroll.again') : t('enroll.title')}</h3>
      <p className="muted small">{t('enroll.hint')}</p>
      <ErrorBanner error={error} />
      <Field label={t('enroll.hubUrl')} hint={t('enroll.hubUrlHint')} error={errs.hubUrl}>
        <input name="hubUrl" value={f.hubUrl} onChange={(e) => setF({ ...f, hubUrl: e.target.value })} placeholder="https://" />
      </Field>
      <Field label={t('enroll.code')} error={errs.oneTimeSecret}>
        <input name="oneTimeSecret" value={f.oneTimeSecret} onChange={(e) => setF({ ...f, oneTimeSecret: e.target.value })} autoComplete="off" />
      </Field>
      <label className="check">
        <input type="checkbox" name="allowPlainHttp" checked={f.allowPlainHttp} onChange={(e) => setF({ ...f, allowPlainHttp: e.target.checked })} />
        {t('enroll.plain')}
      </label>
      <button className="primary" type="submit" disabled={busy}>
        {t('enroll.submit')}
      </button>
    </form>
  );
}
