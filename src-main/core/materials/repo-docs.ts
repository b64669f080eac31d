import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { DocKind } from '../../contract/materials';

/**
 * A document born posted — a reversal, a stocktake adjustment, an imported opening balance —
 * written in one place. Its lines go in with `applyMoves` (ledger.ts) in the same transaction.
 */
export function insertPostedDoc(
  db: DB,
  d: {
    id: string;
    stationId: string;
    docNo: string;
    kind: DocKind;
    warehouseId: string;
    source?: string | null;
    incidentId?: string | null;
    recipient?: string;
    reason: string;
    reversesId?: string | null;
    stocktakeId?: string | null;
    by: string;
  },
  now: number,
): void {
  stmt(
    db,
    `INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, source, incident_id, recipient, reason, reverses_id, stocktake_id,
       posted_at, posted_by, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.stationId,
    d.docNo,
    d.kind,
    d.warehouseId,
    d.source ?? null,
    d.incidentId ?? null,
    d.recipient ?? '',
    d.reason,
    d.reversesId ?? null,
    d.stocktakeId ?? null,
    now,
    d.by,
    d.by,
    now,
    now,
  );
}

/** Transfers and write-offs waiting for a leader's approval (standards §5: write-off needs approval), oldest first. */
export function awaitingApproval(db: DB): { id: string; doc_no: string; kind: DocKind; created_at: number }[] {
  return stmt(db, `SELECT id, doc_no, kind, created_at FROM mat_docs WHERE status = 'draft' AND kind IN ('transfer', 'writeoff')
                   ORDER BY created_at LIMIT 200`).all() as { id: string; doc_no: string; kind: DocKind; created_at: number }[];
}
