import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type {
  AssignmentRow,
  ChangeRow,
  ContactRow,
  DutyRole,
  LeaveRow,
  PersonRow,
  PositionDef,
  RosterRules,
  ShiftDef,
} from '../../contract/roster';

/* ---------- people ---------- */
export interface PersonRec {
  id: string;
  station_id: string;
  name: string;
  unit: string;
  title: string;
  mobile: string;
  office_phone: string;
  duty_roles: string;
  user_id: string | null;
  username?: string | null;
  note: string;
  sort: number;
  disabled_at: number | null;
  version: number;
}

export const toPerson = (r: PersonRec): PersonRow => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
  title: r.title,
  mobile: r.mobile,
  officePhone: r.office_phone,
  dutyRoles: JSON.parse(r.duty_roles) as DutyRole[],
  userId: r.user_id,
  username: r.username ?? null,
  note: r.note,
  disabled: r.disabled_at !== null,
  version: r.version,
});

const PERSON_SELECT = 'SELECT p.*, u.username FROM roster_people p LEFT JOIN users u ON u.id = p.user_id';

export const personById = (db: DB, id: string) => stmt(db, `${PERSON_SELECT} WHERE p.id = ?`).get(id) as PersonRec | undefined;
export const personByUser = (db: DB, userId: string) =>
  stmt(db, `${PERSON_SELECT} WHERE p.user_id = ? AND p.disabled_at IS NULL`).get(userId) as PersonRec | undefined;

export function listPeople(db: DB, stationId: string, q: string | undefined, includeDisabled: boolean): PersonRow[] {
  const like = q ? `%${q}%` : null;
  return (
    stmt(db,
      `${PERSON_SELECT} WHERE p.station_id = ? AND (? = 1 OR p.disabled_at IS NULL)
       AND (? IS NULL OR p.name LIKE ? OR p.unit LIKE ? OR p.mobile LIKE ? OR p.office_phone LIKE ? OR p.title LIKE ?)
       ORDER BY p.disabled_at IS NOT NULL, p.unit, p.sort, p.name`,
    ).all(stationId, includeDisabled ? 1 : 0, like, like, like, like, like, like) as PersonRec[]
  ).map(toPerson);
}

export function insertPerson(db: DB, p: { id: string; stationId: string; name: string; unit: string; title: string; mobile: string; officePhone: string; dutyRoles: DutyRole[]; userId: string | null; note: string }, now: number) {
  stmt(db,
    `INSERT INTO roster_people (id, station_id, name, unit, title, mobile, office_phone, duty_roles, user_id, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.stationId, p.name, p.unit, p.title, p.mobile, p.officePhone, JSON.stringify(p.dutyRoles), p.userId, p.note, now, now);
}

/** Version-checked update of chosen columns of a roster table; false when stale. */
/* ---------- contacts ---------- */
interface ContactRec {
  id: string;
  category: ContactRow['category'];
  org: string;
  name: string;
  title: string;
  phone: string;
  mobile: string;
  note: string;
  voided_at: number | null;
  version: number;
}
const toContact = (r: ContactRec): ContactRow => ({ id: r.id, category: r.category, org: r.org, name: r.name, title: r.title, phone: r.phone, mobile: r.mobile, note: r.note, version: r.version });
export const contactRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM roster_contacts WHERE id = ?').get(id) as ContactRec | undefined;
export const contactById = (db: DB, id: string) => {
  const r = contactRec(db, id);
  return r ? toContact(r) : undefined;
};
export function listContacts(db: DB, stationId: string, q?: string): ContactRow[] {
  const like = q ? `%${q}%` : null;
  return (
    stmt(db,
      `SELECT * FROM roster_contacts WHERE station_id = ? AND voided_at IS NULL
       AND (? IS NULL OR org LIKE ? OR name LIKE ? OR phone LIKE ? OR mobile LIKE ? OR title LIKE ?)
       ORDER BY category, org, name`,
    ).all(stationId, like, like, like, like, like, like) as ContactRec[]
  ).map(toContact);
}

/* ---------- shifts, positions, rules ---------- */
interface ShiftRec {
  id: string;
  name: string;
  start_minute: number;
  duration_minutes: number;
  sort: number;
  voided_at: number | null;
  version: number;
}
const toShift = (r: ShiftRec): ShiftDef => ({ id: r.id, name: r.name, startMinute: r.start_minute, durationMinutes: r.duration_minutes, sort: r.sort, version: r.version });
export const shiftRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM roster_shifts WHERE id = ?').get(id) as ShiftRec | undefined;
export const listShifts = (db: DB, stationId: string): ShiftDef[] =>
  (stmt(db, 'SELECT * FROM roster_shifts WHERE station_id = ? AND voided_at IS NULL ORDER BY start_minute, sort').all(stationId) as ShiftRec[]).map(toShift);
export const shiftById = (db: DB, id: string): ShiftDef | undefined => {
  const r = shiftRec(db, id);
  return r ? toShift(r) : undefined;
};

interface PositionRec {
  id: string;
  name: string;
  duty_role: DutyRole;
  min_count: number;
  max_count: number;
  sort: number;
  voided_at: number | null;
  version: number;
}
const toPosition = (r: PositionRec): PositionDef => ({ id: r.id, name: r.name, dutyRole: r.duty_role, minCount: r.min_count, maxCount: r.max_count, sort: r.sort, version: r.version });
export const positionRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM roster_positions WHERE id = ?').get(id) as PositionRec | undefined;
export const listPositions = (db: DB, stationId: string): PositionDef[] =>
  (stmt(db, "SELECT * FROM roster_positions WHERE station_id = ? AND voided_at IS NULL ORDER BY duty_role = 'operator', sort, name").all(stationId) as PositionRec[]).map(toPosition);
export const positionById = (db: DB, id: string): PositionDef | undefined => {
  const r = positionRec(db, id);
  return r ? toPosition(r) : undefined;
};

export function getRules(db: DB, stationId: string): RosterRules {
  const r = stmt(db, 'SELECT min_rest_hours, max_consecutive, version FROM roster_rules WHERE station_id = ?').get(stationId) as
    | { min_rest_hours: number; max_consecutive: number; version: number }
    | undefined;
  return r ? { minRestHours: r.min_rest_hours, maxConsecutive: r.max_consecutive, version: r.version } : { minRestHours: 12, maxConsecutive: 2, version: 0 };
}

/* ---------- leave ---------- */
export function leaveBetween(db: DB, stationId: string, from: string, to: string): LeaveRow[] {
  return stmt(db,
    `SELECT l.id, l.person_id AS personId, p.name AS personName, l.from_date AS fromDate, l.to_date AS toDate, l.kind, l.note
     FROM roster_leave l JOIN roster_people p ON p.id = l.person_id
     WHERE l.station_id = ? AND l.voided_at IS NULL AND l.to_date >= ? AND l.from_date <= ? ORDER BY l.from_date`,
  ).all(stationId, from, to) as LeaveRow[];
}

/* ---------- months and assignments ---------- */
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

export const userName = (db: DB, id: string | null) =>
  id ? ((stmt(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined)?.display_name ?? null) : null;
