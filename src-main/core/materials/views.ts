import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { CardRow, DocRow, ExpiringRow, LevelRow, MaterialsAlert, StockCard, StockRow, Tier, ReserveCategory } from '../../contract/materials';
import { toItemRow, type ItemRec } from './repo';
import { agreementByItem, CONTRACT_ALERT_DAYS, listContracts } from './repo-agreements';
import { fromMilli } from './ref';
import { addDays, dayDiff } from '../../contract/time';
import { docRow, type DocRec } from './ledger';
import { invalid, notFound } from '../util/errors';
import { filingAlertKind } from '../../contract/materials';
import { openDuties, type DutyEnv } from './filings';

export interface StockFilter {
  groupBy: 'warehouse' | 'tier' | 'item' | 'category' | 'detail';
  warehouseId?: string;
  tier?: Tier;
  itemId?: string;
  category?: ReserveCategory;
  classPrefix?: string;
}

const GROUP: Record<StockFilter['groupBy'], { cols: string; key: string; order?: string }> = {
  warehouse: { cols: 'w.id warehouseId, w.name warehouseName, w.tier tier', key: 'w.id', order: 'w.code' },
  tier: { cols: 'w.tier tier', key: 'w.tier' },
  item: { cols: 'i.id itemId, i.code itemCode, i.name itemName, i.spec spec, i.unit unit, i.category category, i.class_code classCode', key: 'i.id', order: 'i.class_code, i.code' },
  category: { cols: 'i.category category', key: 'i.category' },
  detail: {
    cols: `w.id warehouseId, w.name warehouseName, w.tier tier, i.id itemId, i.code itemCode, i.name itemName, i.spec spec, i.unit unit,
      i.category category, i.class_code classCode, t.id batchId, t.batch_no batchNo, t.expiry_date expiryDate`,
    key: 'w.id, i.id, t.id',
    order: "w.code, i.class_code, i.code, t.expiry_date = '', t.expiry_date, t.batch_no",
  },
};

/** The stock-on-hand query (exported so the benchmark's raw-SQL floor runs the very same SQL). */
export function stockSql(groupBy: StockFilter['groupBy']): string {
  const g = GROUP[groupBy];
  return `SELECT ${g.cols}, SUM(b.qty) qty FROM mat_balances b
       JOIN mat_warehouses w ON w.id = b.warehouse_id JOIN mat_items i ON i.id = b.item_id JOIN mat_batches t ON t.id = b.batch_id
     WHERE b.qty > 0 AND (@wh IS NULL OR b.warehouse_id = @wh) AND (@tier IS NULL OR w.tier = @tier) AND (@item IS NULL OR b.item_id = @item)
       AND (@cat IS NULL OR i.category = @cat) AND (@cls IS NULL OR substr(i.class_code, 1, length(@cls)) = @cls)
     GROUP BY ${g.key} ORDER BY ${g.order ?? g.key}`;
}

/** Stock on hand from the balances table only: its cost follows the number of balances, not ledger lines. */
export function stockOnHand(db: DB, f: StockFilter, today: string): StockRow[] {
  const rows = stmt(db, stockSql(f.groupBy)
  ).all({ wh: f.warehouseId ?? null, tier: f.tier ?? null, item: f.itemId ?? null, cat: f.category ?? null, cls: f.classPrefix ?? null }) as (StockRow & {
    qty: number;
  })[];
  const agreements = f.groupBy === 'item' ? agreementByItem(db, today) : null;
  const levels =
    f.groupBy === 'item' || f.groupBy === 'detail'
      ? new Map(
          (
            stmt(db, 'SELECT item_id, warehouse_id, standard_qty, min_qty FROM mat_levels').all() as {
              item_id: string;
              warehouse_id: string;
              standard_qty: number;
              min_qty: number;
            }[]
          ).map((l) => [`${l.item_id}|${l.warehouse_id}`, l]),
        )
      : null;
  const levelSums = new Map<string, { s: number; m: number }>();
  if (levels && f.groupBy === 'item') {
    for (const l of levels.values()) {
      if (f.warehouseId && l.warehouse_id !== f.warehouseId) continue;
      const x = levelSums.get(l.item_id) ?? { s: 0, m: 0 };
      x.s += l.standard_qty;
      x.m += l.min_qty;
      levelSums.set(l.item_id, x);
    }
  }
  return rows.map((r) => {
    const out: StockRow = { ...r, key: [r.warehouseId, r.tier, r.itemId, r.category, r.batchId].filter(Boolean).join('|'), qty: fromMilli(r.qty) };
    if (agreements && r.itemId) out.agreementQty = fromMilli(agreements.get(r.itemId) ?? 0);
    if (f.groupBy === 'item' && r.itemId) {
      const s = levelSums.get(r.itemId);
      if (s) {
        out.standardQty = fromMilli(s.s);
        out.minQty = fromMilli(s.m);
      }
    }
    if (f.groupBy === 'detail' && levels) {
      const l = levels.get(`${r.itemId}|${r.warehouseId}`);
      if (l) {
        out.standardQty = fromMilli(l.standard_qty);
        out.minQty = fromMilli(l.min_qty);
      }
    }
    return out;
  });
}

export function levelRows(db: DB, onlyBelow: boolean, warehouseId?: string): LevelRow[] {
  const rows = stmt(
    db,
    `SELECT l.warehouse_id warehouseId, w.name warehouseName, l.item_id itemId, i.name itemName, i.unit unit, l.standard_qty, l.min_qty,
       coalesce((SELECT SUM(b.qty) FROM mat_balances b WHERE b.warehouse_id = l.warehouse_id AND b.item_id = l.item_id), 0) qty
     FROM mat_levels l JOIN mat_warehouses w ON w.id = l.warehouse_id JOIN mat_items i ON i.id = l.item_id
     WHERE w.retired_at IS NULL AND i.retired_at IS NULL AND (@wh IS NULL OR l.warehouse_id = @wh)
     ORDER BY w.code, i.code`,
  ).all({ wh: warehouseId ?? null }) as { warehouseId: string; warehouseName: string; itemId: string; itemName: string; unit: string; standard_qty: number; min_qty: number; qty: number }[];
  return rows
    .map((r) => ({
      warehouseId: r.warehouseId,
      warehouseName: r.warehouseName,
      itemId: r.itemId,
      itemName: r.itemName,
      unit: r.unit,
      qty: fromMilli(r.qty),
      standardQty: fromMilli(r.standard_qty),
      minQty: fromMilli(r.min_qty),
      belowMin: r.qty < r.min_qty,
      belowStandard: r.qty < r.standard_qty,
    }))
    .filter((r) => !onlyBelow || r.belowStandard || r.belowMin);
}

export function expiring(db: DB, today: string, days: number): ExpiringRow[] {
  const until = addDays(today, days);
  const rows = stmt(
    db,
    `SELECT b.warehouse_id warehouseId, w.name warehouseName, b.item_id itemId, i.name itemName, i.unit unit, t.id batchId, t.batch_no batchNo,
       t.expiry_date expiryDate, b.qty qty
     FROM mat_batches t JOIN mat_balances b ON b.batch_id = t.id JOIN mat_warehouses w ON w.id = b.warehouse_id JOIN mat_items i ON i.id = b.item_id
     WHERE t.expiry_date <> '' AND t.expiry_date <= ? AND b.qty > 0 ORDER BY t.expiry_date, w.code`,
  ).all(until) as Omit<ExpiringRow, 'daysLeft' | 'expired'>[];
  return rows.map((r) => {
    const daysLeft = dayDiff(today, r.expiryDate);
    return { ...r, qty: fromMilli(r.qty), daysLeft, expired: daysLeft < 0 };
  });
}

export function inTransit(db: DB, now: number): DocRow[] {
  const rows = stmt(db, "SELECT * FROM mat_docs WHERE status = 'in_transit' ORDER BY deadline_at").all() as DocRec[];
  return rows.map((d) => docRow(db, d, now));
}

/** Opening → every movement with its document → closing. Lines are never deleted: history survives depletion and retirement. */
export function stockCard(db: DB, input: { itemId: string; warehouseId?: string; from: number; to: number }): StockCard {
  const item = stmt(db, 'SELECT * FROM mat_items WHERE id = ?').get(input.itemId) as ItemRec | undefined;
  if (!item) throw notFound('item', input.itemId);
  if (input.to < input.from) throw invalid('materials.badDates');
  const wh = input.warehouseId ?? null;
  const opening = (
    wh
      ? stmt(db, CARD_SQL.opening).get(item.id, wh, input.from)
      : stmt(db, 'SELECT coalesce(SUM(qty), 0) q FROM mat_lines WHERE item_id = ? AND at < ?').get(item.id, input.from)
  ) as { q: number };
  const lines = (
    wh
      ? stmt(db, CARD_SQL.rows).all(item.id, wh, input.from, input.to)
      : stmt(
          db,
          `SELECT l.at, l.doc_id, d.doc_no, d.kind, l.phase, w.name wname, b.batch_no, l.qty, l.reason FROM mat_lines l
           JOIN mat_docs d ON d.id = l.doc_id JOIN mat_warehouses w ON w.id = l.warehouse_id JOIN mat_batches b ON b.id = l.batch_id
           WHERE l.item_id = ? AND l.at >= ? AND l.at <= ? ORDER BY l.at, l.seq`,
        ).all(item.id, input.from, input.to)
  ) as { at: number; doc_id: string; doc_no: string; kind: CardRow['kind']; phase: CardRow['phase']; wname: string; batch_no: string; qty: number; reason: string }[];
  let bal = opening.q;
  const rows: CardRow[] = lines.map((l) => {
    bal += l.qty;
    return {
      at: l.at,
      docId: l.doc_id,
      docNo: l.doc_no,
      kind: l.kind,
      phase: l.phase,
      warehouseName: l.wname,
      batchNo: l.batch_no,
      inQty: l.qty > 0 ? fromMilli(l.qty) : 0,
      outQty: l.qty < 0 ? fromMilli(-l.qty) : 0,
      balance: fromMilli(bal),
      reason: l.reason,
    };
  });
  return { item: toItemRow(item), warehouseId: wh, from: input.from, to: input.to, opening: fromMilli(opening.q), closing: fromMilli(bal), rows };
}

export const CARD_SQL = {
  opening: 'SELECT coalesce(SUM(qty), 0) q FROM mat_lines WHERE item_id = ? AND warehouse_id = ? AND at < ?',
  rows: `SELECT l.at, l.doc_id, d.doc_no, d.kind, l.phase, w.name wname, b.batch_no, l.qty, l.reason FROM mat_lines l
           JOIN mat_docs d ON d.id = l.doc_id JOIN mat_warehouses w ON w.id = l.warehouse_id JOIN mat_batches b ON b.id = l.batch_id
           WHERE l.item_id = ? AND l.warehouse_id = ? AND l.at >= ? AND l.at <= ? ORDER BY l.at, l.seq`,
};

export const EXPIRY_ALERT_DAYS = 30;

/** A reporting duty (standards §5) is a warning on its last working day, urgent once missed. */
const DUE_WARN_MS = 24 * 3600_000;

export function alerts(db: DB, now: number, today: string, duties: DutyEnv | null): MaterialsAlert[] {
  const out: MaterialsAlert[] = [];
  for (const l of levelRows(db, true)) {
    if (l.belowMin) out.push({ kind: 'belowMin', refId: `${l.warehouseId}|${l.itemId}`, text: `${l.warehouseName} ${l.itemName} ${l.qty}/${l.minQty}${l.unit}`, severity: 'warn', dueAt: null });
  }
  for (const e of expiring(db, today, EXPIRY_ALERT_DAYS)) {
    out.push({
      kind: e.expired ? 'expired' : 'expiring',
      refId: `${e.warehouseId}|${e.batchId}`,
      text: `${e.warehouseName} ${e.itemName} ${e.batchNo} ${e.expiryDate} ${e.qty}${e.unit}`,
      severity: e.expired ? 'urgent' : 'info',
      dueAt: Date.parse(`${e.expiryDate}T00:00:00Z`),
    });
  }
  const transit = stmt(
    db,
    `SELECT d.id, d.doc_no, d.deadline_at, w.name fromName, t.name toName FROM mat_docs d JOIN mat_warehouses w ON w.id = d.warehouse_id
     JOIN mat_warehouses t ON t.id = d.to_warehouse_id WHERE d.status = 'in_transit' ORDER BY d.deadline_at`,
  ).all() as { id: string; doc_no: string; deadline_at: number; fromName: string; toName: string }[];
  for (const d of transit) {
    out.push({
      kind: 'overdueTransfer',
      refId: d.id,
      text: `${d.doc_no} ${d.fromName} → ${d.toName}`,
      severity: d.deadline_at < now ? 'urgent' : 'info',
      dueAt: d.deadline_at,
    });
  }
  for (const d of duties ? openDuties(duties) : []) {
    out.push({
      kind: filingAlertKind(d.kind),
      refId: d.key,
      text: d.kind === 'annual' ? String(d.year) : `${d.docNo} ${d.warehouseName}`,
      severity: d.overdue ? 'urgent' : d.dueAt - now <= DUE_WARN_MS ? 'warn' : 'info',
      dueAt: d.dueAt,
    });
  }
  for (const c of listContracts(db, today)) {
    if (c.expiringSoon || (c.expired && c.daysLeft > -CONTRACT_ALERT_DAYS)) {
      out.push({
        kind: 'contractExpiring',
        refId: c.id,
        text: `${c.enterpriseName} ${c.contractNo} ${c.validTo}`,
        severity: c.expired ? 'urgent' : 'warn',
        dueAt: Date.parse(`${c.validTo}T16:00:00Z`),
      });
    }
  }
  return out;
}

export function incidentUsage(db: DB, incidentId: string, now: number) {
  const docs = (stmt(db, "SELECT * FROM mat_docs WHERE incident_id = ? AND status = 'posted' ORDER BY posted_at").all(incidentId) as DocRec[]).map((d) =>
    docRow(db, d, now),
  );
  const items = stmt(
    db,
    `SELECT l.item_id itemId, i.name itemName, i.unit unit, -SUM(l.qty) qty FROM mat_lines l JOIN mat_docs d ON d.id = l.doc_id
     JOIN mat_items i ON i.id = l.item_id WHERE d.incident_id = ? AND d.kind = 'issue' GROUP BY l.item_id ORDER BY i.code`,
  ).all(incidentId) as { itemId: string; itemName: string; unit: string; qty: number }[];
  return { docs, items: items.map((i) => ({ ...i, qty: fromMilli(i.qty) })) };
}
