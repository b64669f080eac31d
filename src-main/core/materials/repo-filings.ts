import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { FilingKind, MaterialsRules } from '../../contract/materials';
import { updateVersioned } from '../db/versioned';

/** SQL of the materials reporting duties (standards §5): the station's numbers and the reports made. */

interface RulesRec {
  acceptance_days: number;
  issue_days: number;
  annual_due: string;
  transfer_hours: number;
  tracked_since: number;
  version: number;
}

const DEFAULT_RULES: MaterialsRules = { acceptanceDays: 5, issueDays: 2, annualDue: '01-10', transferHours: 12, trackedSince: 0, version: 0 };

export function getRules(db: DB): MaterialsRules {
  const r = stmt(db, "SELECT * FROM mat_rules WHERE id = 'materials'").get() as RulesRec | undefined;
  if (!r) return DEFAULT_RULES;
  return { acceptanceDays: r.acceptance_days, issueDays: r.issue_days, annualDue: r.annual_due, transferHours: r.transfer_hours, trackedSince: r.tracked_since, version: r.version };
}

export function setRules(
  db: DB,
  stationId: string,
  userId: string,
  v: { version: number; acceptanceDays: number; issueDays: number; annualDue: string; transferHours: number },
  now: number,
): void {
  updateVersioned(
    db,
    'mat_rules',
    'materials',
    v.version,
    { station_id: stationId, acceptance_days: v.acceptanceDays, issue_days: v.issueDays, annual_due: v.annualDue, transfer_hours: v.transferHours, updated_by: userId },
    now,
  );
}

/** Demo and benchmark data: duties start at this moment (older documents predate the rule). */
export function setTrackedSince(db: DB, at: number): void {
  stmt(db, "UPDATE mat_rules SET tracked_since = ? WHERE id = 'materials'").run(at);
}

export interface DutyDocRec {
  id: string;
  doc_no: string;
  kind: 'receipt' | 'issue';
  posted_at: number;
  warehouse_name: string;
}

/** Posted receipts and issues (not reversals, not reversed) since the rule applies, with no report made yet. */
export function openDutyDocs(db: DB, since: number): DutyDocRec[] {
  return stmt(
    db,
    `SELECT d.id, d.doc_no, d.kind, d.posted_at, w.name warehouse_name FROM mat_docs d JOIN mat_warehouses w ON w.id = d.warehouse_id
     WHERE d.kind IN ('receipt', 'issue') AND d.status = 'posted' AND d.posted_at >= ? AND d.reverses_id IS NULL AND d.reversed_by_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM mat_filings f WHERE f.doc_id = d.id)
     ORDER BY d.posted_at`,
  ).all(since) as DutyDocRec[];
}

export function dutyDoc(db: DB, id: string): (DutyDocRec & { status: string; reverses_id: string | null; reversed_by_id: string | null }) | undefined {
  return stmt(
    db,
    `SELECT d.id, d.doc_no, d.kind, d.posted_at, d.status, d.reverses_id, d.reversed_by_id, w.name warehouse_name
     FROM mat_docs d JOIN mat_warehouses w ON w.id = d.warehouse_id WHERE d.id = ?`,
  ).get(id) as never;
}

/** The first and last moment any receipt or issue was posted (the years an annual report covers). */
export function postedSpan(db: DB): { first: number | null; last: number | null } {
  return stmt(db, "SELECT min(posted_at) first, max(posted_at) last FROM mat_docs WHERE posted_at IS NOT NULL AND status <> 'void'").get() as never;
}

export interface FilingRec {
  id: string;
  kind: FilingKind;
  doc_id: string | null;
  year: number | null;
  due_at: number;
  filed_at: number;
  recipient: string;
  note: string;
  late: number;
  late_reason: string;
  backdate_reason: string;
  filed_by_name: string;
  doc_no: string | null;
  posted_at: number | null;
  warehouse_name: string | null;
}

const FILING_SELECT = `SELECT f.*, d.doc_no, d.posted_at, w.name warehouse_name FROM mat_filings f
  LEFT JOIN mat_docs d ON d.id = f.doc_id LEFT JOIN mat_warehouses w ON w.id = d.warehouse_id`;

export function filings(db: DB, onlyLate: boolean, kind: FilingKind | null, limit: number): FilingRec[] {
  return stmt(db, `${FILING_SELECT} WHERE (@late = 0 OR f.late = 1) AND (@kind IS NULL OR f.kind = @kind) ORDER BY f.filed_at DESC LIMIT @limit`).all({
    late: onlyLate ? 1 : 0,
    kind,
    limit,
  }) as FilingRec[];
}

export function filingFor(db: DB, kind: FilingKind, docId: string | null, year: number | null): FilingRec | undefined {
  return stmt(db, `${FILING_SELECT} WHERE f.kind = ? AND (f.doc_id = ? OR f.year = ?)`).get(kind, docId, year) as FilingRec | undefined;
}

export function annualFiledYears(db: DB): Set<number> {
  return new Set((stmt(db, "SELECT year FROM mat_filings WHERE kind = 'annual'").all() as { year: number }[]).map((r) => r.year));
}

export function insertFiling(
  db: DB,
  f: {
    id: string;
    stationId: string;
    kind: FilingKind;
    docId: string | null;
    year: number | null;
    dueAt: number;
    filedAt: number;
    recipient: string;
    note: string;
    late: boolean;
    lateReason: string;
    backdateReason: string;
    userId: string;
    userName: string;
    now: number;
  },
): void {
  stmt(
    db,
    `INSERT INTO mat_filings (id, station_id, kind, doc_id, year, due_at, filed_at, recipient, note, late, late_reason, backdate_reason, filed_by, filed_by_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.id, f.stationId, f.kind, f.docId, f.year, f.dueAt, f.filedAt, f.recipient, f.note, f.late ? 1 : 0, f.lateReason, f.backdateReason, f.userId, f.userName, f.now);
}
