import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { bumpVersion, updateVersioned } from '../db/versioned';
import { conflict } from '../util/errors';
import type { DayKind, DutyRole, LeaveRow, PositionDef, RosterRules, ShiftDef } from '../../contract/roster';

/** Station set-up: shift patterns, positions, rules, calendar corrections and leave. */

/** The columns that record a soft delete (who, when, why). */
const voided = (by: string, reason: string, now: number) => ({ voided_at: now, voided_by: by, void_reason: reason });

/* ---------- shifts ---------- */
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

type ShiftFields = Pick<ShiftDef, 'name' | 'startMinute' | 'durationMinutes' | 'sort'>;

export function insertShift(db: DB, s: ShiftFields & { id: string; stationId: string }, now: number) {
  stmt(db, 'INSERT INTO roster_shifts (id, station_id, name, start_minute, duration_minutes, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    s.id, s.stationId, s.name, s.startMinute, s.durationMinutes, s.sort, now, now,
  );
}

/** Version-checked update of the given fields (undefined: unchanged); CONFLICT when stale. */
export function updateShift(db: DB, id: string, version: number, s: Partial<ShiftFields>, now: number) {
  updateVersioned(db, 'roster_shifts', id, version, { name: s.name, start_minute: s.startMinute, duration_minutes: s.durationMinutes, sort: s.sort }, now);
}

export const voidShift = (db: DB, id: string, version: number, by: string, reason: string, now: number) =>
  updateVersioned(db, 'roster_shifts', id, version, voided(by, reason, now), now);

/* ---------- positions ---------- */
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

type PositionFields = Pick<PositionDef, 'name' | 'dutyRole' | 'minCount' | 'maxCount' | 'sort'>;

export function insertPosition(db: DB, p: PositionFields & { id: string; stationId: string }, now: number) {
  stmt(db, 'INSERT INTO roster_positions (id, station_id, name, duty_role, min_count, max_count, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    p.id, p.stationId, p.name, p.dutyRole, p.minCount, p.maxCount, p.sort, now, now,
  );
}

/** Version-checked update of the given fields (undefined: unchanged); CONFLICT when stale. */
export function updatePosition(db: DB, id: string, version: number, p: Partial<Omit<PositionFields, 'dutyRole'>>, now: number) {
  updateVersioned(db, 'roster_positions', id, version, { name: p.name, min_count: p.minCount, max_count: p.maxCount, sort: p.sort }, now);
}

export const voidPosition = (db: DB, id: string, version: number, by: string, reason: string, now: number) =>
  updateVersioned(db, 'roster_positions', id, version, voided(by, reason, now), now);

/* ---------- rules ---------- */
const DEFAULT_RULES: RosterRules = { minRestHours: 12, maxConsecutive: 2, minPerShift: null, version: 0 };

export function getRules(db: DB, stationId: string): RosterRules {
  const r = stmt(db, 'SELECT min_rest_hours, max_consecutive, min_per_shift, version FROM roster_rules WHERE station_id = ?').get(stationId) as
    | { min_rest_hours: number; max_consecutive: number; min_per_shift: number | null; version: number }
    | undefined;
  return r ? { minRestHours: r.min_rest_hours, maxConsecutive: r.max_consecutive, minPerShift: r.min_per_shift, version: r.version } : DEFAULT_RULES;
}

/**
 * Saves a station's rules, version-checked: the first save (version 0, no row yet) inserts; CONFLICT when stale.
 * minPerShift undefined keeps the stored staffing minimum.
 */
export function saveRules(db: DB, stationId: string, version: number, r: { minRestHours: number; maxConsecutive: number; minPerShift?: number | null }, now: number) {
  const set = { min_rest_hours: r.minRestHours, max_consecutive: r.maxConsecutive, min_per_shift: r.minPerShift };
  if (stmt(db, 'SELECT 1 FROM roster_rules WHERE station_id = ?').get(stationId)) return updateVersioned(db, 'roster_rules', { station_id: stationId }, version, set, now);
  if (version !== 0) throw conflict();
  stmt(db, 'INSERT INTO roster_rules (station_id, min_rest_hours, max_consecutive, min_per_shift, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)').run(
    stationId, set.min_rest_hours, set.max_consecutive, set.min_per_shift ?? null, now,
  );
}

/* ---------- calendar corrections ---------- */
/** Corrects one day of the official calendar ('auto': back to official); each change moves the day's version. */
export function setCalendarDay(db: DB, c: { stationId: string; date: string; kind: DayKind | 'auto'; name: string; reason: string; by: string }, now: number) {
  const key = { station_id: c.stationId, date: c.date };
  const set = { kind: c.kind, name: c.name, reason: c.reason, updated_by: c.by };
  if (stmt(db, 'SELECT 1 FROM roster_calendar WHERE station_id = ? AND date = ?').get(c.stationId, c.date)) bumpVersion(db, 'roster_calendar', key, now, set);
  else stmt(db, 'INSERT INTO roster_calendar (station_id, date, kind, name, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(c.stationId, c.date, c.kind, c.name, c.reason, c.by, now);
}

/* ---------- leave ---------- */
export function leaveBetween(db: DB, stationId: string, from: string, to: string): LeaveRow[] {
  return stmt(db,
    `SELECT l.id, l.person_id AS personId, p.name AS personName, l.from_date AS fromDate, l.to_date AS toDate, l.kind, l.note
     FROM roster_leave l JOIN roster_people p ON p.id = l.person_id
     WHERE l.station_id = ? AND l.voided_at IS NULL AND l.to_date >= ? AND l.from_date <= ? ORDER BY l.from_date`,
  ).all(stationId, from, to) as LeaveRow[];
}

export function insertLeave(db: DB, l: { id: string; stationId: string; personId: string; fromDate: string; toDate: string; kind: LeaveRow['kind']; note: string; by: string }, now: number) {
  stmt(db, 'INSERT INTO roster_leave (id, station_id, person_id, from_date, to_date, kind, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    l.id, l.stationId, l.personId, l.fromDate, l.toDate, l.kind, l.note, l.by, now,
  );
}

/** The raw row of a leave not yet voided (for the audit's before). */
export const activeLeaveRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM roster_leave WHERE id = ? AND voided_at IS NULL').get(id) as Record<string, unknown> | undefined;

/** Leave carries no version: voiding is a one-way mark. */
export function voidLeave(db: DB, id: string, by: string, reason: string, now: number) {
  stmt(db, 'UPDATE roster_leave SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(now, by, reason, id);
}
