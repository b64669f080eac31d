import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned } from '../db/versioned';
import type { OpenMatterRow } from '../../contract/roster';

/** On duty: sign-ins, handovers and the duty log. (Sign-in reads are in onduty.ts.) */

/* ---------- sign-ins ---------- */
export const hasOpenSignIn = (db: DB, assignmentId: string, userId: string) =>
  !!stmt(db, 'SELECT 1 FROM roster_signins WHERE assignment_id = ? AND user_id = ? AND signed_out_at IS NULL').get(assignmentId, userId);

export function insertSignIn(
  db: DB,
  s: { id: string; stationId: string; assignmentId: string; personId: string; userId: string; startAt: number; endAt: number; substituteFor: string | null; substituteReason: string | null },
  now: number,
) {
  stmt(db,
    `INSERT INTO roster_signins (id, station_id, assignment_id, person_id, user_id, start_at, end_at, substitute_for, substitute_reason, signed_in_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.id, s.stationId, s.assignmentId, s.personId, s.userId, s.startAt, s.endAt, s.substituteFor, s.substituteReason, now);
}

export const signInRec = (db: DB, id: string) =>
  stmt(db, 'SELECT user_id, signed_out_at, end_at FROM roster_signins WHERE id = ?').get(id) as { user_id: string; signed_out_at: number | null; end_at: number } | undefined;

/** Has anyone signed in to the shift that starts at `startAt`? */
export const anySignInAt = (db: DB, stationId: string, startAt: number) => !!stmt(db, 'SELECT 1 FROM roster_signins WHERE station_id = ? AND start_at = ?').get(stationId, startAt);

/** Sign-ins carry no version: signing out is a one-way mark; `flagged` when nobody had taken over. */
export function signOut(db: DB, id: string, reason: string | null, flagged: boolean, now: number) {
  stmt(db, 'UPDATE roster_signins SET signed_out_at = ?, sign_out_reason = ?, flagged = ? WHERE id = ?').run(now, reason, flagged ? 1 : 0, id);
}

/* ---------- handovers ---------- */
interface HandoverRec {
  id: string;
  date: string;
  shift_id: string;
  situation: string;
  problems: string;
  tasks: string;
  open_matters: string;
  outgoing_user_id: string;
  incoming_user_id: string | null;
  acknowledged_at: number | null;
  status: 'draft' | 'acknowledged';
  version: number;
}

export interface Handover {
  id: string;
  date: string;
  shiftId: string;
  situation: string;
  problems: string;
  tasks: string;
  /** The open matters as they stood when the handover was last saved. */
  openMatters: OpenMatterRow[];
  outgoingUserId: string;
  incomingUserId: string | null;
  acknowledgedAt: number | null;
  status: 'draft' | 'acknowledged';
  version: number;
}

const toHandover = (r: HandoverRec): Handover => ({
  id: r.id,
  date: r.date,
  shiftId: r.shift_id,
  situation: r.situation,
  problems: r.problems,
  tasks: r.tasks,
  openMatters: JSON.parse(r.open_matters) as OpenMatterRow[],
  outgoingUserId: r.outgoing_user_id,
  incomingUserId: r.incoming_user_id,
  acknowledgedAt: r.acknowledged_at,
  status: r.status,
  version: r.version,
});

export const handoverOf = (db: DB, stationId: string, date: string, shiftId: string) => {
  const r = stmt(db, 'SELECT * FROM roster_handovers WHERE station_id = ? AND date = ? AND shift_id = ?').get(stationId, date, shiftId) as HandoverRec | undefined;
  return r ? toHandover(r) : undefined;
};
export const handoverById = (db: DB, id: string) => {
  const r = stmt(db, 'SELECT * FROM roster_handovers WHERE id = ?').get(id) as HandoverRec | undefined;
  return r ? toHandover(r) : undefined;
};

/** Once the handover is acknowledged, the shift (its handover and duty log) is frozen. */
export const shiftFrozen = (db: DB, stationId: string, date: string, shiftId: string) =>
  !!stmt(db, "SELECT 1 FROM roster_handovers WHERE station_id = ? AND date = ? AND shift_id = ? AND status = 'acknowledged'").get(stationId, date, shiftId);

interface HandoverText {
  situation: string;
  problems: string;
  tasks: string;
  openMatters: OpenMatterRow[];
  outgoingUserId: string;
}

export function insertHandover(db: DB, h: HandoverText & { id: string; stationId: string; date: string; shiftId: string; startAt: number; endAt: number }, now: number) {
  stmt(db,
    `INSERT INTO roster_handovers (id, station_id, date, shift_id, start_at, end_at, situation, problems, tasks, open_matters, outgoing_user_id, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
  ).run(h.id, h.stationId, h.date, h.shiftId, h.startAt, h.endAt, h.situation, h.problems, h.tasks, JSON.stringify(h.openMatters), h.outgoingUserId, now, now);
}

/** Version-checked, drafts only; CONFLICT when stale or acknowledged. */
export function updateHandover(db: DB, id: string, version: number, h: HandoverText, now: number) {
  const set = { situation: h.situation, problems: h.problems, tasks: h.tasks, open_matters: JSON.stringify(h.openMatters), outgoing_user_id: h.outgoingUserId };
  updateVersioned(db, 'roster_handovers', id, version, set, now, { guard: "status = 'draft'" });
}

/** Version-checked; CONFLICT when stale. */
export function acknowledgeHandover(db: DB, id: string, version: number, incomingUserId: string, now: number) {
  updateVersioned(db, 'roster_handovers', id, version, { status: 'acknowledged', incoming_user_id: incomingUserId, acknowledged_at: now }, now);
}

/* ---------- duty log ---------- */
const AUDIT_LOG_LIMIT = 2000;

/** Audited writes in [from, to) for the duty log, without the ones the log shows in its own words. */
export function auditedWritesBetween(db: DB, from: number, to: number) {
  return stmt(db,
    `SELECT at, username, method, entity, entity_id AS entityId FROM audit_log WHERE at >= ? AND at < ?
     AND method NOT IN ('auth.login', 'auth.logout', 'roster.log.add', 'roster.signIn', 'roster.signOut') ORDER BY at LIMIT ${AUDIT_LOG_LIMIT}`,
  ).all(from, to) as { at: number; username: string | null; method: string; entity: string | null; entityId: string | null }[];
}

export function manualLogEntries(db: DB, stationId: string, date: string, shiftId: string) {
  return stmt(db,
    `SELECT e.at, e.text, u.display_name AS user FROM roster_log_entries e JOIN users u ON u.id = e.user_id
     WHERE e.station_id = ? AND e.date = ? AND e.shift_id = ? AND e.voided_at IS NULL ORDER BY e.at`,
  ).all(stationId, date, shiftId) as { at: number; text: string; user: string }[];
}

export function insertLogEntry(db: DB, e: { id: string; stationId: string; date: string; shiftId: string; userId: string; text: string }, now: number) {
  stmt(db, 'INSERT INTO roster_log_entries (id, station_id, date, shift_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)').run(e.id, e.stationId, e.date, e.shiftId, now, e.userId, e.text);
}
