import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned } from '../db/versioned';
import type { AssignmentRow, ChangeRow } from '../../contract/roster';

/** The month's roster: its status, its assignments and the changes made after publishing. */

/* ---------- months ---------- */
export interface MonthRec {
  id: string;
  month: string;
  status: 'draft' | 'published';
  published_at: number | null;
  published_by: string | null;
  accepted_reason: string | null;
  version: number;
}
export const monthRec = (db: DB, stationId: string, month: string) =>
  stmt(db, 'SELECT * FROM roster_months WHERE station_id = ? AND month = ?').get(stationId, month) as MonthRec | undefined;

export function insertDraftMonth(db: DB, id: string, stationId: string, month: string, now: number) {
  stmt(db, "INSERT INTO roster_months (id, station_id, month, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)").run(id, stationId, month, now, now);
}

/** Version-checked; CONFLICT when stale. */
export function publishMonth(db: DB, id: string, version: number, p: { by: string; acceptedReason: string | null }, now: number) {
  updateVersioned(db, 'roster_months', id, version, { status: 'published', published_at: now, published_by: p.by, accepted_reason: p.acceptedReason }, now);
}

/* ---------- assignments ---------- */
const ASSIGN_SELECT = `SELECT a.id, a.date, a.shift_id AS shiftId, a.position_id AS positionId, a.slot, a.person_id AS personId,
  p.name AS personName, a.source, a.change_id AS changeId, a.start_at AS startAt, a.end_at AS endAt
  FROM roster_assignments a JOIN roster_people p ON p.id = a.person_id`;

/** Active assignments whose shift starts in [fromMs, toMs). */
export function assignmentsStarting(db: DB, fromMs: number, toMs: number): AssignmentRow[] {
  return stmt(db, `${ASSIGN_SELECT} WHERE a.voided_at IS NULL AND a.start_at >= ? AND a.start_at < ? ORDER BY a.start_at, a.position_id, a.slot`).all(fromMs, toMs) as AssignmentRow[];
}
export const assignmentById = (db: DB, id: string) =>
  stmt(db, `${ASSIGN_SELECT} WHERE a.id = ?`).get(id) as (AssignmentRow & Record<string, unknown>) | undefined;
export const assignmentVoided = (db: DB, id: string) =>
  (stmt(db, 'SELECT voided_at FROM roster_assignments WHERE id = ?').get(id) as { voided_at: number | null } | undefined)?.voided_at != null;
export const cellAssignment = (db: DB, stationId: string, date: string, shiftId: string, positionId: string, slot: number) =>
  stmt(db, `${ASSIGN_SELECT} WHERE a.station_id = ? AND a.date = ? AND a.shift_id = ? AND a.position_id = ? AND a.slot = ? AND a.voided_at IS NULL`).get(
    stationId, date, shiftId, positionId, slot,
  ) as AssignmentRow | undefined;

/** The id of the person's first active assignment running at some moment of [from, to). */
export const assignmentOfPersonBetween = (db: DB, personId: string, from: number, to: number) =>
  (stmt(db, 'SELECT id FROM roster_assignments WHERE person_id = ? AND voided_at IS NULL AND start_at <= ? AND end_at > ? ORDER BY start_at LIMIT 1').get(personId, to, from) as
    | { id: string }
    | undefined)?.id;

export function insertAssignment(
  db: DB,
  a: { id: string; stationId: string; date: string; shiftId: string; positionId: string; slot: number; personId: string; startAt: number; endAt: number; source: AssignmentRow['source']; changeId: string | null; by: string | null },
  now: number,
) {
  stmt(db,
    `INSERT INTO roster_assignments (id, station_id, date, shift_id, position_id, slot, person_id, start_at, end_at, source, change_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.stationId, a.date, a.shiftId, a.positionId, a.slot, a.personId, a.startAt, a.endAt, a.source, a.changeId, a.by, now);
}

export function voidAssignment(db: DB, id: string, by: string | null, reason: string, now: number) {
  stmt(db, 'UPDATE roster_assignments SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL').run(now, by, reason, id);
}

/* ---------- changes (swap, substitute) ---------- */
export function changesOfMonth(db: DB, stationId: string, month: string): ChangeRow[] {
  return stmt(db,
    `SELECT c.id, c.kind, c.assignment_a AS assignmentA, c.assignment_b AS assignmentB,
       (SELECT date FROM roster_assignments WHERE id = c.assignment_a) AS dateA,
       (SELECT date FROM roster_assignments WHERE id = c.assignment_b) AS dateB,
       pf.name AS personFromName, pt.name AS personToName, c.reason,
       COALESCE(u.display_name, c.approved_by) AS approvedByName, c.created_at AS createdAt
     FROM roster_changes c JOIN roster_people pf ON pf.id = c.person_from JOIN roster_people pt ON pt.id = c.person_to
     LEFT JOIN users u ON u.id = c.approved_by
     WHERE c.station_id = ? AND c.month = ? ORDER BY c.created_at`,
  ).all(stationId, month) as ChangeRow[];
}

export function insertChange(
  db: DB,
  c: { id: string; stationId: string; kind: ChangeRow['kind']; month: string; assignmentA: string; assignmentB: string | null; personFrom: string; personTo: string; reason: string; by: string },
  now: number,
) {
  stmt(db,
    `INSERT INTO roster_changes (id, station_id, kind, month, assignment_a, assignment_b, person_from, person_to, reason, approved_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.stationId, c.kind, c.month, c.assignmentA, c.assignmentB, c.personFrom, c.personTo, c.reason, c.by, now);
}
