import { stmt } from '../db/stmt';
import { incidentLabel } from '../audit/subjects';
import type { DB } from '../db/open';
import { type DocKind, type DocLineRow, type DocRow, type DocStatus, type FefoSuggestion, type VerifyResult } from '../../contract/materials';
import { ApiError, conflict, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { activeItem, activeWarehouse, batchRec, findOrCreateBatch, nextDocNo, requireKeeper, type ItemRec, type WarehouseRec } from './repo';
import { fromMilli, toMilli } from './ref';
import { addDays, isLocalDate, localDate } from '../../contract/time';
import { canApprove, isOpenDraft, needsApproval, reverseBlock } from '../../contract/materials-docs';
import { bumpVersion, updateVersioned } from '../db/versioned';
import { insertPostedDoc } from './repo-docs';
import { getRules } from './repo-filings';


export const PREFIX: Record<DocKind, string> = {
  receipt: 'RK',
  issue: 'CK',
  transfer: 'DB',
  return: 'HS',
  writeoff: 'BF',
  adjustment: 'TZ',
  opening: 'QC',
};

export interface Actor {
  id: string;
  roles: readonly string[];
}
export interface LedgerEnv {
  db: DB;
  stationId: string;
  timeZone: string;
  now: number;
  actor: Actor;
}

export interface DraftBatch {
  batchNo: string;
  productionDate: string;
  expiryDate: string;
  origin: string;
  labelNo: string;
  quality: string;
}
/** A draft line as stored (quantities in thousandths). */
export interface DraftLine {
  itemId: string;
  qty: number;
  batchId?: string;
  batch?: DraftBatch;
  reason?: string;
}

export interface DocRec {
  id: string;
  doc_no: string;
  kind: DocKind;
  status: DocStatus;
  warehouse_id: string;
  to_warehouse_id: string | null;
  source: string | null;
  incident_id: string | null;
  recipient: string;
  approved_by_name: string;
  approver_id: string | null;
  approved_at: number | null;
  reason: string;
  note: string;
  acceptance: string;
  reverses_id: string | null;
  reversed_by_id: string | null;
  stocktake_id: string | null;
  draft_lines: string;
  posted_at: number | null;
  posted_by: string | null;
  dispatched_at: number | null;
  deadline_at: number | null;
  received_at: number | null;
  received_by: string | null;
  created_by: string;
  created_at: number;
  version: number;
}

export const docRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM mat_docs WHERE id = ?').get(id) as DocRec | undefined;
export function loadDoc(db: DB, id: string): DocRec {
  const d = docRec(db, id);
  if (!d) throw notFound('document', id);
  return d;
}

/** A document names the incident it serves (issues for relief); the id must be a real incident. */
export function checkIncident(db: DB, id: string): void {
  const found = stmt(db, 'SELECT 1 FROM incidents WHERE id = ?').get(id);
  if (!found) throw invalid('materials.unknownIncident', { id });
}

/** Quantity of an item's unit in thousandths; whole units only for integer units (standards §5: units are data). */
export function qtyFor(item: ItemRec, q: number): number {
  const m = toMilli(q);
  if (item.integer_unit === 1 && m % 1000 !== 0) throw invalid('materials.fractionalQty', { item: item.name, unit: item.unit, qty: q });
  return m;
}

export interface SaveInput {
  id?: string;
  version?: number;
  kind: 'receipt' | 'issue' | 'transfer' | 'return' | 'writeoff';
  warehouseId: string;
  toWarehouseId?: string;
  source?: string;
  incidentId?: string;
  recipient?: string;
  approvedByName?: string;
  reason?: string;
  note?: string;
  acceptance?: string;
  lines: { itemId: string; qty: number; batchId?: string; batch?: Partial<DraftBatch>; reason?: string }[];
}

function normBatch(b: Partial<DraftBatch> | undefined, item: ItemRec): DraftBatch | undefined {
  if (!b) return undefined;
  const out: DraftBatch = {
    batchNo: b.batchNo ?? '',
    productionDate: b.productionDate ?? '',
    expiryDate: b.expiryDate ?? '',
    origin: b.origin ?? '',
    labelNo: b.labelNo ?? '',
    quality: b.quality ?? '',
  };
  for (const d of [out.productionDate, out.expiryDate]) if (d && !isLocalDate(d)) throw invalid('materials.badDates');
  if (!out.expiryDate && out.productionDate && item.shelf_life_days) out.expiryDate = addDays(out.productionDate, item.shelf_life_days);
  if (out.expiryDate && out.productionDate && out.expiryDate < out.productionDate) throw invalid('materials.badDates');
  return out;
}

/** Creates or replaces a draft. Posted documents are immutable (CONFLICT). */
export function saveDraft(env: LedgerEnv, input: SaveInput): { doc: DocRec; before: DocRec | undefined } {
  const { db, now, actor } = env;
  const wh = activeWarehouse(db, input.warehouseId);
  requireKeeper(db, actor, wh);
  if (input.kind === 'transfer') {
    if (!input.toWarehouseId) throw invalid('materials.needDestination');
    if (input.toWarehouseId === input.warehouseId) throw invalid('materials.sameWarehouse');
    activeWarehouse(db, input.toWarehouseId);
  }
  if (input.kind === 'writeoff' && !input.reason && input.lines.some((l) => !l.reason)) throw invalid('materials.reasonRequired', { what: '报废' });
  if (input.incidentId) checkIncident(db, input.incidentId);
  const lines: DraftLine[] = input.lines.map((l) => {
    const item = activeItem(db, l.itemId);
    const qty = qtyFor(item, l.qty);
    if (l.batchId) {
      const b = batchRec(db, l.batchId);
      if (!b || b.item_id !== item.id) throw invalid('materials.unknownBatch', { id: l.batchId });
    }
    const batch = input.kind === 'receipt' || input.kind === 'return' ? normBatch(l.batch, item) : undefined;
    return { itemId: item.id, qty, batchId: l.batchId, batch, reason: l.reason };
  });
  const fields = {
    kind: input.kind,
    warehouse_id: wh.id,
    to_warehouse_id: input.kind === 'transfer' ? input.toWarehouseId! : null,
    source: input.kind === 'receipt' ? (input.source ?? 'purchase') : (input.source ?? null),
    incident_id: input.incidentId ?? null,
    recipient: input.recipient ?? '',
    approved_by_name: input.approvedByName ?? '',
    reason: input.reason ?? '',
    note: input.note ?? '',
    acceptance: input.acceptance ?? '',
    draft_lines: JSON.stringify(lines),
  };
  if (input.id) {
    const before = loadDoc(db, input.id);
    if (!isOpenDraft(before.status)) {
      if (before.status === 'void') throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
      throw conflict('materials.posted', { docNo: before.doc_no });
    }
    if (before.kind !== input.kind) throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
    if (input.version === undefined || input.version !== before.version) throw conflict();
    // Any change to an approved document sends it back for approval.
    const { kind: _kind, ...patch } = fields;
    updateVersioned(db, 'mat_docs', input.id, input.version, { ...patch, status: 'draft', approver_id: null, approved_at: null }, now);
    return { doc: loadDoc(db, input.id), before };
  }
  const id = newId();
  stmt(
    db,
    `INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, to_warehouse_id, source, incident_id, recipient,
       approved_by_name, reason, note, acceptance, draft_lines, created_by, created_at, updated_at)
     VALUES (@id, @station_id, @doc_no, @kind, 'draft', @warehouse_id, @to_warehouse_id, @source, @incident_id, @recipient,
       @approved_by_name, @reason, @note, @acceptance, @draft_lines, @created_by, @now, @now)`,
  ).run({ ...fields, id, station_id: env.stationId, doc_no: nextDocNo(db, PREFIX[input.kind], localDate(now, env.timeZone)), created_by: actor.id, now });
  return { doc: loadDoc(db, id), before: undefined };
}

export interface Move {
  lineNo: number;
  phase: 'post' | 'dispatch' | 'receive';
  warehouseId: string;
  itemId: string;
  batchId: string;
  qty: number;
  damaged?: number;
  reason?: string;
}

/** Appends ledger lines and updates balances in the caller's transaction; stock never negative. */
export function applyMoves(db: DB, docId: string, moves: Move[], at: number): void {
  const getBal = stmt(db, 'SELECT qty FROM mat_balances WHERE warehouse_id = ? AND item_id = ? AND batch_id = ?');
  const upsert = stmt(
    db,
    `INSERT INTO mat_balances (warehouse_id, item_id, batch_id, qty, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (warehouse_id, item_id, batch_id) DO UPDATE SET qty = excluded.qty, updated_at = excluded.updated_at`,
  );
  const ins = stmt(
    db,
    'INSERT INTO mat_lines (doc_id, line_no, phase, warehouse_id, item_id, batch_id, qty, damaged, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const m of moves) {
    const cur = (getBal.get(m.warehouseId, m.itemId, m.batchId) as { qty: number } | undefined)?.qty ?? 0;
    const next = cur + m.qty;
    if (next < 0) {
      const item = activeOrAny(db, m.itemId);
      const wh = stmt(db, 'SELECT name FROM mat_warehouses WHERE id = ?').get(m.warehouseId) as { name: string };
      throw new ApiError('CONFLICT', 'materials.insufficient', {
        warehouse: wh.name,
        item: item.name,
        unit: item.unit,
        available: fromMilli(cur),
        wanted: fromMilli(-m.qty),
      });
    }
    upsert.run(m.warehouseId, m.itemId, m.batchId, next, at);
    ins.run(docId, m.lineNo, m.phase, m.warehouseId, m.itemId, m.batchId, m.qty, m.damaged ?? 0, m.reason ?? '', at);
  }
}
function activeOrAny(db: DB, itemId: string) {
  return stmt(db, 'SELECT name, unit FROM mat_items WHERE id = ?').get(itemId) as { name: string; unit: string };
}

interface BalBatch {
  batch_id: string;
  batch_no: string;
  expiry_date: string;
  qty: number;
}
function batchesOnHand(db: DB, warehouseId: string, itemId: string): BalBatch[] {
  // First-expiry-first-out: dated batches by expiry, undated last; then oldest batch first.
  return stmt(
    db,
    `SELECT b.batch_id, t.batch_no, t.expiry_date, b.qty FROM mat_balances b JOIN mat_batches t ON t.id = b.batch_id
     WHERE b.warehouse_id = ? AND b.item_id = ? AND b.qty > 0
     ORDER BY t.expiry_date = '', t.expiry_date, t.created_at, t.id`,
  ).all(warehouseId, itemId) as BalBatch[];
}

/** FEFO allocation in thousandths; expired batches are passed over unless allowed (write-off). */
export function fefo(db: DB, warehouseId: string, itemId: string, qty: number, today: string, allowExpired: boolean) {
  const allocations: { batchId: string; batchNo: string; expiryDate: string; qty: number }[] = [];
  const expired: typeof allocations = [];
  let left = qty;
  let available = 0;
  for (const b of batchesOnHand(db, warehouseId, itemId)) {
    const isExpired = b.expiry_date !== '' && b.expiry_date < today;
    if (isExpired && !allowExpired) {
      expired.push({ batchId: b.batch_id, batchNo: b.batch_no, expiryDate: b.expiry_date, qty: b.qty });
      continue;
    }
    available += b.qty;
    if (left <= 0) continue;
    const take = Math.min(left, b.qty);
    allocations.push({ batchId: b.batch_id, batchNo: b.batch_no, expiryDate: b.expiry_date, qty: take });
    left -= take;
  }
  return { allocations, shortfall: left, expired, available };
}

export function fefoSuggestion(db: DB, warehouseId: string, item: ItemRec, qty: number, today: string): FefoSuggestion {
  const r = fefo(db, warehouseId, item.id, qtyFor(item, qty), today, false);
  const f = (a: { batchId: string; batchNo: string; expiryDate: string; qty: number }) => ({ ...a, qty: fromMilli(a.qty) });
  return { allocations: r.allocations.map(f), shortfall: fromMilli(r.shortfall), expired: r.expired.map(f) };
}

function whName(db: DB, id: string) {
  return (stmt(db, 'SELECT name FROM mat_warehouses WHERE id = ?').get(id) as { name: string }).name;
}

/** Resolves a stock-reducing line into batch moves (explicit batch or FEFO). */
function outgoing(db: DB, wh: WarehouseRec, item: ItemRec, l: DraftLine, today: string, allowExpired: boolean): { batchId: string; qty: number }[] {
  if (l.batchId) {
    const b = batchRec(db, l.batchId)!;
    if (!allowExpired && b.expiry_date && b.expiry_date < today) {
      throw new ApiError('CONFLICT', 'materials.expiredBatch', { batch: b.batch_no || b.id.slice(0, 8), expiry: b.expiry_date });
    }
    return [{ batchId: b.id, qty: l.qty }];
  }
  const r = fefo(db, wh.id, item.id, l.qty, today, allowExpired);
  if (r.shortfall > 0) {
    const exp = r.expired.reduce((s, b) => s + b.qty, 0);
    throw new ApiError('CONFLICT', exp > 0 ? 'materials.insufficientFefo' : 'materials.insufficient', {
      warehouse: wh.name,
      item: item.name,
      unit: item.unit,
      available: fromMilli(r.available),
      wanted: fromMilli(l.qty),
      expired: fromMilli(exp),
    });
  }
  return r.allocations.map((a) => ({ batchId: a.batchId, qty: a.qty }));
}

export function approve(env: LedgerEnv, id: string, version: number): { doc: DocRec; before: DocRec } {
  const before = loadDoc(env.db, id);
  if (!canApprove(before)) throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
  updateVersioned(env.db, 'mat_docs', id, version, { status: 'approved', approver_id: env.actor.id, approved_at: env.now }, env.now);
  return { doc: loadDoc(env.db, id), before };
}

/** Posts a draft: lines into the ledger, balances in the same transaction. Transfers: dispatch. */
export function post(env: LedgerEnv, id: string, version: number): { doc: DocRec; before: DocRec } {
  const { db, now } = env;
  const before = loadDoc(db, id);
  if (before.status === 'posted' || before.status === 'in_transit' || before.status === 'received') throw conflict('materials.posted', { docNo: before.doc_no });
  if (before.status === 'void') throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
  if (before.version !== version) throw conflict();
  if (needsApproval(before.kind) && before.status !== 'approved') throw conflict('materials.needsApproval', { docNo: before.doc_no });
  const wh = activeWarehouse(db, before.warehouse_id);
  requireKeeper(db, env.actor, wh);
  if (before.kind === 'transfer') activeWarehouse(db, before.to_warehouse_id!);
  const today = localDate(now, env.timeZone);
  const lines = JSON.parse(before.draft_lines) as DraftLine[];
  const moves: Move[] = [];
  let lineNo = 0;
  for (const l of lines) {
    const item = activeItem(db, l.itemId);
    switch (before.kind) {
      case 'receipt':
      case 'return': {
        const batchId =
          l.batchId ??
          findOrCreateBatch(db, env.stationId, item.id, l.batch ?? { batchNo: '', productionDate: '', expiryDate: '', origin: '', labelNo: '', quality: '' }, newId, now);
        moves.push({ lineNo: ++lineNo, phase: 'post', warehouseId: wh.id, itemId: item.id, batchId, qty: l.qty, reason: l.reason });
        break;
      }
      case 'issue':
      case 'transfer':
      case 'writeoff': {
        const allowExpired = before.kind === 'writeoff';
        for (const a of outgoing(db, wh, item, l, today, allowExpired)) {
          moves.push({
            lineNo: ++lineNo,
            phase: before.kind === 'transfer' ? 'dispatch' : 'post',
            warehouseId: wh.id,
            itemId: item.id,
            batchId: a.batchId,
            qty: -a.qty,
            reason: l.reason ?? (before.kind === 'writeoff' ? before.reason : ''),
          });
        }
        break;
      }
      default:
        throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
    }
  }
  applyMoves(db, id, moves, now);
  const transfer = before.kind === 'transfer';
  // standards §5 (local rule): dispatched supplies reach the named site within the station's limit (12 h by default).
  const limitMs = getRules(db).transferHours * 3600_000;
  updateVersioned(
    db,
    'mat_docs',
    id,
    version,
    { status: transfer ? 'in_transit' : 'posted', posted_at: now, posted_by: env.actor.id, dispatched_at: transfer ? now : null, deadline_at: transfer ? now + limitMs : null },
    now,
  );
  return { doc: loadDoc(db, id), before };
}

/** Receives a transfer at its destination, once: good quantity into stock; damage and shortage recorded. */
export function receive(
  env: LedgerEnv,
  id: string,
  version: number,
  input: { lineNo: number; received: number; damaged: number; reason?: string }[],
): { doc: DocRec; before: DocRec } {
  const { db, now } = env;
  const before = loadDoc(db, id);
  if (before.kind !== 'transfer') throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
  if (before.status === 'received') throw conflict('materials.alreadyReceived', { docNo: before.doc_no });
  if (before.status !== 'in_transit') throw conflict('materials.notInTransit', { docNo: before.doc_no });
  if (before.version !== version) throw conflict();
  const dest = activeWarehouse(db, before.to_warehouse_id!);
  requireKeeper(db, env.actor, dest);
  const sent = stmt(db, "SELECT line_no, item_id, batch_id, -qty qty FROM mat_lines WHERE doc_id = ? AND phase = 'dispatch' ORDER BY line_no").all(id) as {
    line_no: number;
    item_id: string;
    batch_id: string;
    qty: number;
  }[];
  const byNo = new Map(input.map((l) => [l.lineNo, l]));
  for (const l of input) if (!sent.some((s) => s.line_no === l.lineNo)) throw invalid('materials.unknownLine', { line: l.lineNo });
  const moves: Move[] = [];
  for (const s of sent) {
    const r = byNo.get(s.line_no);
    if (!r) throw invalid('materials.receiveMissingLine', { line: s.line_no });
    const item = activeOrAnyItem(db, s.item_id);
    const received = qtyFor(item, r.received);
    const damaged = qtyFor(item, r.damaged);
    if (received + damaged > s.qty) {
      throw invalid('materials.receiveTooMuch', { line: s.line_no, received: r.received, damaged: r.damaged, sent: fromMilli(s.qty) });
    }
    if (received + damaged < s.qty && !r.reason) throw invalid('materials.reasonRequired', { what: `#${s.line_no}` });
    moves.push({ lineNo: s.line_no, phase: 'receive', warehouseId: dest.id, itemId: s.item_id, batchId: s.batch_id, qty: received, damaged, reason: r.reason });
  }
  applyMoves(db, id, moves, now);
  updateVersioned(db, 'mat_docs', id, version, { status: 'received', received_at: now, received_by: env.actor.id }, now);
  return { doc: loadDoc(db, id), before };
}
function activeOrAnyItem(db: DB, id: string): ItemRec {
  return stmt(db, 'SELECT * FROM mat_items WHERE id = ?').get(id) as ItemRec;
}

export function voidDraft(env: LedgerEnv, id: string, version: number, reason: string): { doc: DocRec; before: DocRec } {
  const before = loadDoc(env.db, id);
  if (!isOpenDraft(before.status)) {
    if (before.status === 'void') throw conflict('materials.notDraft', { docNo: before.doc_no, status: before.status });
    throw conflict('materials.posted', { docNo: before.doc_no });
  }
  if (!env.actor.roles.includes('leader')) requireKeeper(env.db, env.actor, activeWarehouse(env.db, before.warehouse_id));
  updateVersioned(env.db, 'mat_docs', id, version, { status: 'void', voided_at: env.now, voided_by: env.actor.id, void_reason: reason }, env.now);
  return { doc: loadDoc(env.db, id), before };
}

/** A mistake in a posted document is corrected by a reversing document (negated lines), never by editing. */
export function reverse(env: LedgerEnv, id: string, reason: string): { doc: DocRec; original: DocRec } {
  const { db, now } = env;
  const original = loadDoc(db, id);
  const why = reverseBlock({ kind: original.kind, status: original.status, reversesId: original.reverses_id, reversedById: original.reversed_by_id });
  if (why) throw conflict('materials.cannotReverse', { docNo: original.doc_no, why });
  const wh = activeWarehouse(db, original.warehouse_id);
  requireKeeper(db, env.actor, wh);
  const lines = stmt(db, 'SELECT * FROM mat_lines WHERE doc_id = ? ORDER BY seq').all(id) as {
    line_no: number;
    warehouse_id: string;
    item_id: string;
    batch_id: string;
    qty: number;
  }[];
  const newDoc = newId();
  insertPostedDoc(
    db,
    {
      id: newDoc,
      stationId: env.stationId,
      docNo: nextDocNo(db, PREFIX[original.kind], localDate(now, env.timeZone)),
      kind: original.kind,
      warehouseId: wh.id,
      source: original.source,
      incidentId: original.incident_id,
      recipient: original.recipient,
      reason,
      reversesId: id,
      by: env.actor.id,
    },
    now,
  );
  applyMoves(
    db,
    newDoc,
    lines.map((l) => ({ lineNo: l.line_no, phase: 'post' as const, warehouseId: l.warehouse_id, itemId: l.item_id, batchId: l.batch_id, qty: -l.qty, reason })),
    now,
  );
  bumpVersion(db, 'mat_docs', id, now, { reversed_by_id: newDoc });
  return { doc: loadDoc(db, newDoc), original };
}

// ---- reading documents ---------------------------------------------------------------------

/** A linked incident by number and short title ("2026-00061 环通乡地质灾害"), never its call summary. */
function incidentTitle(db: DB, id: string | null): string | null {
  return id ? incidentLabel(db, id, 'zh-CN') : null;
}

const userName = (db: DB, id: string | null) =>
  id ? ((stmt(db, 'SELECT display_name n FROM users WHERE id = ?').get(id) as { n: string } | undefined)?.n ?? null) : null;

export function docRow(db: DB, d: DocRec, now: number, withLines = true): DocRow {
  let lines: DocLineRow[] = [];
  if (withLines) {
    if (d.status === 'draft' || d.status === 'approved' || d.status === 'void') {
      const draft = JSON.parse(d.draft_lines) as DraftLine[];
      lines = draft.map((l, i) => {
        const it = stmt(db, 'SELECT code, name, spec, unit FROM mat_items WHERE id = ?').get(l.itemId) as { code: string; name: string; spec: string; unit: string };
        const b = l.batchId ? batchRec(db, l.batchId) : undefined;
        return {
          lineNo: i + 1,
          itemId: l.itemId,
          itemCode: it.code,
          itemName: it.name,
          spec: it.spec,
          unit: it.unit,
          batchId: l.batchId ?? null,
          batchNo: b?.batch_no ?? l.batch?.batchNo ?? '',
          expiryDate: b?.expiry_date ?? l.batch?.expiryDate ?? '',
          qty: fromMilli(l.qty),
          received: null,
          damaged: null,
          reason: l.reason ?? '',
        };
      });
    } else {
      const rows = stmt(
        db,
        `SELECT l.line_no, l.phase, l.item_id, l.batch_id, l.qty, l.damaged, l.reason, i.code, i.name, i.spec, i.unit, b.batch_no, b.expiry_date
         FROM mat_lines l JOIN mat_items i ON i.id = l.item_id JOIN mat_batches b ON b.id = l.batch_id WHERE l.doc_id = ? ORDER BY l.line_no, l.seq`,
      ).all(d.id) as {
        line_no: number;
        phase: string;
        item_id: string;
        batch_id: string;
        qty: number;
        damaged: number;
        reason: string;
        code: string;
        name: string;
        spec: string;
        unit: string;
        batch_no: string;
        expiry_date: string;
      }[];
      const byNo = new Map<number, DocLineRow>();
      for (const r of rows) {
        if (r.phase === 'receive') {
          const l = byNo.get(r.line_no);
          if (l) {
            l.received = fromMilli(r.qty);
            l.damaged = fromMilli(r.damaged);
            if (r.reason) l.reason = r.reason;
          }
          continue;
        }
        byNo.set(r.line_no, {
          lineNo: r.line_no,
          itemId: r.item_id,
          itemCode: r.code,
          itemName: r.name,
          spec: r.spec,
          unit: r.unit,
          batchId: r.batch_id,
          batchNo: r.batch_no,
          expiryDate: r.expiry_date,
          qty: fromMilli(Math.abs(r.qty)) * (d.kind === 'adjustment' || d.reverses_id ? Math.sign(r.qty) : 1),
          received: null,
          damaged: null,
          reason: r.reason,
        });
      }
      lines = [...byNo.values()];
    }
  }
  const lineCount = withLines ? lines.length : 0;
  return {
    id: d.id,
    docNo: d.doc_no,
    kind: d.kind,
    status: d.status,
    warehouseId: d.warehouse_id,
    warehouseName: whName(db, d.warehouse_id),
    toWarehouseId: d.to_warehouse_id,
    toWarehouseName: d.to_warehouse_id ? whName(db, d.to_warehouse_id) : null,
    source: d.source,
    incidentId: d.incident_id,
    incidentTitle: incidentTitle(db, d.incident_id),
    recipient: d.recipient,
    approvedByName: d.approved_by_name,
    approverName: userName(db, d.approver_id),
    approvedAt: d.approved_at,
    reason: d.reason,
    note: d.note,
    acceptance: d.acceptance,
    reversesId: d.reverses_id,
    reversedById: d.reversed_by_id,
    postedAt: d.posted_at,
    postedByName: userName(db, d.posted_by),
    dispatchedAt: d.dispatched_at,
    deadlineAt: d.deadline_at,
    receivedAt: d.received_at,
    overdue: d.deadline_at !== null && (d.received_at ?? now) > d.deadline_at,
    createdAt: d.created_at,
    createdByName: userName(db, d.created_by) ?? '',
    version: d.version,
    lineCount,
    totalQty: lines.reduce((s, l) => s + l.qty, 0),
    lines,
  };
}

export function listDocs(
  db: DB,
  f: { kind?: string; status?: string; warehouseId?: string; incidentId?: string; offset: number; limit: number },
  now: number,
): { total: number; rows: DocRow[] } {
  const where = `(@kind IS NULL OR kind = @kind) AND (@status IS NULL OR status = @status)
    AND (@wh IS NULL OR warehouse_id = @wh OR to_warehouse_id = @wh) AND (@inc IS NULL OR incident_id = @inc)`;
  const p = { kind: f.kind ?? null, status: f.status ?? null, wh: f.warehouseId ?? null, inc: f.incidentId ?? null };
  const total = (stmt(db, `SELECT count(*) n FROM mat_docs WHERE ${where}`).get(p) as { n: number }).n;
  const rows = stmt(db, `SELECT * FROM mat_docs WHERE ${where} ORDER BY created_at DESC, doc_no DESC LIMIT @limit OFFSET @offset`).all({
    ...p,
    limit: f.limit,
    offset: f.offset,
  }) as DocRec[];
  return { total, rows: rows.map((d) => docRow(db, d, now)) };
}

/** Rebuilds every balance from the ledger lines and compares (materials.verifyLedger). */
export function verifyLedger(db: DB): VerifyResult {
  const mismatches = stmt(
    db,
    `WITH l AS (SELECT item_id, warehouse_id, batch_id, SUM(qty) q FROM mat_lines GROUP BY item_id, warehouse_id, batch_id)
     SELECT warehouse_id warehouseId, item_id itemId, batch_id batchId, coalesce(b.qty, 0) balance, coalesce(l.q, 0) fromLines
     FROM l FULL OUTER JOIN mat_balances b USING (warehouse_id, item_id, batch_id)
     WHERE coalesce(b.qty, 0) <> coalesce(l.q, 0) LIMIT 100`,
  ).all() as VerifyResult['mismatches'];
  const lines = (stmt(db, 'SELECT count(*) n FROM mat_lines').get() as { n: number }).n;
  const balances = (stmt(db, 'SELECT count(*) n FROM mat_balances').get() as { n: number }).n;
  const negatives = (stmt(db, 'SELECT count(*) n FROM mat_balances WHERE qty < 0').get() as { n: number }).n;
  return {
    ok: mismatches.length === 0 && negatives === 0,
    lines,
    balances,
    negatives,
    mismatches: mismatches.map((m) => ({ ...m, balance: fromMilli(m.balance), fromLines: fromMilli(m.fromLines) })),
  };
}
