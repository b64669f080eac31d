import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ContractRow, DocRow, ExpiringRow, LevelRow, StockRow } from '@contract/materials';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { can } from '@contract/index';
import { Grid } from '../../ui/Grid';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { MatContext, downloadExport, fmtQty, useMat } from './shared';
import { DocsTab, NewDocTab } from './Docs';
import { StocktakeTab } from './Stocktake';
import { CardTab } from './StockCard';
import { ImportTab } from './Import';
import { SetupTab } from './Setup';
import { DutiesTab } from './Duties';
import './materials.css';

type Tab = 'stock' | 'levels' | 'expiring' | 'transit' | 'duties' | 'docs' | 'new' | 'stocktake' | 'card' | 'import' | 'agreements' | 'setup';

export function MaterialsPage() {
  const { t } = useTranslation('materials');
  const { user } = useSession();
  // '#/materials/duties' (the alert strip's 处理) opens the reporting deadlines.
  const [tab, setTab] = useState<Tab>(() => (location.hash.startsWith('#/materials/duties') ? 'duties' : 'stock'));
  useEffect(() => {
    const on = () => location.hash.startsWith('#/materials/duties') && setTab('duties');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const [openDoc, setOpenDoc] = useState<string | null>(null);
  const wh = useApiQuery('materials.warehouses.list');
  const it = useApiQuery('materials.items.list', { includeRetired: true });
  const reloadRef = () => (wh.reload(), it.reload());
  const ctx = useMemo(() => ({ warehouses: wh.data ?? [], items: it.data ?? [], reload: reloadRef }), [wh.data, it.data]);
  const keeper = can(user, 'materials.docs.save');
  const canImport = can(user, 'materials.import.commit');
  const tabs: Tab[] = ['stock', 'levels', 'expiring', 'transit', 'duties', 'docs', ...(keeper ? (['new', 'stocktake'] as Tab[]) : []), 'card', ...(canImport ? (['import'] as Tab[]) : []), 'agreements', 'setup'];
  return (
    <MatContext.Provider value={ctx}>
      <div className="page materials">
        <h1 className="page-title">{t('title')}</h1>
        <ErrorBanner error={wh.error ?? it.error} />
        <div className="tabs" role="tablist">
          {tabs.map((k) => (
            <button key={k} type="button" role="tab" data-tab={k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
              {t(`tabs.${k}`)}
            </button>
          ))}
        </div>
        {tab === 'stock' && <StockTab />}
        {tab === 'levels' && <LevelsTab />}
        {tab === 'expiring' && <ExpiringTab />}
        {tab === 'transit' && <TransitTab open={(id) => (setOpenDoc(id), setTab('docs'))} />}
        {tab === 'duties' && <DutiesTab />}
        {tab === 'docs' && <DocsTab initial={openDoc} />}
        {tab === 'new' && <NewDocTab onSaved={(id) => (setOpenDoc(id), setTab('docs'))} />}
        {tab === 'stocktake' && <StocktakeTab />}
        {tab === 'card' && <CardTab />}
        {tab === 'import' && <ImportTab />}
        {tab === 'agreements' && <AgreementsTab />}
        {tab === 'setup' && <SetupTab />}
      </div>
    </MatContext.Provider>
  );
}

function ExportButton(props: { input: Parameters<typeof downloadExport>[0] }) {
  const { t } = useTranslation('materials');
  const [err, setErr] = useState<string | null>(null);
  return (
    <>
      <button type="button" data-testid="export" onClick={() => downloadExport(props.input).catch((e: unknown) => setErr(errorText(e)))}>
        {t('a.export')}
      </button>
      {err ? <span className="bad">{err}</span> : null}
    </>
  );
}

function StockTab() {
  const { t } = useTranslation('materials');
  const { warehouses } = useMat();
  const [groupBy, setGroupBy] = useState<'warehouse' | 'tier' | 'item' | 'category' | 'detail'>('item');
  const [warehouseId, setWarehouseId] = useState('');
  const [tier, setTier] = useState('');
  const [category, setCategory] = useState('');
  const filter = {
    groupBy,
    ...(warehouseId ? { warehouseId } : {}),
    ...(tier ? { tier: tier as 'district' } : {}),
    ...(category ? { category: category as 'flood' } : {}),
  };
  const { data, error } = useApiQuery('materials.stock', filter);
  const [verify, setVerify] = useState<string | null>(null);
  const cols = useMemo<ColDef<StockRow>[]>(() => {
    const c: ColDef<StockRow>[] = [];
    if (groupBy === 'warehouse' || groupBy === 'detail') c.push({ field: 'warehouseName', headerName: t('f.warehouse'), width: 200 });
    if (groupBy === 'warehouse' || groupBy === 'tier' || groupBy === 'detail') c.push({ headerName: t('f.tier'), width: 130, valueGetter: (p) => (p.data?.tier ? t(`tiers.${p.data.tier}`) : '') });
    if (groupBy === 'item' || groupBy === 'detail') {
      c.push({ field: 'itemCode', headerName: t('f.code'), width: 100 }, { field: 'itemName', headerName: t('f.name'), width: 130 }, { field: 'spec', headerName: t('f.spec'), width: 130 });
    }
    if (groupBy === 'category' || groupBy === 'item') c.push({ headerName: t('f.category'), width: 120, valueGetter: (p) => (p.data?.category ? t(`cats.${p.data.category}`) : '') });
    if (groupBy === 'detail') c.push({ field: 'batchNo', headerName: t('f.batch'), width: 110 }, { field: 'expiryDate', headerName: t('f.expiry'), width: 110 });
    c.push({ headerName: t('f.qty'), width: 100, type: 'rightAligned', valueGetter: (p) => fmtQty(p.data?.qty) });
    if (groupBy === 'item' || groupBy === 'detail') c.push({ field: 'unit', headerName: t('f.unit'), width: 70 });
    if (groupBy === 'item' || groupBy === 'detail') {
      c.push({ headerName: t('f.standard'), width: 100, type: 'rightAligned', valueGetter: (p) => fmtQty(p.data?.standardQty) });
      c.push({ headerName: t('f.min'), width: 100, type: 'rightAligned', valueGetter: (p) => fmtQty(p.data?.minQty) });
    }
    if (groupBy === 'item') c.push({ headerName: t('f.agreement'), width: 130, type: 'rightAligned', cellClass: 'capability', valueGetter: (p) => (p.data?.agreementQty ? fmtQty(p.data.agreementQty) : '') });
    return c;
  }, [groupBy, t]);
  return (
    <div>
      <div className="toolbar">
        <label>
          {t('groupBy.label')}{' '}
          <select name="groupBy" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
            {(['item', 'warehouse', 'tier', 'category', 'detail'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`groupBy.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <select name="warehouseFilter" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          <option value="">{t('all.warehouse')}</option>
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <select name="tierFilter" value={tier} onChange={(e) => setTier(e.target.value)}>
          <option value="">{t('all.tier')}</option>
          {(['district', 'township', 'village'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`tiers.${x}`)}
            </option>
          ))}
        </select>
        <select name="categoryFilter" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('all.category')}</option>
          {(['flood', 'relief'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`cats.${x}`)}
            </option>
          ))}
        </select>
        <ExportButton input={{ view: 'stock', stock: filter }} />
        <button
          type="button"
          data-testid="verify"
          onClick={() =>
            void api.send('materials.verifyLedger').then(
              (v) => setVerify(v.ok ? t('msg.verifyOk', { lines: v.lines, balances: v.balances }) : t('msg.verifyBad', { n: v.mismatches.length + v.negatives })),
              (e: unknown) => setVerify(errorText(e)),
            )
          }
        >
          {t('a.verify')}
        </button>
        {verify ? <span data-testid="verify-result">{verify}</span> : null}
      </div>
      {groupBy === 'item' ? <p className="muted small">{t('msg.capability')}</p> : null}
      <ErrorBanner error={error} />
      <Grid<StockRow> rowData={data ?? []} columnDefs={cols} getRowId={(p) => p.data.key} height={520} />
    </div>
  );
}

function LevelsTab() {
  const { t } = useTranslation('materials');
  const { data, error } = useApiQuery('materials.levels', { onlyBelow: true });
  const cols = useMemo<ColDef<LevelRow>[]>(
    () => [
      { field: 'warehouseName', headerName: t('f.warehouse'), width: 200 },
      { field: 'itemName', headerName: t('f.name'), width: 150 },
      { headerName: t('f.qty'), width: 100, valueGetter: (p) => fmtQty(p.data?.qty), cellClass: (p) => (p.data?.belowMin ? 'bad' : '') },
      { headerName: t('f.standard'), width: 110, valueGetter: (p) => fmtQty(p.data?.standardQty) },
      { headerName: t('f.min'), width: 110, valueGetter: (p) => fmtQty(p.data?.minQty) },
      { field: 'unit', headerName: t('f.unit'), width: 80 },
    ],
    [t],
  );
  return (
    <div>
      <div className="toolbar">
        <ExportButton input={{ view: 'levels' }} />
      </div>
      <ErrorBanner error={error} />
      <Grid<LevelRow> rowData={data ?? []} columnDefs={cols} height={480} />
    </div>
  );
}

function ExpiringTab() {
  const { t } = useTranslation('materials');
  const [days, setDays] = useState(90);
  const { data, error } = useApiQuery('materials.expiring', { days });
  const cols = useMemo<ColDef<ExpiringRow>[]>(
    () => [
      { field: 'warehouseName', headerName: t('f.warehouse'), width: 200 },
      { field: 'itemName', headerName: t('f.name'), width: 150 },
      { field: 'batchNo', headerName: t('f.batch'), width: 120 },
      { field: 'expiryDate', headerName: t('f.expiry'), width: 120, cellClass: (p) => (p.data?.expired ? 'bad' : '') },
      { field: 'daysLeft', headerName: t('f.daysLeft'), width: 100 },
      { headerName: t('f.qty'), width: 100, valueGetter: (p) => fmtQty(p.data?.qty) },
      { field: 'unit', headerName: t('f.unit'), width: 80 },
    ],
    [t],
  );
  return (
    <div>
      <div className="toolbar">
        <label>
          {t('f.daysLeft')} ≤ <input type="number" name="days" value={days} min={0} max={3650} onChange={(e) => setDays(Number(e.target.value) || 0)} style={{ width: 80 }} />
        </label>
        <ExportButton input={{ view: 'expiring', days }} />
        <span className="muted small">{t('msg.expiredHint')}</span>
      </div>
      <ErrorBanner error={error} />
      <Grid<ExpiringRow> rowData={data ?? []} columnDefs={cols} height={480} />
    </div>
  );
}

function TransitTab({ open }: { open(id: string): void }) {
  const { t } = useTranslation('materials');
  const { station } = useSession();
  const { data, error } = useApiQuery('materials.inTransit');
  const rules = useApiQuery('materials.rules').data;
  const cols = useMemo<ColDef<DocRow>[]>(
    () => [
      { field: 'docNo', headerName: t('f.docNo'), width: 170 },
      { field: 'warehouseName', headerName: t('f.warehouse'), width: 180 },
      { field: 'toWarehouseName', headerName: t('f.toWarehouse'), width: 180 },
      { headerName: t('f.dispatched'), width: 150, valueGetter: (p) => (p.data?.dispatchedAt ? formatDateTime(p.data.dispatchedAt, station.timeZone) : '') },
      { headerName: t('f.deadline'), width: 150, valueGetter: (p) => (p.data?.deadlineAt ? formatDateTime(p.data.deadlineAt, station.timeZone) : ''), cellClass: (p) => (p.data?.overdue ? 'bad' : '') },
      { headerName: t('f.lines'), flex: 1, valueGetter: (p) => p.data?.lines.map((l) => `${l.itemName}×${fmtQty(l.qty)}${l.unit}`).join('；') },
    ],
    [t, station.timeZone],
  );
  return (
    <div>
      <div className="toolbar">
        <ExportButton input={{ view: 'transit' }} />
        <span className="muted small">{t('msg.deadlineHours', { hours: rules?.transferHours ?? 12 })}</span>
      </div>
      <ErrorBanner error={error} />
      <Grid<DocRow> rowData={data ?? []} columnDefs={cols} height={420} onRowDoubleClicked={(e) => e.data && open(e.data.id)} />
    </div>
  );
}

function AgreementsTab() {
  const { t } = useTranslation('materials');
  const { user } = useSession();
  const { items } = useMat();
  const { data, error, reload } = useApiQuery('materials.agreements.list');
  const canEdit = can(user, 'materials.agreements.saveEnterprise');
  const [ef, setEf] = useState({ name: '', contact: '', phone: '' });
  const [cf, setCf] = useState({ enterpriseId: '', contractNo: '', validFrom: '', validTo: '', responseHours: '24', contacts: '', itemId: '', qty: '' });
  const [err, setErr] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setErr(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const cols = useMemo<ColDef<ContractRow>[]>(
    () => [
      { field: 'enterpriseName', headerName: t('f.enterprise'), width: 200 },
      { field: 'contractNo', headerName: t('f.contract'), width: 140 },
      {
        headerName: t('f.validTo'),
        width: 200,
        valueGetter: (p) =>
          p.data ? `${p.data.validTo} ${p.data.expired ? t('msg.contractExpired') : p.data.expiringSoon ? t('msg.contractExpiring', { days: p.data.daysLeft }) : ''}` : '',
        cellClass: (p) => (p.data?.expired || p.data?.expiringSoon ? 'bad' : ''),
      },
      { headerName: t('f.response'), width: 100, valueGetter: (p) => (p.data ? `${p.data.responseHours} h` : '') },
      { field: 'contacts', headerName: t('f.contacts'), width: 160 },
      { headerName: t('f.lines'), flex: 1, valueGetter: (p) => p.data?.items.map((i) => `${i.itemName}×${fmtQty(i.qty)}${i.unit}`).join('；') },
    ],
    [t],
  );
  return (
    <div>
      <div className="toolbar">
        <ExportButton input={{ view: 'contracts' }} />
        <span className="muted small">{t('msg.capability')}</span>
      </div>
      <ErrorBanner error={error ?? err} />
      <Grid<ContractRow> rowData={data?.contracts ?? []} columnDefs={cols} height={320} />
      {canEdit ? (
        <div className="row" style={{ marginTop: 12, alignItems: 'flex-start' }}>
          <div className="card">
            <input name="entName" placeholder={t('f.enterprise')} value={ef.name} onChange={(e) => setEf({ ...ef, name: e.target.value })} />
            <input name="entContact" placeholder={t('f.contacts')} value={ef.contact} onChange={(e) => setEf({ ...ef, contact: e.target.value })} />
            <input name="entPhone" placeholder="☎" value={ef.phone} onChange={(e) => setEf({ ...ef, phone: e.target.value })} />
            <button type="button" onClick={() => void run(() => api.send('materials.agreements.saveEnterprise', { name: ef.name, contact: ef.contact || undefined, phone: ef.phone || undefined }))}>
              {t('a.addEnterprise')}
            </button>
          </div>
          <div className="card">
            <select name="conEnterprise" value={cf.enterpriseId} onChange={(e) => setCf({ ...cf, enterpriseId: e.target.value })}>
              <option value="">{t('f.enterprise')}</option>
              {(data?.enterprises ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <input name="conNo" placeholder={t('f.contract')} value={cf.contractNo} onChange={(e) => setCf({ ...cf, contractNo: e.target.value })} />
            <div className="row">
              <input name="conFrom" type="date" value={cf.validFrom} onChange={(e) => setCf({ ...cf, validFrom: e.target.value })} />
              <input name="conTo" type="date" value={cf.validTo} onChange={(e) => setCf({ ...cf, validTo: e.target.value })} />
              <input name="conHours" type="number" min={1} value={cf.responseHours} onChange={(e) => setCf({ ...cf, responseHours: e.target.value })} title={t('f.response')} />
            </div>
            <input name="conContacts" placeholder={t('f.contacts')} value={cf.contacts} onChange={(e) => setCf({ ...cf, contacts: e.target.value })} />
            <div className="row">
              <select name="conItem" value={cf.itemId} onChange={(e) => setCf({ ...cf, itemId: e.target.value })}>
                <option value="">{t('f.item')}</option>
                {items
                  .filter((i) => !i.retired)
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name} {i.spec}
                    </option>
                  ))}
              </select>
              <input name="conQty" type="number" placeholder={t('f.qty')} value={cf.qty} onChange={(e) => setCf({ ...cf, qty: e.target.value })} />
            </div>
            <button
              type="button"
              onClick={() =>
                void run(() =>
                  api.send('materials.agreements.saveContract', {
                    enterpriseId: cf.enterpriseId,
                    contractNo: cf.contractNo,
                    validFrom: cf.validFrom,
                    validTo: cf.validTo,
                    responseHours: Number(cf.responseHours),
                    contacts: cf.contacts || undefined,
                    items: [{ itemId: cf.itemId, qty: Number(cf.qty) }],
                  }),
                )
              }
            >
              {t('a.addContract')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
