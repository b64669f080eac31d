import { setUpStation, testApp, userWithRoles, type Caller, type TestApp } from '../helpers';

/** A station with two warehouses (district depot → township point), keepers, a leader and four items. */
export async function materialsFixture(start?: number) {
  const t: TestApp = testApp();
  if (start !== undefined) t.clock.t = start;
  const { admin } = await setUpStation(t);
  const keeper = await userWithRoles(t, admin, 'heping', ['keeper']);
  const keeper2 = await userWithRoles(t, admin, 'gaoyan', ['keeper']);
  const leader = await userWithRoles(t, admin, 'wangjh', ['leader']);
  const viewer = await userWithRoles(t, admin, 'linfeng', ['viewer']);
  const depot = await admin.ok('materials.warehouses.save', { code: 'QK01', name: '东昌区应急物资储备库', tier: 'district' });
  const point = await admin.ok('materials.warehouses.save', { code: 'XZ01', name: '江南街道储备点', tier: 'township', parentId: depot.id });
  await admin.ok('materials.keepers.assign', { warehouseId: depot.id, userId: keeper.user.id });
  await admin.ok('materials.keepers.assign', { warehouseId: point.id, userId: keeper2.user.id });
  const tent = await admin.ok('materials.items.save', { code: 'ZP-12', classCode: '1020102', name: '棉帐篷', spec: '12平方米', unit: '顶', category: 'relief' });
  const quilt = await admin.ok('materials.items.save', { code: 'MB-01', classCode: '1010101', name: '棉被', spec: '2×2.3米', unit: '床', category: 'relief' });
  const water = await admin.ok('materials.items.save', { code: 'WA-550', classCode: '1030201', name: '瓶装水', spec: '550毫升×24', unit: '箱', category: 'relief', shelfLifeDays: 365 });
  const sand = await admin.ok('materials.items.save', { code: 'SS-01', classCode: '3010301', name: '砂石料', spec: '中粗砂', unit: '吨', category: 'flood' });
  return { t, admin, keeper: keeper.caller, keeper2: keeper2.caller, leader: leader.caller, viewer: viewer.caller, depot, point, tent, quilt, water, sand };
}
export type Fx = Awaited<ReturnType<typeof materialsFixture>>;

/** Everything the ledger could change, to assert "nothing changed" after a refused call. */
export function snapshot(t: TestApp) {
  const q = (sql: string) => t.db.prepare(sql).all();
  return JSON.stringify({
    docs: q('SELECT id, status, version FROM mat_docs ORDER BY id'),
    lines: q('SELECT count(*) n, coalesce(sum(qty),0) s FROM mat_lines'),
    bal: q('SELECT * FROM mat_balances ORDER BY warehouse_id, item_id, batch_id'),
    batches: q('SELECT count(*) n FROM mat_batches'),
    st: q('SELECT id, status, version FROM mat_stocktakes ORDER BY id'),
  });
}

export async function receive(c: Caller, warehouseId: string, lines: { itemId: string; qty: number; batch?: { batchNo?: string; expiryDate?: string; productionDate?: string } }[]) {
  const d = await c.ok('materials.docs.save', { kind: 'receipt', warehouseId, source: 'purchase', lines });
  return c.ok('materials.docs.post', { id: d.id, version: d.version });
}
