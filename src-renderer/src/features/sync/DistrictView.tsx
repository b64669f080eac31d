import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { DistrictIncident, DistrictReportRow, DistrictStockRow, DistrictTransitRow, StationRegRow } from '@contract/sync';
import { api, errorText } from '../../api/client';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { formatDateTime } from '../../ui/format';
import { notifySync } from './SyncPage';
import { useSubmit } from '../../ui/useSubmit';
import './sync.css';

const TABS = ['stations', 'incidents', 'reports', 'stock', 'transit'] as const;
type Tab = (typeof TABS)[number];

/** 区级汇总: every station (last seen, items waiting) and consolidated views, each row with its origin. */
export function DistrictView() {
  const { t } = useTranslation('sync');
  const { station } = useSession();
  const [tab, setTab] = useState<Tab>('stations');
  const ov = useApiQuery('sync.district.overview');
  const d = ov.data;
  const when = (ms: number | null | undefined) => (ms ? formatDateTime(ms, station.timeZone) : '');
  const Origin = (p: ICellRendererParams<{ origin: string; originName: string }>) =>
    p.data ? <span className={`origin-tag${p.data.origin === d?.hub.id ? ' local' : ''}`} data-origin={p.data.originName}>{p.data.originName}</span> : null;
  const originCol = { headerName: t('origin'), width: 160, cellRenderer: Origin, valueGetter: (p: { data?: { originName: string } }) => p.data?.originName } as const;

  const incCols = useMemo<ColDef<DistrictIncident>[]>(
    () => [
      originCol,
      { headerName: t('inc.receivedAt'), width: 150, valueGetter: (p) => when(p.data?.receivedAt) },
      { field: 'summary', headerName: t('inc.summary'), flex: 1 },
      { field: 'grade', headerName: t('inc.grade'), width: 80 },
      { field: 'status', headerName: t('inc.status'), width: 100, valueGetter: (p) => (p.data?.status ? t(`inc.st.${p.data.status}`, { defaultValue: p.data.status }) : '') },
      { headerName: t('inc.casualties'), width: 140, valueGetter: (p) => (p.data ? `${p.data.dead} / ${p.data.injured} / ${p.data.missing}` : '') },
    ],
    [t, d?.hub.id],
  );
  const repCols = useMemo<ColDef<DistrictReportRow>[]>(
    () => [
      originCol,
      { field: 'total', headerName: t('rep.total'), width: 110 },
      { field: 'signed', headerName: t('rep.signed'), width: 110 },
      { field: 'onTime', headerName: t('rep.onTime'), width: 110 },
      { field: 'late', headerName: t('rep.late'), width: 110, cellClass: (p) => (p.value ? 'bad' : '') },
      { headerName: t('rep.rate'), width: 110, valueGetter: (p) => (p.data && p.data.onTime !== null && p.data.late !== null && p.data.onTime + p.data.late > 0 ? `${Math.round((100 * p.data.onTime) / (p.data.onTime + p.data.late))}%` : '—') },
      { headerName: t('rep.lastSigned'), flex: 1, valueGetter: (p) => when(p.data?.lastSignedAt) },
    ],
    [t, d?.hub.id],
  );
  const stockCols = useMemo<ColDef<DistrictStockRow>[]>(
    () => [
      { field: 'tier', headerName: t('stock.tier'), width: 100, valueGetter: (p) => (p.data ? t(`stock.tiers.${p.data.tier}`, { defaultValue: p.data.tier }) : ''), rowGroup: false },
      originCol,
      { field: 'warehouse', headerName: t('stock.warehouse'), width: 180 },
      { field: 'itemCode', headerName: t('stock.code'), width: 110 },
      { field: 'itemName', headerName: t('stock.item'), flex: 1 },
      { headerName: t('stock.qty'), width: 120, valueGetter: (p) => (p.data ? `${p.data.qty} ${p.data.unit}` : '') },
    ],
    [t, d?.hub.id],
  );
  const transitCols = useMemo<ColDef<DistrictTransitRow>[]>(
    () => [
      originCol,
      { headerName: t('transit.kind'), width: 96, valueGetter: (p) => (p.data ? t(`transit.kinds.${p.data.kind}`) : '') },
      { field: 'no', headerName: t('transit.no'), width: 130 },
      { field: 'from', headerName: t('transit.from'), width: 160 },
      { field: 'to', headerName: t('transit.to'), width: 130 },
      { field: 'lines', headerName: t('transit.lines'), flex: 1, minWidth: 140 },
      { headerName: t('transit.deadline'), width: 150, valueGetter: (p) => when(p.data?.deadlineAt) },
      { headerName: t('transit.delivered'), width: 120, valueGetter: (p) => (p.data?.delivered === null ? '' : p.data?.delivered ? t('transit.yes') : t('transit.no_')) },
    ],
    [t, d?.hub.id],
  );

  return (
    <div className="page">
      <h1 className="page-title">{t('district.title')}</h1>
      <ErrorBanner error={ov.error} />
      {d ? (
        <div className="sync-stats">
          <div className="sync-stat">
            {t('district.stations')}
            <b>{d.stations.filter((s) => s.state === 'enrolled').length}</b>
          </div>
          <div className="sync-stat">
            {t('district.waiting')}
            <b>{d.stations.reduce((a, s) => a + s.waiting, 0)}</b>
          </div>
          <div className="sync-stat">
            {t('district.incidents')}
            <b>{d.incidents.length}</b>
          </div>
          <div className="sync-stat">
            {t('district.transit')}
            <b>{d.inTransit.length}</b>
          </div>
          <button type="button" onClick={ov.reload} data-testid="district-reload">
            {t('reload')}
          </button>
        </div>
      ) : null}
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => setTab(x)} data-tab={x}>
            {t(`district.tabs.${x}`)}
          </button>
        ))}
      </div>
      {d && tab === 'stations' ? <Stations rows={d.stations} reload={ov.reload} /> : null}
      {d && tab === 'incidents' ? <Grid<DistrictIncident> rowData={d.incidents} columnDefs={incCols} getRowId={(p) => `${p.data.origin}:${p.data.id}`} height={520} /> : null}
      {d && tab === 'reports' ? <Grid<DistrictReportRow> rowData={d.reports} columnDefs={repCols} getRowId={(p) => p.data.origin} height={400} /> : null}
      {d && tab === 'stock' ? <Grid<DistrictStockRow> rowData={d.stock} columnDefs={stockCols} height={520} /> : null}
      {d && tab === 'transit' ? (
        <div className="split">
          <div className="split-main">
            <Grid<DistrictTransitRow> rowData={d.inTransit} columnDefs={transitCols} height={480} />
          </div>
          <div className="split-side">
            <NewDispatch stations={d.stations.filter((s) => s.state === 'enrolled')} onDone={ov.reload} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Stations({ rows, reload }: { rows: StationRegRow[]; reload(): void }) {
  const { t } = useTranslation('sync');
  const { user, station } = useSession();
  const may = {
    revoke: can(user, 'sync.stations.revoke'),
    reissue: can(user, 'sync.stations.reissue'),
    register: can(user, 'sync.stations.register'),
    importFile: can(user, 'sync.importFile'),
  };
  const [selected, setSelected] = useState<StationRegRow | null>(null);
  const [secret, setSecret] = useState<{ name: string; code: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const when = (ms: number | null) => (ms ? formatDateTime(ms, station.timeZone) : '—');
  const cols = useMemo<ColDef<StationRegRow>[]>(
    () => [
      { field: 'name', headerName: t('st.name'), width: 170 },
      { field: 'code', headerName: t('st.code'), width: 110 },
      { headerName: t('st.state'), width: 100, valueGetter: (p) => (p.data ? t(`st.states.${p.data.state}`) : ''), cellClass: (p) => (p.data?.state === 'revoked' ? 'bad' : '') },
      { headerName: t('st.lastSeen'), width: 150, valueGetter: (p) => when(p.data?.lastSeenAt ?? null) },
      { field: 'waiting', headerName: t('st.waiting'), width: 100 },
      { field: 'copies', headerName: t('st.copies'), width: 110 },
      { headerName: t('st.enrolledAt'), flex: 1, valueGetter: (p) => when(p.data?.enrolledAt ?? null) },
    ],
    [t, station.timeZone],
  );
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    setMsg(null);
    try {
      await fn();
      reload();
      notifySync();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="split">
      <div className="split-main">
        <Grid<StationRegRow>
          rowData={rows}
          columnDefs={cols}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          height={420}
        />
      </div>
      <div className="split-side">
        <ErrorBanner error={error} />
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        {secret ? (
          <div className="card" data-testid="one-time-code">
            <h3>{t('st.codeFor', { name: secret.name })}</h3>
            <div className="secret-box">{secret.code}</div>
            <p className="muted small">{t('st.codeHint')}</p>
            <button type="button" onClick={() => setSecret(null)}>
              {t('st.codeDone')}
            </button>
          </div>
        ) : null}
        {may.revoke && selected && selected.state !== 'revoked' ? (
          <Revoke key={selected.id + selected.version} row={selected} act={act} />
        ) : null}
        {may.reissue && selected ? (
          <button type="button" onClick={() => act(async () => { const r = await api.send('sync.stations.reissue', { id: selected.id, version: selected.version }); setSecret({ name: r.station.name, code: r.oneTimeSecret }); })}>
            {t('st.reissue')}
          </button>
        ) : null}
        {may.register ? <Register onCode={(name, code) => (setSecret({ name, code }), reload(), notifySync())} /> : null}
        {may.importFile ? <ImportFile onDone={(m) => (setMsg(m), reload())} onError={setError} /> : null}
      </div>
    </div>
  );
}

function Register({ onCode }: { onCode(name: string, code: string): void }) {
  const { t } = useTranslation('sync');
  const [f, setF] = useState({ name: '', code: '' });
  const { error, errs, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const r = await api.send('sync.stations.register', { ...f, level: 'township' });
      setF({ name: '', code: '' });
      onCode(r.station.name, r.oneTimeSecret);
    });
  };
  return (
    <form className="card" onSubmit={submit} data-testid="register-station">
      <h3>{t('st.register')}</h3>
      <ErrorBanner error={error} />
      <Field label={t('st.name')} error={errs.name}>
        <input name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      </Field>
      <Field label={t('st.code')} hint={t('st.codeFieldHint')} error={errs.code}>
        <input name="code" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} />
      </Field>
      <button className="primary" type="submit">
        {t('st.registerSubmit')}
      </button>
    </form>
  );
}

function Revoke({ row, act }: { row: StationRegRow; act(fn: () => Promise<unknown>): Promise<void> }) {
  const { t } = useTranslation('sync');
  const [reason, setReason] = useState('');
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => api.send('sync.stations.revoke', { id: row.id, version: row.version, reason }));
      }}
    >
      <h3>{t('st.revokeTitle', { name: row.name })}</h3>
      <Field label={t('st.reason')}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" className="danger">
        {t('st.revoke')}
      </button>
    </form>
  );
}

function ImportFile({ onDone, onError }: { onDone(msg: string): void; onError(e: string | null): void }) {
  const { t } = useTranslation('sync');
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    onError(null);
    try {
      const r = await api.send('sync.importFile', { content: await file.text() });
      onDone(r.duplicate ? t('file.duplicate', { name: r.stationName }) : t('file.imported', { name: r.stationName, n: r.applied }));
    } catch (err) {
      onError(errorText(err));
    }
  };
  return (
    <div className="card">
      <h3>{t('file.importTitle')}</h3>
      <p className="muted small">{t('file.importHint')}</p>
      <input type="file" accept=".json,application/json" onChange={pick} data-testid="sync-import" />
    </div>
  );
}

function NewDispatch({ stations, onDone }: { stations: StationRegRow[]; onDone(): void }) {
  const { t } = useTranslation('sync');
  const { user } = useSession();
  const [f, setF] = useState({ toRegId: '', fromName: '东昌区救灾物资储备库', itemName: '', unit: '', qty: '', hours: '12', note: '' });
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  if (!can(user, 'sync.dispatch.create')) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setOk(null);
    try {
      const r = await api.send('sync.dispatch.create', {
        toRegId: f.toRegId,
        fromName: f.fromName,
        deadlineAt: Date.now() + Number(f.hours || 12) * 3600_000,
        note: f.note || undefined,
        lines: [{ itemCode: '', itemName: f.itemName, unit: f.unit, qty: Number(f.qty) }],
      });
      setOk(t('dispatch.created', { no: r.orderNo }));
      setF({ ...f, itemName: '', unit: '', qty: '', note: '' });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="new-dispatch">
      <h3>{t('dispatch.title')}</h3>
      <p className="muted small">{t('dispatch.hint')}</p>
      <ErrorBanner error={error} />
      {ok ? <div className="banner banner-ok">{ok}</div> : null}
      <Field label={t('dispatch.to')}>
        <select name="toRegId" value={f.toRegId} onChange={(e) => setF({ ...f, toRegId: e.target.value })}>
          <option value="">—</option>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('dispatch.from')}>
        <input name="fromName" value={f.fromName} onChange={(e) => setF({ ...f, fromName: e.target.value })} />
      </Field>
      <div className="row">
        <Field label={t('dispatch.item')}>
          <input name="itemName" value={f.itemName} onChange={(e) => setF({ ...f, itemName: e.target.value })} style={{ width: 130 }} />
        </Field>
        <Field label={t('dispatch.qty')}>
          <input name="qty" inputMode="decimal" value={f.qty} onChange={(e) => setF({ ...f, qty: e.target.value })} style={{ width: 64 }} />
        </Field>
        <Field label={t('dispatch.unit')}>
          <input name="unit" value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })} style={{ width: 52 }} />
        </Field>
      </div>
      <Field label={t('dispatch.hours')}>
        <input name="hours" inputMode="numeric" value={f.hours} onChange={(e) => setF({ ...f, hours: e.target.value })} style={{ width: 80 }} />
      </Field>
      <button className="primary" type="submit">
        {t('dispatch.submit')}
      </button>
    </form>
  );
}
