import { stmt } from '../db/stmt';
import { bumpVersion } from '../db/versioned';
import { insertPostedDoc } from './repo-docs';
import type { DB } from '../db/open';
import type { AdjustReason, StocktakeRow } from '../../contract/materials';
import { conflict, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { activeWarehouse, nextDocNo, requireKeeper } from './repo';
import { applyMoves, loadDoc, qtyFor, PREFIX, type LedgerEnv, type DocRec } from './ledger';
import { fromMilli } from './ref';
import { localDate } from '../../contract/time';

interface StRec {
  id: string;
  warehouse_id: string;
  status: 'open' | 'done' | 'void';
  adjustment_id: string | null;
  created_at: number;
  finished_at: number | null;
  version: number;
}

export function stocktakeRow(db: DB, id: string, today: string): StocktakeRow {
  const s = stmt(db, 'SELECT * FROM mat_stocktakes WHERE id = ?').get(id) as StRec | undefined;
  if (!s) throw notFound('stocktake', id);
  const lines = stmt(
    db,
    `SELECT l.*, i.name item_name, i.spec, i.unit, b.batch_no, b.expiry_date FROM mat_stocktake_lines l JOIN mat_items i ON i.id = l.item_id
     JOIN mat_batches b ON b.id = l.batch_id WHERE l.stocktake_id = ? ORDER BY l.line_no`,
  ).all(id) as {
    line_no: number;
    item_id: string;
    item_name: string;
    spec: string;
    unit: string;
    batch_id: string;
    batch_no: string;
    expiry_date: string;
    system_qty: number;
    counted_qty: number | null;
    counted: number;
    reason: string;
  }[];
  const w = activeWarehouseName(db, s.warehouse_id);
  return {
    id: s.id,
    warehouseId: s.warehouse_id,
    warehouseName: w,
    status: s.status,
    adjustmentId: s.adjustment_id,
    createdAt: s.created_at,
    finishedAt: s.finished_at,
    version: s.version,
    counted: lines.filter((l) => l.counted).length,
    total: lines.length,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      itemId: l.item_id,
      itemName: l.item_name,
      spec: l.spec,
      unit: l.unit,
      batchId: l.batch_id,
      batchNo: l.batch_no,
      expiryDate: l.expiry_date,
      expired: l.expiry_date !== '' && l.expiry_date < today,
      systemQty: fromMilli(l.system_qty),
      countedQty: l.counted_qty === null ? null : fromMilli(l.counted_qty),
      counted: l.counted === 1,
      reason: l.reason,
    })),
  };
}
const activeWarehouseName = (db: DB, id: string) => (stmt(db, 'SELECT name FROM mat_warehouses WHERE id = ?').get(id) as { name: string }).name;

export function listStocktakes(db: DB, today: string): StocktakeRow[] {
  const ids = stmt(db, 'SELECT id FROM mat_stocktakes ORDER BY created_at DESC LIMIT 200').all() as { id: string }[];
  return ids.map((r) => ({ ...stocktakeRow(db, r.id, today), lines: [] }));
}

/** A count sheet: a snapshot of every batch on hand in the warehouse, expiry visible per line. */
export function startStocktake(env: LedgerEnv, warehouseId: string, note: string): string {
  const { db, now } = env;
  const w = activeWarehouse(db, warehouseId);
  requireKeeper(db, env.actor, w);
  if (stmt(db, "SELECT 1 FROM mat_stocktakes WHERE warehouse_id = ? AND status = 'open'").get(w.id)) {
    throw conflict('materials.openStocktake', { warehouse: w.name });
  }
  const id = newId();
  stmt(db, "INSERT INTO mat_stocktakes (id, station_id, warehouse_id, status, note, created_by, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?)").run(
    id,
    env.stationId,
    w.id,
    note,
    env.actor.id,
    now,
    now,
  );
  const bal = stmt(
    db,
    `SELECT b.item_id, b.batch_id, b.qty FROM mat_balances b JOIN mat_items i ON i.id = b.item_id JOIN mat_batches t ON t.id = b.batch_id
     WHERE b.warehouse_id = ? AND b.qty > 0 ORDER BY i.class_code, i.code, t.expiry_date, t.batch_no`,
  ).all(w.id) as { item_id: string; batch_id: string; qty: number }[];
  const ins = stmt(db, 'INSERT INTO mat_stocktake_lines (stocktake_id, line_no, item_id, batch_id, system_qty) VALUES (?, ?, ?, ?, ?)');
  bal.forEach((b, i) => ins.run(id, i + 1, b.item_id, b.batch_id, b.qty));
  return id;
}

function openSheet(env: LedgerEnv, id: string, version: number): StRec {
  const s = stmt(env.db, 'SELECT * FROM mat_stocktakes WHERE id = ?').get(id) as StRec | undefined;
  if (!s) throw notFound('stocktake', id);
  if (s.status !== 'open') throw conflict('materials.stocktakeDone');
  if (s.version !== version) throw conflict();
  requireKeeper(env.db, env.actor, activeWarehouse(env.db, s.warehouse_id));
  return s;
}

/** Marks lines counted (the per-line "counted" mark) with the counted quantity and, for a variance, a reason. */
export function countLines(env: LedgerEnv, id: string, version: number, lines: { lineNo: number; countedQty: number; reason?: AdjustReason }[]): void {
  const { db, now } = env;
  openSheet(env, id, version);
  for (const l of lines) {
    const row = stmt(db, 'SELECT l.item_id FROM mat_stocktake_lines l WHERE stocktake_id = ? AND line_no = ?').get(id, l.lineNo) as { item_id: string } | undefined;
    if (!row) throw invalid('materials.unknownLine', { line: l.lineNo });
    const item = stmt(db, 'SELECT * FROM mat_items WHERE id = ?').get(row.item_id) as Parameters<typeof qtyFor>[0];
    const q = qtyFor(item, l.countedQty);
    stmt(db, 'UPDATE mat_stocktake_lines SET counted_qty = ?, counted = 1, reason = ?, counted_by = ?, counted_at = ? WHERE stocktake_id = ? AND line_no = ?').run(
      q,
      l.reason ?? '',
      env.actor.id,
      now,
      id,
      l.lineNo,
    );
  }
  bumpVersion(db, 'mat_stocktakes', id, now);
}

/** Variances of counted lines become one adjustment document (a reason per line); uncounted lines change nothing. */
export function finishStocktake(env: LedgerEnv, id: string, version: number): { adjustment: DocRec | null } {
  const { db, now } = env;
  const s = openSheet(env, id, version);
  const lines = stmt(db, 'SELECT * FROM mat_stocktake_lines WHERE stocktake_id = ? AND counted = 1 AND counted_qty <> system_qty ORDER BY line_no').all(id) as {
    line_no: number;
    item_id: string;
    batch_id: string;
    system_qty: number;
    counted_qty: number;
    reason: string;
  }[];
  const missing = lines.filter((l) => !l.reason);
  if (missing.length) throw invalid('materials.reasonRequired', { what: missing.map((l) => `#${l.line_no}`).join(', ') });
  let adjustment: DocRec | null = null;
  if (lines.length) {
    const docId = newId();
    insertPostedDoc(
      db,
      {
        id: docId,
        stationId: env.stationId,
        docNo: nextDocNo(db, PREFIX.adjustment, localDate(now, env.timeZone)),
        kind: 'adjustment',
        warehouseId: s.warehouse_id,
        reason: 'stocktake',
        stocktakeId: id,
        by: env.actor.id,
      },
      now,
    );
    applyMoves(
      db,
      docId,
      lines.map((l, i) => ({
        lineNo: i + 1,
        phase: 'post' as const,
        warehouseId: s.warehouse_id,
        itemId: l.item_id,
        batchId: l.batch_id,
        qty: l.counted_qty - l.system_qty,
        reason: l.reason,
      })),
      now,
    );
    adjustment = loadDoc(db, docId);
  }
  bumpVersion(db, 'mat_stocktakes', id, now, { status: 'done', adjustment_id: adjustment?.id ?? null, finished_at: now, finished_by: env.actor.id });
  return { adjustment };
}
