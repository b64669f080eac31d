import type { DB } from '../db/open';
import type { DemoContext, DemoPart } from '../devtools/demo';
import { userByName } from '../users/repo';
import { newId } from '../util/ids';
import { approve, post, receive, saveDraft, type LedgerEnv } from './ledger';
import { addDays, localDate } from '../../contract/time';
import { fileDuty } from './filings';
// Demo data only (devtools): the app's board answers the station calendar's working days.
import { BOARD } from '../modules';

/** Dongchang district demo: the depot, township points, village storerooms, a catalogue, a few months of movements. */
function demoMaterials(db: DB, ctx: DemoContext): void {
  if (db.prepare('SELECT 1 FROM mat_warehouses LIMIT 1').get()) return;
  const t0 = ctx.now;
  const st = ctx.station.id;
  const towns = db.prepare("SELECT code, name FROM places WHERE level = 'township' ORDER BY sort LIMIT 4").all() as { code: string; name: string }[];
  const insWh = db.prepare('INSERT INTO mat_warehouses (id, station_id, code, name, tier, parent_id, place_code, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const depot = newId();
  insWh.run(depot, st, 'QK01', '东昌区应急物资储备库', 'district', null, null, '东昌区滨河路 88 号', t0, t0);
  const points = towns.map((t, i) => {
    const id = newId();
    insWh.run(id, st, `XZ${String(i + 1).padStart(2, '0')}`, `${t.name}应急物资储备点`, 'township', depot, t.code, '', t0, t0);
    return id;
  });
  const village = db.prepare("SELECT code, name FROM places WHERE level = 'village' AND parent_code = ? ORDER BY sort LIMIT 1").get(towns[0]?.code ?? '') as
    | { code: string; name: string }
    | undefined;
  const room = newId();
  insWh.run(room, st, 'CS01', `${village?.name ?? '示范村'}应急物资储存室`, 'village', points[0] ?? depot, village?.code ?? null, '', t0, t0);

  const keeper = userByName(db, 'heping');
  const keeper2 = userByName(db, 'gaoyan');
  const leader = userByName(db, 'wangjh');
  if (!keeper || !keeper2 || !leader) return;
  const insKeeper = db.prepare('INSERT INTO mat_keepers (id, warehouse_id, user_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)');
  insKeeper.run(newId(), depot, keeper.id, t0, ctx.adminId);
  for (const p of [...points, room]) insKeeper.run(newId(), p, keeper2.id, t0, ctx.adminId);

  const catalogue: [string, string, string, string, string, 'flood' | 'relief', number | null][] = [
    ['ZP-12', '1020102', '棉帐篷', '12平方米', '顶', 'relief', null],
    ['ZP-D', '1020101', '单帐篷', '3×4米', '顶', 'relief', null],
    ['MB-01', '1010101', '棉被', '2×2.3米', '床', 'relief', null],
    ['MDY-01', '1010102', '棉大衣', '均码', '件', 'relief', null],
    ['ZDC-01', '1020201', '折叠床', '单人', '张', 'relief', null],
    ['SD-01', '1020202', '睡袋', '成人', '条', 'relief', 1825],
    ['FBM-01', '1030101', '方便面', '24袋/箱', '箱', 'relief', 180],
    ['SZ-550', '1030201', '瓶装水', '550毫升×24', '箱', 'relief', 365],
    ['JSY-01', '2010101', '救生衣', '成人型', '件', 'flood', 1825],
    ['CFZ-01', '2010103', '冲锋舟', '玻璃钢 6 人', '艘', 'flood', null],
    ['ZMD-01', '2020101', '场地照明灯', '全方位自动泛光', '盏', 'flood', null],
    ['FDJ-5', '2020201', '发电机', '5千瓦汽油', '台', 'flood', null],
    ['BZD-01', '3010101', '编织袋', '50×80厘米', '条', 'flood', null],
    ['SS-01', '3010301', '砂石料', '中粗砂', '吨', 'flood', null],
  ];
  const insItem = db.prepare(
    'INSERT INTO mat_items (id, station_id, code, class_code, name, spec, unit, integer_unit, category, shelf_life_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const item: Record<string, string> = {};
  for (const [code, cls, name, spec, unit, cat, shelf] of catalogue) {
    const id = newId();
    insItem.run(id, st, code, cls, name, spec, unit, unit === '吨' ? 0 : 1, cat, shelf, t0, t0);
    item[code] = id;
  }
  const insLevel = db.prepare('INSERT INTO mat_levels (warehouse_id, item_id, standard_qty, min_qty, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const [code, s, m] of [['ZP-12', 300, 100], ['MB-01', 1000, 300], ['JSY-01', 500, 200], ['BZD-01', 20000, 5000]] as const) insLevel.run(depot, item[code], s * 1000, m * 1000, t0);
  for (const p of points) for (const [code, s, m] of [['ZP-12', 30, 10], ['MB-01', 100, 40], ['JSY-01', 50, 20]] as const) insLevel.run(p, item[code], s * 1000, m * 1000, t0);

  const today = localDate(t0, ctx.station.timeZone);
  const k1: LedgerEnv = { db, stationId: st, timeZone: ctx.station.timeZone, now: t0 - 60 * 86400_000, actor: { id: keeper.id, roles: ['keeper'] } };
  const k2: LedgerEnv = { ...k1, actor: { id: keeper2.id, roles: ['keeper'] } };
  const lead: LedgerEnv = { ...k1, actor: { id: leader.id, roles: ['leader'] } };
  const at = (days: number) => t0 - days * 86400_000;
  const b = (batchNo: string, productionDate = '', expiryDate = '') => ({ batchNo, productionDate, expiryDate, origin: '吉林通化', labelNo: '', quality: '合格' });
  const run = (env: LedgerEnv, when: number, fn: (e: LedgerEnv) => { doc: { id: string; version: number } }) => fn({ ...env, now: when }).doc;

  // Opening stock at the depot (purchase, acceptance recorded).
  const r1 = run(k1, at(60), (e) =>
    saveDraft(e, {
      kind: 'receipt',
      warehouseId: depot,
      source: 'purchase',
      acceptance: '数量、质量验收合格',
      lines: [
        { itemId: item['ZP-12'], qty: 260, batch: b('ZP2026-05') },
        { itemId: item['MB-01'], qty: 1200, batch: b('MB2026-09') },
        { itemId: item['MDY-01'], qty: 600, batch: b('MDY2026-10') },
        { itemId: item['ZDC-01'], qty: 300, batch: b('ZDC2025-11') },
        { itemId: item['SZ-550'], qty: 400, batch: b('SZ2025-12', '2025-12-10') },
        { itemId: item['SZ-550'], qty: 300, batch: b('SZ2026-08', '2026-08-01') },
        { itemId: item['FBM-01'], qty: 150, batch: b('FBM2026-06', '2026-06-15') },
        { itemId: item['JSY-01'], qty: 450, batch: b('JSY2024-04', '2024-04-01') },
        { itemId: item['CFZ-01'], qty: 6, batch: b('CFZ-2023') },
        { itemId: item['ZMD-01'], qty: 12, batch: b('ZMD-2024') },
        { itemId: item['FDJ-5'], qty: 10, batch: b('FDJ-2025') },
        { itemId: item['BZD-01'], qty: 18000, batch: b('BZD2026-03') },
        { itemId: item['SS-01'], qty: 320.5, batch: b('') },
      ],
    }),
  );
  post({ ...k1, now: at(60) }, r1.id, r1.version);

  // Transfers to township points: one received (with a shortage), one still in transit.
  for (const [i, p] of points.slice(0, 2).entries()) {
    const d = run(k1, at(40 - i), (e) =>
      saveDraft(e, { kind: 'transfer', warehouseId: depot, toWarehouseId: p, reason: '汛前预置', lines: [{ itemId: item['ZP-12'], qty: 20 }, { itemId: item['MB-01'], qty: 80 }, { itemId: item['JSY-01'], qty: 40 }] }),
    );
    const a = approve({ ...lead, now: at(40 - i) }, d.id, d.version).doc;
    const s = post({ ...k1, now: at(40 - i) }, a.id, a.version).doc;
    receive({ ...k2, now: at(40 - i) + 5 * 3600_000 }, s.id, s.version, [
      { lineNo: 1, received: 20, damaged: 0 },
      { lineNo: 2, received: i === 0 ? 78 : 80, damaged: i === 0 ? 2 : 0, reason: i === 0 ? '2床受潮' : undefined },
      { lineNo: 3, received: 40, damaged: 0 },
    ]);
  }
  if (points[2]) {
    const d = run(k1, t0 - 3 * 3600_000, (e) => saveDraft(e, { kind: 'transfer', warehouseId: depot, toWarehouseId: points[2], reason: '防汛物资前置', lines: [{ itemId: item['BZD-01'], qty: 2000 }, { itemId: item['JSY-01'], qty: 30 }] }));
    const a = approve({ ...lead, now: t0 - 3 * 3600_000 }, d.id, d.version).doc;
    post({ ...k1, now: t0 - 3 * 3600_000 }, a.id, a.version);
  }
  // Issues to relief work (first-expiry-first-out).
  const iss = run(k1, at(10), (e) =>
    saveDraft(e, { kind: 'issue', warehouseId: depot, recipient: '古城街道转移安置点', approvedByName: '王建华', lines: [{ itemId: item['SZ-550'], qty: 120 }, { itemId: item['MB-01'], qty: 150 }, { itemId: item['ZDC-01'], qty: 60 }] }),
  );
  post({ ...k1, now: at(10) }, iss.id, iss.version);

  // Reporting duties (standards §5): the big receipt's acceptance was reported on time, the issue's
  // vouchers a week late with the reason; the working days are the station calendar's (the board's).
  const duties = { db, stationId: st, timeZone: ctx.station.timeZone, calendar: BOARD };
  const who = { id: keeper.id, displayName: keeper.display_name };
  fileDuty({ ...duties, now: at(57) }, { kind: 'acceptance', docId: r1.id, recipient: '区应急管理局物资保障科' }, who);
  fileDuty({ ...duties, now: at(3) }, { kind: 'issue', docId: iss.id, recipient: '区应急管理局物资保障科', lateReason: '发放时正值转移安置，签收单晚两日收回' }, who);

  // Agreement reserves: one contract expiring within a month.
  const ent = newId();
  db.prepare('INSERT INTO mat_enterprises (id, station_id, name, contact, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(ent, st, '通化市鸿运帐篷制造有限公司', '李经理', '0435-8123456', '东昌区经济开发区', t0, t0);
  const ent2 = newId();
  db.prepare('INSERT INTO mat_enterprises (id, station_id, name, contact, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(ent2, st, '东昌区华联超市', '张店长', '0435-8234567', '柳园路', t0, t0);
  const insC = db.prepare('INSERT INTO mat_contracts (id, station_id, enterprise_id, contract_no, valid_from, valid_to, response_hours, contacts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insCi = db.prepare('INSERT INTO mat_contract_items (contract_id, item_id, qty) VALUES (?, ?, ?)');
  const c1 = newId();
  insC.run(c1, st, ent, 'DCXY-2025-03', addDays(today, -340), addDays(today, 20), 24, '李经理 13804350001', t0, t0);
  insCi.run(c1, item['ZP-12'], 500_000);
  insCi.run(c1, item['ZP-D'], 300_000);
  const c2 = newId();
  insC.run(c2, st, ent2, 'DCXY-2026-01', addDays(today, -100), addDays(today, 265), 6, '张店长 13904350002', t0, t0);
  insCi.run(c2, item['SZ-550'], 2_000_000);
  insCi.run(c2, item['FBM-01'], 1_500_000);
}

export const materialsDemo: DemoPart = demoMaterials;
