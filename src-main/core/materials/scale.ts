import { setTrackedSince } from './repo-filings';
import type { DB } from '../db/open';
import type { ScaleContext, ScalePart } from '../devtools/scale';
import type { Rng } from '../devtools/rng';
import { newId } from '../util/ids';
import { CLASSES, UNITS } from './ref';
import { addDays, localDate } from '../../contract/time';
import { PREFIX } from './ledger';

/**
 * Scale data for the materials ledger: ≈300 items × 40 warehouses (1 district depot, 13 township
 * points, 26 village storerooms) and ≈2M ledger lines over 5 years at scale 1 (≈540k documents).
 * Written directly (bulk, one transaction) with balances kept consistent in memory and never
 * negative, so `materials.verifyLedger` agrees on the result.
 */
export function generateMaterials(db: DB, ctx: ScaleContext, rng: Rng): { docs: number; lines: number } {
  const now = ctx.to;
  const tz = ctx.station.timeZone;
  const st = ctx.station.id;
  const towns = db.prepare("SELECT code, name FROM places WHERE level = 'township' ORDER BY sort").all() as { code: string; name: string }[];
  const villages = db.prepare("SELECT code, name, parent_code FROM places WHERE level = 'village' ORDER BY parent_code, sort").all() as {
    code: string;
    name: string;
    parent_code: string;
  }[];
  const insWh = db.prepare('INSERT INTO mat_warehouses (id, station_id, code, name, tier, parent_id, place_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const whs: string[] = [];
  const depot = newId();
  insWh.run(depot, st, 'SQK01', '东昌区应急物资储备库', 'district', null, null, ctx.from, ctx.from);
  whs.push(depot);
  const townIds: string[] = [];
  for (let i = 0; i < 13; i++) {
    const t = towns[i % Math.max(1, towns.length)];
    const id = newId();
    insWh.run(id, st, `SXZ${String(i + 1).padStart(2, '0')}`, `${t?.name ?? `乡镇${i + 1}`}应急物资储备点`, 'township', depot, t?.code ?? null, ctx.from, ctx.from);
    whs.push(id);
    townIds.push(id);
  }
  for (let i = 0; i < 26; i++) {
    const v = villages[(i * 7) % Math.max(1, villages.length)];
    const id = newId();
    insWh.run(id, st, `SCS${String(i + 1).padStart(2, '0')}`, `${v?.name ?? `村${i + 1}`}储存室`, 'village', townIds[i % 13], v?.code ?? null, ctx.from, ctx.from);
    whs.push(id);
  }

  // ≈300 items over the fine classes of the GB/T 38565 tree (several specifications each).
  const fine = CLASSES.filter((c) => c.level === 4);
  const specs = ['标准型', '加厚型', '小号', '中号', '大号', '儿童型', '加长型', '轻便型', '重型', '应急型', '单人', '双人', '便携式', '折叠式', '防水型', '通用型', 'A型', 'B型'];
  // Items and warehouses do not scale: only history (documents and lines) grows with `scale`.
  const nItems = 300;
  const insItem = db.prepare(
    'INSERT INTO mat_items (id, station_id, code, class_code, name, spec, unit, integer_unit, category, shelf_life_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const intUnits = UNITS.filter((u) => u.integer);
  const items: { id: string; shelf: number | null; integer: boolean }[] = [];
  for (let i = 0; i < nItems; i++) {
    const c = fine[i % fine.length];
    const spec = specs[Math.floor(i / fine.length) % specs.length];
    const fractional = c.code.startsWith('30103') && i % 2 === 0;
    const unit = fractional ? UNITS.find((u) => u.code === '吨')! : intUnits[i % intUnits.length];
    const shelf = c.code.startsWith('103') ? 365 : rng.chance(0.2) ? 1825 : null;
    const id = newId();
    insItem.run(id, st, `S${String(i + 1).padStart(4, '0')}`, c.code, c.name, spec, unit.code, unit.integer ? 1 : 0, c.code.startsWith('2') || c.code.startsWith('3') ? 'flood' : 'relief', shelf, ctx.from, ctx.from);
    items.push({ id, shelf, integer: unit.integer });
  }
  const insLevel = db.prepare('INSERT INTO mat_levels (warehouse_id, item_id, standard_qty, min_qty, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const w of whs.slice(0, 14)) for (const it of items) if (rng.chance(0.3)) insLevel.run(w, it.id, rng.int(50, 500) * 1000, rng.int(10, 50) * 1000, ctx.from);

  const insBatch = db.prepare('INSERT INTO mat_batches (id, station_id, item_id, batch_no, production_date, expiry_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batches = new Map<string, string>();
  const insDoc = db.prepare(
    `INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, to_warehouse_id, source, recipient, reason, posted_at, posted_by,
       dispatched_at, deadline_at, received_at, received_by, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLine = db.prepare('INSERT INTO mat_lines (doc_id, line_no, phase, warehouse_id, item_id, batch_id, qty, damaged, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)');
  const counters = new Map<string, number>();
  const docNo = (kind: keyof typeof PREFIX, at: number) => {
    const key = PREFIX[kind] + localDate(at, tz).replaceAll('-', '');
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}-${String(n).padStart(4, '0')}`;
  };
  // Balances in memory: key wh|item|batch → qty; per warehouse a list of keys that once held stock.
  const bal = new Map<string, number>();
  const held: string[][] = whs.map(() => []);
  const head: number[] = whs.map(() => 0);
  const add = (w: number, item: string, batch: string, q: number) => {
    const k = `${whs[w]}|${item}|${batch}`;
    const cur = bal.get(k);
    if (cur === undefined || cur === 0) held[w].push(k);
    bal.set(k, (cur ?? 0) + q);
  };
  // ≈3.7 lines per document on average: ≈540k documents → ≈2M lines at scale 1 over 5 years.
  const nDocs = Math.round(540_000 * ctx.scale * (ctx.years / 5));
  const step = (ctx.to - ctx.from) / Math.max(1, nDocs);
  let lines = 0;
  for (let d = 0; d < nDocs; d++) {
    const at = Math.round(ctx.from + d * step);
    const r = rng.next();
    const w = r < 0.5 ? (rng.chance(0.4) ? 0 : rng.int(0, whs.length - 1)) : rng.int(0, whs.length - 1);
    const id = newId();
    const nl = rng.int(2, 8);
    if (r < 0.33 || held[w].length - head[w] < 5) {
      // receipt (or return)
      const kind = rng.chance(0.9) ? 'receipt' : 'return';
      insDoc.run(id, st, docNo(kind, at), kind, 'posted', whs[w], null, kind === 'receipt' ? rng.pick(['purchase', 'donation', 'transfer_in']) : null, '', '', at, ctx.adminId, null, null, null, null, ctx.adminId, at, at);
      for (let l = 1; l <= nl; l++) {
        const it = items[rng.int(0, items.length - 1)];
        const day = localDate(at, tz);
        const bno = `${day.slice(0, 7)}`;
        const exp = it.shelf ? addDays(`${bno}-01`, it.shelf) : '';
        const bk = `${it.id}|${bno}|${exp}`;
        let b = batches.get(bk);
        if (!b) {
          b = newId();
          insBatch.run(b, st, it.id, bno, it.shelf ? `${bno}-01` : '', exp, at);
          batches.set(bk, b);
        }
        const q = rng.int(10, 200) * 1000 + (it.integer ? 0 : rng.int(0, 999));
        insLine.run(id, l, 'post', whs[w], it.id, b, q, '', at);
        add(w, it.id, b, q);
        lines++;
      }
      continue;
    }
    // Outgoing: issue / transfer / write-off from what the warehouse holds.
    const kind = r < 0.85 ? 'issue' : r < 0.96 ? 'transfer' : 'writeoff';
    const to = kind === 'transfer' ? (w === 0 ? rng.int(1, whs.length - 1) : 0) : null;
    // Rotation (出陈储新, first-expiry-first-out): outgoing stock comes from the oldest batches held,
    // mostly whole, so stock on hand stays bounded while the ledger grows.
    const picks: { k: string; q: number }[] = [];
    const list = held[w];
    while (head[w] < list.length && bal.get(list[head[w]])! <= 0) head[w]++;
    if (head[w] > 1000) {
      held[w] = list.slice(head[w]);
      head[w] = 0;
    }
    for (let tries = 0, i = head[w]; tries < nl * 3 && picks.length < nl && i < held[w].length; tries++, i++) {
      const k = held[w][Math.min(held[w].length - 1, i + rng.int(0, 2))];
      const have = bal.get(k)!;
      if (have <= 0 || picks.some((p) => p.k === k)) continue;
      const q = rng.chance(0.85) ? have : Math.max(1000, Math.round((have * rng.int(20, 80)) / 100000) * 1000);
      picks.push({ k, q: q > have ? have : q });
    }
    if (!picks.length) continue;
    insDoc.run(
      id,
      st,
      docNo(kind, at),
      kind,
      kind === 'transfer' ? 'received' : 'posted',
      whs[w],
      to === null ? null : whs[to],
      null,
      kind === 'issue' ? rng.pick(['转移安置点', '村委会', '抢险队', '社区居委会']) : '',
      kind === 'writeoff' ? '过期报废' : '',
      at,
      ctx.adminId,
      kind === 'transfer' ? at : null,
      kind === 'transfer' ? at + 12 * 3600_000 : null,
      kind === 'transfer' ? at + rng.int(1, 11) * 3600_000 : null,
      kind === 'transfer' ? ctx.adminId : null,
      ctx.adminId,
      at,
      at,
    );
    picks.forEach((p, i) => {
      const [, item, batch] = p.k.split('|');
      insLine.run(id, i + 1, kind === 'transfer' ? 'dispatch' : 'post', whs[w], item, batch, -p.q, '', at);
      add(w, item, batch, -p.q);
      lines++;
      if (to !== null) {
        insLine.run(id, i + 1, 'receive', whs[to], item, batch, p.q, '', at + 3600_000);
        add(to, item, batch, p.q);
        lines++;
      }
    });
  }
  const insBal = db.prepare('INSERT INTO mat_balances (warehouse_id, item_id, batch_id, qty, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const [k, q] of bal) {
    const [w, item, batch] = k.split('|');
    insBal.run(w, item, batch, q, now);
  }
  const insCounter = db.prepare('INSERT INTO mat_counters (prefix, n) VALUES (?, ?)');
  for (const [k, n] of counters) insCounter.run(k, n);
  return { docs: nDocs, lines };
}

export const materialsScale: ScalePart = {
  name: 'materials',
  run(db, ctx, rng) {
    db.transaction(() => {
      const r = generateMaterials(db, ctx, rng);
      // Years of generated history predate the reporting duties (standards §5): they start at the end of the period.
      setTrackedSince(db, ctx.to);
      ctx.log(`materials: ${r.docs} documents, ${r.lines} ledger lines`);
    })();
  },
};
