import type { Ctx } from '../api/types';
import { stmt } from '../db/stmt';
import { ApiError, invalid, notFound } from '../util/errors';
import { post, saveDraft, type LedgerEnv } from '../materials/ledger';
import { activeItem } from '../materials/repo';
import type { DispatchLine, InboundRow } from '../../contract/sync';

interface InboundRec {
  id: string;
  order_no: string;
  origin_name: string;
  from_name: string;
  lines: string;
  deadline_at: number | null;
  note: string;
  issued_at: number;
  received_at: number;
  status: InboundRow['status'];
  receipt_doc_id: string | null;
  booked_at: number | null;
}

export const toInboundRow = (r: InboundRec): InboundRow => ({
  id: r.id,
  orderNo: r.order_no,
  originName: r.origin_name,
  fromName: r.from_name,
  lines: JSON.parse(r.lines) as DispatchLine[],
  deadlineAt: r.deadline_at,
  note: r.note,
  issuedAt: r.issued_at,
  receivedAt: r.received_at,
  status: r.status,
  receiptDocId: r.receipt_doc_id,
  bookedAt: r.booked_at,
});

export const listInbound = (ctx: Ctx): InboundRow[] =>
  (stmt(ctx.db, 'SELECT * FROM sync_inbound ORDER BY issued_at DESC LIMIT 500').all() as InboundRec[]).map(toInboundRow);

export interface ReceiveInboundInput {
  id: string;
  warehouseId: string;
  acceptance?: string;
  lines: { index: number; itemId: string; received: number; damaged: number; reason?: string }[];
}

/**
 * Books an expected inbound transfer (a district dispatch order) into the ledger: one posted
 * receipt document (source transfer-in) for what actually arrived; shortages and damage need a
 * reason per line (standards §5: acceptance of quantity and quality at receipt). Booked once.
 */
export function receiveInbound(ctx: Ctx, input: ReceiveInboundInput): InboundRow {
  const rec = stmt(ctx.db, 'SELECT * FROM sync_inbound WHERE id = ?').get(input.id) as InboundRec | undefined;
  if (!rec) throw notFound('inbound', input.id);
  if (rec.status !== 'expected') throw new ApiError('CONFLICT', 'sync.inboundBooked', { orderNo: rec.order_no });
  const ordered = JSON.parse(rec.lines) as DispatchLine[];
  const seen = new Set<number>();
  for (const l of input.lines) {
    if (l.index >= ordered.length || seen.has(l.index)) throw invalid('sync.inboundLines');
    seen.add(l.index);
  }
  if (seen.size !== ordered.length) throw invalid('sync.inboundLines');
  const receiptLines: { itemId: string; qty: number; reason?: string }[] = [];
  for (const l of input.lines) {
    const o = ordered[l.index];
    const item = activeItem(ctx.db, l.itemId);
    if (item.unit !== o.unit) throw invalid('sync.inboundUnit', { item: item.name, unit: item.unit, ordered: o.unit });
    if (l.received + l.damaged > o.qty) throw invalid('sync.inboundTooMuch', { item: o.itemName, qty: o.qty });
    if ((l.received < o.qty || l.damaged > 0) && !l.reason?.trim()) throw invalid('sync.inboundShortReason', { item: o.itemName });
    if (l.received > 0) receiptLines.push({ itemId: item.id, qty: l.received, reason: l.reason?.trim() || undefined });
  }
  if (!receiptLines.length) throw invalid('sync.inboundNothing');
  const st = ctx.requireStation();
  const u = ctx.requireUser();
  const now = ctx.clock.now();
  const env: LedgerEnv = { db: ctx.db, stationId: st.id, timeZone: st.timeZone, now, actor: { id: u.id, roles: u.roles } };
  const { doc } = saveDraft(env, {
    kind: 'receipt',
    warehouseId: input.warehouseId,
    source: 'transfer_in',
    note: `调拨通知单 ${rec.order_no}（${rec.origin_name} · ${rec.from_name}）`.slice(0, 500),
    acceptance: input.acceptance,
    lines: receiptLines,
  });
  const posted = post(env, doc.id, doc.version).doc;
  stmt(ctx.db, "UPDATE sync_inbound SET status = 'received', receipt_doc_id = ?, booked_at = ?, booked_by = ? WHERE id = ? AND status = 'expected'").run(
    posted.id,
    now,
    u.id,
    rec.id,
  );
  const after = toInboundRow(stmt(ctx.db, 'SELECT * FROM sync_inbound WHERE id = ?').get(rec.id) as InboundRec);
  ctx.audit({ entity: 'sync_inbound', entityId: rec.id, before: toInboundRow(rec), after });
  ctx.audit({ entity: 'mat_doc', entityId: posted.id, after: { inbound: rec.id, lines: receiptLines } });
  return after;
}
