/**
 * Materials ledger (issue 6):
 *  - post 10k documents through the registry (save + post, audited, synchronous=FULL) vs the same
 *    rows written with raw better-sqlite3, one transaction per document (the floor);
 *  - stock on hand (balances) and the stock card at ≈2M ledger lines vs ≈20k, each via the registry
 *    vs the very same SQL on raw better-sqlite3 — balances must be flat (they read mat_balances only);
 *  - Excel import of a 10k-line ledger (read xlsx + validate + post opening documents) vs raw inserts.
 * Scale data is generated once per scale into os.tmpdir() (kept between runs; keyed by the schema).
 * MAT_BENCH_SCALES=0.01,0.1 for a quick run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { timeIt, ratio, type BenchRow, type BenchSuite } from '../harness';
import { ADMIN_PASSWORD, setUpStation, testApp, type Caller, type TestApp } from '../../unit/helpers';
import { generateMaterials } from '../../../src-main/core/materials/scale';
import { CARD_SQL, stockSql } from '../../../src-main/core/materials/views';
import { Rng } from '../../../src-main/core/devtools/rng';
import { materialsFixture } from '../../unit/materials/fixture';

const SUITE = 'materials';
const SCALES = (process.env.MAT_BENCH_SCALES ?? '0.01,1').split(',').map(Number);
const END = Date.UTC(2026, 10, 28);
const YEAR = 365 * 86_400_000;
const schema = createHash('sha256')
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/materials/migrations/0400_materials.sql')))
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/materials/scale.ts')))
  .digest('hex')
  .slice(0, 10);

async function station(scale: number): Promise<{ t: TestApp; admin: Caller; file: string; lines: number; genSeconds: number | null }> {
  const dir = path.join(os.tmpdir(), `wr-bench-materials-${scale}-${schema}`);
  const done = path.join(dir, 'READY');
  let genSeconds: number | null = null;
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const t = testApp(dir);
    const { user, station: st } = await setUpStation(t);
    const started = Date.now();
    t.db.transaction(() => generateMaterials(t.db, { station: st, adminId: user.id, from: END - 5 * YEAR, to: END, years: 5, scale, log: () => undefined }, new Rng(42)))();
    t.db.exec('ANALYZE');
    genSeconds = (Date.now() - started) / 1000;
    t.close();
    fs.writeFileSync(done, String(genSeconds));
  }
  const t = testApp(dir);
  t.clock.t = END;
  const l = await t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  const lines = (t.db.prepare('SELECT count(*) c FROM mat_lines').get() as { c: number }).c;
  return { t, admin: t.as(l.token), file: path.join(dir, 'watchroom.sqlite'), lines, genSeconds };
}

const fmtLines = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1000)}k`) + ' lines';

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const rows: BenchRow[] = [];
    const results = new Map<string, { scale: number; reg: number }[]>();
    const note = (name: string, scale: number, reg: number) => (results.get(name) ?? results.set(name, []).get(name)!).push({ scale, reg });

    // ---- views at two data sizes ----------------------------------------------------------
    for (const scale of SCALES) {
      const s = await station(scale);
      const label = fmtLines(s.lines);
      if (s.genSeconds !== null) rows.push({ suite: SUITE, name: `generate scale data (${label})`, value: s.genSeconds, unit: 's' });
      rows.push({ suite: SUITE, name: `database size (${label})`, value: fs.statSync(s.file).size / 1024 / 1024, unit: 'MiB' });
      const raw = new Database(s.file, { readonly: true });
      const none = { wh: null, tier: null, item: null, cat: null, cls: null };
      for (const groupBy of ['item', 'warehouse', 'detail'] as const) {
        const q = raw.prepare(stockSql(groupBy));
        // The registry's stock view also reads reserve levels (item/detail) and agreement capability (item): so does the floor.
        const lv = raw.prepare('SELECT item_id, warehouse_id, standard_qty, min_qty FROM mat_levels');
        const ag = raw.prepare(
          `SELECT ci.item_id, SUM(ci.qty) q FROM mat_contract_items ci JOIN mat_contracts c ON c.id = ci.contract_id
           WHERE ci.voided_at IS NULL AND c.voided_at IS NULL AND c.valid_from <= ? AND c.valid_to >= ? GROUP BY ci.item_id`,
        );
        let n = 0;
        const floor = await timeIt(() => {
          n = q.all(none).length;
          if (groupBy !== 'warehouse') lv.all();
          if (groupBy === 'item') ag.all('2026-11-28', '2026-11-28');
        }, { minIters: 10, minMs: 300 });
        const reg = await timeIt(() => s.admin.ok('materials.stock', { groupBy }), { minIters: 10, minMs: 300 });
        const name = `balances: stock by ${groupBy}`;
        note(name, scale, reg);
        rows.push({ suite: SUITE, name: `${name} [${label}] raw SQL floor`, value: floor, unit: 'ms', note: `${n} rows` });
        rows.push({ suite: SUITE, name: `${name} [${label}] via registry`, value: reg, unit: 'ms', ratio: ratio(reg, floor), baseline: 'raw SQL', target: '≤1.5x' });
      }
      // Stock card: the busiest item at the district depot, last 90 days (opening from all history before).
      const busiest = raw
        .prepare("SELECT l.item_id, l.warehouse_id FROM mat_lines l JOIN mat_warehouses w ON w.id = l.warehouse_id WHERE w.tier = 'district' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")
        .get() as { item_id: string; warehouse_id: string };
      const from = END - 90 * 86_400_000;
      const o = raw.prepare(CARD_SQL.opening);
      const r = raw.prepare(CARD_SQL.rows);
      let cardRows = 0;
      const floor = await timeIt(() => {
        o.get(busiest.item_id, busiest.warehouse_id, from);
        cardRows = r.all(busiest.item_id, busiest.warehouse_id, from, END).length;
      }, { minIters: 10, minMs: 300 });
      const reg = await timeIt(() => s.admin.ok('materials.stockCard', { itemId: busiest.item_id, warehouseId: busiest.warehouse_id, from, to: END }), { minIters: 10, minMs: 300 });
      note('stock card (busiest item at the depot, 90 days)', scale, reg);
      rows.push({ suite: SUITE, name: `stock card 90 days [${label}] raw SQL floor`, value: floor, unit: 'ms', note: `${cardRows} movements` });
      rows.push({ suite: SUITE, name: `stock card 90 days [${label}] via registry`, value: reg, unit: 'ms', ratio: ratio(reg, floor), baseline: 'raw SQL', target: '≤1.5x' });
      const v0 = Date.now();
      const v = await s.admin.ok('materials.verifyLedger');
      rows.push({ suite: SUITE, name: `verifyLedger [${label}]`, value: (Date.now() - v0) / 1000, unit: 's', note: v.ok ? 'agrees' : `MISMATCH ${v.mismatches.length}` });
      raw.close();
      s.t.close();
    }
    if (SCALES.length >= 2) {
      const [a, b] = [SCALES[0], SCALES[SCALES.length - 1]];
      for (const [name, rs] of results) {
        const small = rs.find((x) => x.scale === a)!;
        const big = rs.find((x) => x.scale === b)!;
        rows.push({
          suite: SUITE,
          name: `${name}: ${b / a}x lines vs 1x`,
          value: big.reg,
          unit: 'ms',
          ratio: ratio(big.reg, small.reg),
          baseline: `${small.reg.toFixed(2)} ms at 1x`,
          target: name.startsWith('balances') ? 'flat (≈1x)' : 'sublinear (≪100x)',
        });
      }
    }

    // ---- post 10k documents ---------------------------------------------------------------
    {
      const N = Number(process.env.MAT_BENCH_DOCS ?? 10_000);
      const fx = await materialsFixture();
      const items = [fx.tent, fx.quilt, fx.water];
      const t0 = Date.now();
      for (let i = 0; i < N; i++) {
        const issue = i % 3 === 2;
        const d = await fx.keeper.ok('materials.docs.save', {
          kind: issue ? 'issue' : 'receipt',
          warehouseId: fx.depot.id,
          recipient: issue ? '安置点' : undefined,
          lines: items.map((it) => ({ itemId: it.id, qty: issue ? 2 : 5 })),
        });
        await fx.keeper.ok('materials.docs.post', { id: d.id, version: d.version });
      }
      const regMs = Date.now() - t0;
      const v = await fx.keeper.ok('materials.verifyLedger');
      // Floor: the same rows (document, 3 lines, 3 balance upserts) with raw SQL, one transaction each.
      const rawDb = new Database(path.join(fx.t.dir, 'watchroom.sqlite'));
      rawDb.pragma('synchronous = FULL');
      const batch = (rawDb.prepare('SELECT batch_id FROM mat_balances LIMIT 1').get() as { batch_id: string }).batch_id;
      const insDoc = rawDb.prepare(
        "INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, created_by, created_at, updated_at) VALUES (?, 's', ?, 'receipt', 'posted', ?, 'x', 0, 0)",
      );
      const insLine = rawDb.prepare("INSERT INTO mat_lines (doc_id, line_no, phase, warehouse_id, item_id, batch_id, qty, at) VALUES (?, ?, 'post', ?, ?, ?, 1000, 0)");
      const upBal = rawDb.prepare(
        'INSERT INTO mat_balances (warehouse_id, item_id, batch_id, qty, updated_at) VALUES (?, ?, ?, 1000, 0) ON CONFLICT DO UPDATE SET qty = qty + 1000',
      );
      const one = rawDb.transaction((i: number) => {
        const id = randomUUID();
        insDoc.run(id, `RAW-${i}`, fx.depot.id);
        items.forEach((it, j) => {
          insLine.run(id, j + 1, fx.depot.id, it.id, batch);
          upBal.run(fx.depot.id, it.id, batch);
        });
      });
      const r0 = Date.now();
      for (let i = 0; i < N; i++) one.immediate(i);
      const rawMs = Date.now() - r0;
      rawDb.close();
      rows.push({ suite: SUITE, name: `post ${N} documents (3 lines) raw SQL floor`, value: rawMs / 1000, unit: 's', note: `${((N / rawMs) * 1000).toFixed(0)} docs/s, 1 txn each` });
      rows.push({
        suite: SUITE,
        name: `post ${N} documents (3 lines) via registry`,
        value: regMs / 1000,
        unit: 's',
        ratio: ratio(regMs, rawMs),
        baseline: 'raw SQL',
        note: `${((N / regMs) * 1000).toFixed(0)} docs/s; save + post = 2 audited txns; ledger ${v.ok ? 'agrees' : 'MISMATCH'}`,
      });
      fx.t.close();
    }

    // ---- Excel import of 10k lines --------------------------------------------------------
    {
      const N = 10_000;
      const fx = await materialsFixture();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.addRow(['仓库', '物资编码', '数量', '批号', '有效期至']);
      const codes = ['ZP-12', 'MB-01', 'WA-550', 'SS-01'];
      for (let i = 0; i < N; i++) ws.addRow([i % 2 ? 'QK01' : 'XZ01', codes[i % 4], (i % 50) + 1, `B${i % 97}`, codes[i % 4] === 'WA-550' ? `2027-0${(i % 9) + 1}-15` : '']);
      const base64 = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
      const mapping = { warehouse: 0, item: 1, qty: 2, batchNo: 3, expiryDate: 4 };
      const t0 = Date.now();
      const { sheets } = await fx.admin.ok('materials.import.read', { base64 });
      const t1 = Date.now();
      const pv = await fx.admin.ok('materials.import.preview', { rows: sheets[0].rows, mapping });
      const t2 = Date.now();
      const res = await fx.admin.ok('materials.import.commit', { rows: sheets[0].rows, mapping });
      const t3 = Date.now();
      // Floor: the same 10k lines + balance upserts with raw SQL in one transaction (batches pre-resolved).
      const rawDb = new Database(path.join(fx.t.dir, 'watchroom.sqlite'));
      const bals = rawDb.prepare('SELECT warehouse_id, item_id, batch_id FROM mat_balances').all() as { warehouse_id: string; item_id: string; batch_id: string }[];
      const insDoc = rawDb.prepare("INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, created_by, created_at, updated_at) VALUES (?, 's', ?, 'opening', 'posted', ?, 'x', 0, 0)");
      const insLine = rawDb.prepare("INSERT INTO mat_lines (doc_id, line_no, phase, warehouse_id, item_id, batch_id, qty, at) VALUES (?, ?, 'post', ?, ?, ?, 1000, 0)");
      const upBal = rawDb.prepare('INSERT INTO mat_balances (warehouse_id, item_id, batch_id, qty, updated_at) VALUES (?, ?, ?, 1000, 0) ON CONFLICT DO UPDATE SET qty = qty + 1000');
      const r0 = Date.now();
      rawDb.transaction(() => {
        const id = randomUUID();
        insDoc.run(id, 'RAW-IMPORT', bals[0].warehouse_id);
        for (let i = 0; i < N; i++) {
          const b = bals[i % bals.length];
          insLine.run(id, i + 1, b.warehouse_id, b.item_id, b.batch_id);
          upBal.run(b.warehouse_id, b.item_id, b.batch_id);
        }
      })();
      const rawMs = Date.now() - r0;
      rawDb.close();
      const total = t3 - t0;
      rows.push({ suite: SUITE, name: `Excel import ${N} lines: raw inserts floor`, value: rawMs, unit: 'ms', note: '1 txn, batches pre-resolved' });
      rows.push({
        suite: SUITE,
        name: `Excel import ${N} lines via registry (read + preview + commit)`,
        value: total,
        unit: 'ms',
        ratio: ratio(total, rawMs),
        baseline: 'raw inserts',
        note: `read ${t1 - t0} ms, preview ${t2 - t1} ms (${pv.valid} ok), commit ${t3 - t2} ms → ${res.docs.length} opening docs; xlsx ${Math.round((base64.length * 3) / 4 / 1024)} KiB`,
      });
      rows.push({ suite: SUITE, name: `Excel import ${N} lines: commit only`, value: t3 - t2, unit: 'ms', ratio: ratio(t3 - t2, rawMs), baseline: 'raw inserts' });
      fx.t.close();
    }
    return rows;
  },
};
