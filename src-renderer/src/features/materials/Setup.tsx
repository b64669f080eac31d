import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ItemRow, ReserveCategory, Tier, WarehouseRow } from '@contract/materials';
import { api, ApiCallError, errorText } from '../../api/client';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { can } from '@contract/index';
import { useSession } from '../../app/session';
import { fmtQty, useMat } from './shared';

/** Warehouses (three tiers), keepers, catalogue (GB/T 38565 classes, units as data), reserve levels. */
export function SetupTab() {
  const { t } = useTranslation('materials');
  const { user } = useSession();
  const { warehouses, items, reload } = useMat();
  const ref = useApiQuery('materials.refData');
  const users = useApiQuery('users.list', undefined, { enabled: can(user, 'materials.keepers.assign') && can(user, 'users.list') });
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setErr(null);
    setMsg(null);
    setErrs({});
    try {
      await fn();
      setMsg(ok);
      reload();
    } catch (e) {
      setErr(errorText(e));
      if (e instanceof ApiCallError) setErrs(e.fieldErrors());
    }
  };
  const [wf, setWf] = useState({ code: '', name: '', tier: 'township' as Tier, parentId: '' });
  const [itf, setItf] = useState({ code: '', classCode: '', name: '', spec: '', unit: '', category: 'relief' as ReserveCategory, shelfLifeDays: '' });
  const [kf, setKf] = useState({ warehouseId: '', userId: '' });
  const [lf, setLf] = useState({ warehouseId: '', itemId: '', standardQty: '', minQty: '' });
  const [selWh, setSelWh] = useState<WarehouseRow | null>(null);
  const whCols = useMemo<ColDef<WarehouseRow>[]>(
    () => [
      { field: 'code', headerName: t('f.code'), width: 90 },
      { field: 'name', headerName: t('f.name'), flex: 1 },
      { headerName: t('f.tier'), width: 130, valueGetter: (p) => (p.data ? t(`tiers.${p.data.tier}`) : '') },
      { headerName: t('f.parent'), width: 180, valueGetter: (p) => warehouses.find((w) => w.id === p.data?.parentId)?.name ?? '' },
      { headerName: t('f.keepers'), width: 140, valueGetter: (p) => p.data?.keepers.map((k) => k.name).join('、') },
      { headerName: t('f.status'), width: 80, valueGetter: (p) => (p.data?.retired ? t('msg.retired') : '') },
    ],
    [t, warehouses],
  );
  const itemCols = useMemo<ColDef<ItemRow>[]>(
    () => [
      { field: 'code', headerName: t('f.code'), width: 90 },
      { field: 'classCode', headerName: t('f.class'), width: 95 },
      { field: 'className', headerName: '', width: 100 },
      { field: 'name', headerName: t('f.name'), width: 120 },
      { field: 'spec', headerName: t('f.spec'), flex: 1 },
      { field: 'unit', headerName: t('f.unit'), width: 70 },
      { headerName: t('f.category'), width: 110, valueGetter: (p) => (p.data ? t(`cats.${p.data.category}`) : '') },
      { headerName: t('f.shelfLife'), width: 90, valueGetter: (p) => p.data?.shelfLifeDays ?? '' },
    ],
    [t],
  );
  const fine = (ref.data?.classes ?? []).filter((c) => c.level === 4);
  const submitWh = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.send('materials.warehouses.save', { code: wf.code, name: wf.name, tier: wf.tier, parentId: wf.parentId || null }), `${wf.name} ✔`);
  };
  const submitItem = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        api.send('materials.items.save', {
          code: itf.code,
          classCode: itf.classCode,
          name: itf.name,
          spec: itf.spec || undefined,
          unit: itf.unit,
          category: itf.category,
          shelfLifeDays: itf.shelfLifeDays ? Number(itf.shelfLifeDays) : null,
        }),
      `${itf.name} ✔`,
    );
  };
  return (
    <div className="setup-grid">
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      <ErrorBanner error={err} />
      <div className="split">
        <div className="split-main">
          <h3>{t('f.warehouse')}</h3>
          <Grid<WarehouseRow>
            rowData={warehouses}
            columnDefs={whCols}
            getRowId={(p) => p.data.id}
            height={260}
            rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
            onSelectionChanged={(e) => setSelWh(e.api.getSelectedRows()[0] ?? null)}
          />
          {can(user, 'materials.warehouses.retire') && selWh && !selWh.retired ? (
            <button
              type="button"
              className="danger"
              onClick={() => {
                const why = window.prompt(t('f.reason'));
                if (why) void run(() => api.send('materials.warehouses.retire', { id: selWh.id, version: selWh.version, reason: why }), `${selWh.name} ✔`);
              }}
            >
              {t('a.retire')} {selWh.name}
            </button>
          ) : null}
        </div>
        <div className="split-side">
          {can(user, 'materials.warehouses.save') ? (
            <form className="card" onSubmit={submitWh} data-testid="new-warehouse">
              <div className="row">
                <Field label={t('f.code')} error={errs.code}>
                  <input name="whCode" value={wf.code} onChange={(e) => setWf({ ...wf, code: e.target.value })} />
                </Field>
                <Field label={t('f.tier')}>
                  <select name="whTier" value={wf.tier} onChange={(e) => setWf({ ...wf, tier: e.target.value as Tier })}>
                    {(['district', 'township', 'village'] as const).map((x) => (
                      <option key={x} value={x}>
                        {t(`tiers.${x}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <Field label={t('f.name')} error={errs.name}>
                <input name="whName" value={wf.name} onChange={(e) => setWf({ ...wf, name: e.target.value })} />
              </Field>
              <Field label={t('f.parent')}>
                <select name="whParent" value={wf.parentId} onChange={(e) => setWf({ ...wf, parentId: e.target.value })}>
                  <option value="" />
                  {warehouses
                    .filter((w) => (wf.tier === 'township' ? w.tier === 'district' : wf.tier === 'village' ? w.tier === 'township' : false))
                    .map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.name}
                      </option>
                    ))}
                </select>
              </Field>
              <button type="submit" className="primary">
                {t('a.addWarehouse')}
              </button>
            </form>
          ) : null}
          {can(user, 'materials.keepers.assign') ? (
            <div className="card">
              <Field label={t('f.keepers')}>
                <select name="keeperWarehouse" value={kf.warehouseId} onChange={(e) => setKf({ ...kf, warehouseId: e.target.value })}>
                  <option value="">{t('f.warehouse')}</option>
                  {warehouses.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
                <select name="keeperUser" value={kf.userId} onChange={(e) => setKf({ ...kf, userId: e.target.value })}>
                  <option value="" />
                  {(users.data ?? [])
                    .filter((u) => u.roles.includes('keeper') && !u.disabled)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.displayName} ({u.username})
                      </option>
                    ))}
                </select>
              </Field>
              <button type="button" disabled={!kf.warehouseId || !kf.userId} onClick={() => void run(() => api.send('materials.keepers.assign', kf), t('a.assign') + ' ✔')}>
                {t('a.assign')}
              </button>
            </div>
          ) : null}
        </div>
      </div>
      <div className="split">
        <div className="split-main">
          <h3>{t('f.item')}</h3>
          <Grid<ItemRow> rowData={items} columnDefs={itemCols} getRowId={(p) => p.data.id} height={320} />
        </div>
        <div className="split-side">
          {can(user, 'materials.items.save') ? (
            <form className="card" onSubmit={submitItem} data-testid="new-item">
              <div className="row">
                <Field label={t('f.code')} error={errs.code}>
                  <input name="itemCode" value={itf.code} onChange={(e) => setItf({ ...itf, code: e.target.value })} />
                </Field>
                <Field label={t('f.name')} error={errs.name}>
                  <input name="itemName" value={itf.name} onChange={(e) => setItf({ ...itf, name: e.target.value })} />
                </Field>
              </div>
              <Field label={`${t('f.class')} (GB/T 38565-2020)`} error={errs.classCode}>
                <select name="itemClass" value={itf.classCode} onChange={(e) => setItf({ ...itf, classCode: e.target.value, name: itf.name || (fine.find((c) => c.code === e.target.value)?.name ?? '') })}>
                  <option value="" />
                  {fine.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              <div className="row">
                <Field label={t('f.spec')}>
                  <input name="itemSpec" value={itf.spec} onChange={(e) => setItf({ ...itf, spec: e.target.value })} />
                </Field>
                <Field label={t('f.unit')} error={errs.unit}>
                  <select name="itemUnit" value={itf.unit} onChange={(e) => setItf({ ...itf, unit: e.target.value })}>
                    <option value="" />
                    {(ref.data?.units ?? []).map((u) => (
                      <option key={u.code} value={u.code}>
                        {u.code}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <div className="row">
                <Field label={t('f.category')}>
                  <select name="itemCategory" value={itf.category} onChange={(e) => setItf({ ...itf, category: e.target.value as ReserveCategory })}>
                    {(['relief', 'flood'] as const).map((c) => (
                      <option key={c} value={c}>
                        {t(`cats.${c}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('f.shelfLife')}>
                  <input name="itemShelf" type="number" min={1} value={itf.shelfLifeDays} onChange={(e) => setItf({ ...itf, shelfLifeDays: e.target.value })} />
                </Field>
              </div>
              <button type="submit" className="primary">
                {t('a.addItem')}
              </button>
            </form>
          ) : null}
          {can(user, 'materials.levels.set') ? (
            <div className="card">
              <h3>
                {t('f.standard')} / {t('f.min')}
              </h3>
              <select name="levelWarehouse" value={lf.warehouseId} onChange={(e) => setLf({ ...lf, warehouseId: e.target.value })}>
                <option value="">{t('f.warehouse')}</option>
                {warehouses.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
              <select name="levelItem" value={lf.itemId} onChange={(e) => setLf({ ...lf, itemId: e.target.value })}>
                <option value="">{t('f.item')}</option>
                {items
                  .filter((i) => !i.retired)
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name} {i.spec}
                    </option>
                  ))}
              </select>
              <div className="row">
                <input name="levelStandard" type="number" placeholder={t('f.standard')} value={lf.standardQty} onChange={(e) => setLf({ ...lf, standardQty: e.target.value })} />
                <input name="levelMin" type="number" placeholder={t('f.min')} value={lf.minQty} onChange={(e) => setLf({ ...lf, minQty: e.target.value })} />
              </div>
              <button
                type="button"
                disabled={!lf.warehouseId || !lf.itemId}
                onClick={() =>
                  void run(
                    () => api.send('materials.levels.set', { warehouseId: lf.warehouseId, itemId: lf.itemId, standardQty: Number(lf.standardQty) || 0, minQty: Number(lf.minQty) || 0 }),
                    `${fmtQty(Number(lf.standardQty))} / ${fmtQty(Number(lf.minQty))} ✔`,
                  )
                }
              >
                {t('a.setLevel')}
              </button>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
