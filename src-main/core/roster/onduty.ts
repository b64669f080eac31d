import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { StationInfo } from '../../contract/station';
import type { DutyRole, OnDutyPerson, OnDutyShift, ShiftDef, SignInRow } from '../../contract/roster';
import { listShifts } from './repo';
import { shiftWindow } from './month';
import { addDays, localDate } from '../../contract/time';

/** Sign-in counts from this long before the shift starts (the incoming person arrives early). */
export const EARLY_SIGN_IN_MS = 2 * 3_600_000;

export interface ShiftInstance {
  date: string;
  shift: ShiftDef;
  startAt: number;
  endAt: number;
}

/** The shifts (by the station's pattern) around an instant: the one running and the next. */
export function shiftsAround(db: DB, station: StationInfo, now: number): { current: ShiftInstance | null; next: ShiftInstance | null } {
  const shifts = listShifts(db, station.id);
  const today = localDate(now, station.timeZone);
  const all: ShiftInstance[] = [];
  for (const d of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const s of shifts) all.push({ date: d, shift: s, ...shiftWindow(d, s, station.timeZone) });
  }
  all.sort((a, b) => a.startAt - b.startAt);
  const current = all.filter((x) => x.startAt <= now && now < x.endAt).pop() ?? null;
  const next = all.find((x) => x.startAt > now) ?? null;
  return { current, next };
}

export function shiftInstance(db: DB, station: StationInfo, date: string, shiftId: string): ShiftInstance | null {
  const s = listShifts(db, station.id).find((x) => x.id === shiftId) ??
    (stmt(db, 'SELECT id, name, start_minute AS startMinute, duration_minutes AS durationMinutes, sort, version FROM roster_shifts WHERE id = ?').get(shiftId) as ShiftDef | undefined);
  if (!s) return null;
  return { date, shift: s, ...shiftWindow(date, s, station.timeZone) };
}

export function shiftPeople(db: DB, stationId: string, startAt: number): OnDutyPerson[] {
  const rows = stmt(db,
    `SELECT a.id, p.id AS personId, p.name, pos.name AS positionName, pos.duty_role AS dutyRole, p.mobile, p.office_phone AS officePhone,
       EXISTS (SELECT 1 FROM roster_signins s WHERE s.assignment_id = a.id AND s.substitute_for IS NULL AND s.signed_out_at IS NULL) AS signedIn
     FROM roster_assignments a JOIN roster_people p ON p.id = a.person_id JOIN roster_positions pos ON pos.id = a.position_id
     WHERE a.station_id = ? AND a.start_at = ? AND a.voided_at IS NULL
     ORDER BY pos.duty_role = 'operator', pos.sort, a.slot`,
  ).all(stationId, startAt) as (Omit<OnDutyPerson, 'signedIn' | 'substitute'> & { signedIn: number; dutyRole: DutyRole })[];
  const subs = stmt(db,
    `SELECT p.id AS personId, p.name, pos.name AS positionName, pos.duty_role AS dutyRole, p.mobile, p.office_phone AS officePhone
     FROM roster_signins s JOIN roster_people p ON p.id = s.person_id JOIN roster_assignments a ON a.id = s.assignment_id
     JOIN roster_positions pos ON pos.id = a.position_id
     WHERE s.station_id = ? AND s.start_at = ? AND s.substitute_for IS NOT NULL AND s.signed_out_at IS NULL`,
  ).all(stationId, startAt) as Omit<OnDutyPerson, 'signedIn' | 'substitute'>[];
  return [
    ...rows.map((r) => ({ personId: r.personId, name: r.name, positionName: r.positionName, dutyRole: r.dutyRole, mobile: r.mobile, officePhone: r.officePhone, signedIn: r.signedIn === 1, substitute: false })),
    ...subs.map((r) => ({ ...r, signedIn: true, substitute: true })),
  ];
}

export function toOnDuty(db: DB, stationId: string, x: ShiftInstance | null): OnDutyShift | null {
  if (!x) return null;
  return { date: x.date, shiftId: x.shift.id, shiftName: x.shift.name, startAt: x.startAt, endAt: x.endAt, people: shiftPeople(db, stationId, x.startAt) };
}

/** Is this person/user on duty in the shift starting at `startAt` (rostered, or signed in as a substitute)? */
export function isOnShift(db: DB, stationId: string, personId: string | null, userId: string, startAt: number): boolean {
  if (personId && stmt(db, 'SELECT 1 FROM roster_assignments WHERE station_id = ? AND start_at = ? AND person_id = ? AND voided_at IS NULL').get(stationId, startAt, personId)) return true;
  return !!stmt(db, 'SELECT 1 FROM roster_signins WHERE station_id = ? AND start_at = ? AND user_id = ?').get(stationId, startAt, userId);
}

const SIGNIN_SELECT = `SELECT s.id, s.assignment_id AS assignmentId, p.name AS personName, u.username, s.start_at AS startAt, s.end_at AS endAt,
  s.signed_in_at AS signedInAt, s.signed_out_at AS signedOutAt, sf.name AS substituteForName, s.substitute_reason AS substituteReason,
  s.sign_out_reason AS signOutReason, s.flagged
  FROM roster_signins s JOIN roster_people p ON p.id = s.person_id JOIN users u ON u.id = s.user_id
  LEFT JOIN roster_people sf ON sf.id = s.substitute_for`;

type SignInRec = Omit<SignInRow, 'flagged'> & { flagged: number };
const toSignIn = (r: SignInRec): SignInRow => ({ ...r, flagged: r.flagged === 1 });

export const signInById = (db: DB, id: string) => {
  const r = stmt(db, `${SIGNIN_SELECT} WHERE s.id = ?`).get(id) as SignInRec | undefined;
  return r ? toSignIn(r) : undefined;
};
export const signInsAround = (db: DB, stationId: string, from: number, to: number) =>
  (stmt(db, `${SIGNIN_SELECT} WHERE s.station_id = ? AND s.start_at >= ? AND s.start_at <= ? ORDER BY s.signed_in_at`).all(stationId, from, to) as SignInRec[]).map(toSignIn);
export const openSignInOf = (db: DB, userId: string) => {
  const r = stmt(db, `${SIGNIN_SELECT} WHERE s.user_id = ? AND s.signed_out_at IS NULL ORDER BY s.signed_in_at DESC LIMIT 1`).get(userId) as SignInRec | undefined;
  return r ? toSignIn(r) : null;
};
