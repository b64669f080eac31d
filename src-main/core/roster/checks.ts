import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { AssignmentRow, DayInfo, LeaveRow, PersonRow, PositionDef, RosterIssue, RosterRules, ShiftDef } from '../../contract/roster';
import { addDays, dayDiff } from '../../contract/time';

const HOUR = 3_600_000;

/** Active assignments with dates in [from, to] (uses the cell index). */
export function assignmentsByDate(db: DB, stationId: string, from: string, to: string): AssignmentRow[] {
  return stmt(db,
    `SELECT a.id, a.date, a.shift_id AS shiftId, a.position_id AS positionId, a.slot, a.person_id AS personId,
       p.name AS personName, a.source, a.change_id AS changeId, a.start_at AS startAt, a.end_at AS endAt
     FROM roster_assignments a JOIN roster_people p ON p.id = a.person_id
     WHERE a.station_id = ? AND a.date BETWEEN ? AND ? AND a.voided_at IS NULL
     ORDER BY a.start_at, a.position_id, a.slot`,
  ).all(stationId, from, to) as AssignmentRow[];
}

export interface CheckInput {
  dates: string[];
  days: DayInfo[];
  shifts: ShiftDef[];
  positions: PositionDef[];
  /** Assignments of the month plus a margin before/after (for rest and consecutive checks). */
  assignments: AssignmentRow[];
  people: Map<string, PersonRow>;
  leave: LeaveRow[];
  rules: RosterRules;
}

export function onLeave(leave: LeaveRow[], personId: string, date: string): LeaveRow | undefined {
  return leave.find((l) => l.personId === personId && l.fromDate <= date && l.toDate >= date);
}

/**
 * The live checks (standards §6: each shift has a leader on duty and 1–2 operators):
 * errors — uncovered position, leader missing, person double-booked, person on leave, disabled person;
 * warnings — rest below the minimum, too many consecutive days, role not fitting the position,
 * fewer people on a shift than the station's staffing minimum (standards §6: city ≥4, county ≥3).
 */
export function computeIssues(c: CheckInput): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const inMonth = new Set(c.dates);
  const posById = new Map(c.positions.map((p) => [p.id, p]));
  const bySlot = new Map<string, AssignmentRow[]>();
  for (const a of c.assignments) {
    if (!inMonth.has(a.date)) continue;
    const k = `${a.date}|${a.shiftId}`;
    let l = bySlot.get(k);
    if (!l) bySlot.set(k, (l = []));
    l.push(a);
  }
  const base = (a: AssignmentRow) => ({
    date: a.date,
    shiftId: a.shiftId,
    positionId: a.positionId,
    slot: a.slot,
    personId: a.personId,
    personName: a.personName,
    assignmentId: a.id,
  });

  // Coverage per shift.
  for (const date of c.dates) {
    for (const s of c.shifts) {
      const list = bySlot.get(`${date}|${s.id}`) ?? [];
      const leaders = list.filter((a) => posById.get(a.positionId)?.dutyRole === 'leader').length;
      if (leaders === 0) {
        issues.push({ severity: 'error', code: 'leaderMissing', date, shiftId: s.id, positionId: null, slot: null, personId: null, personName: null, assignmentId: null, params: {} });
      }
      for (const p of c.positions) {
        if (p.dutyRole === 'leader' && leaders === 0) continue;
        const n = list.filter((a) => a.positionId === p.id).length;
        if (n < p.minCount) {
          issues.push({ severity: 'error', code: 'uncovered', date, shiftId: s.id, positionId: p.id, slot: n, personId: null, personName: null, assignmentId: null, params: { have: n, need: p.minCount, position: p.name } });
        }
      }
      // Staffing minimum (standards §6). An empty shift is already reported (no leader on duty).
      const people = new Set(list.map((a) => a.personId)).size;
      const min = c.rules.minPerShift;
      if (min !== null && people > 0 && people < min) {
        issues.push({ severity: 'warning', code: 'understaffed', date, shiftId: s.id, positionId: null, slot: null, personId: null, personName: null, assignmentId: null, params: { have: people, min, shift: s.name } });
      }
    }
  }

  // Per person: overlap, rest, consecutive days.
  const byPerson = new Map<string, AssignmentRow[]>();
  for (const a of c.assignments) {
    let l = byPerson.get(a.personId);
    if (!l) byPerson.set(a.personId, (l = []));
    l.push(a);
  }
  const minRest = c.rules.minRestHours * HOUR;
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.startAt - b.startAt);
    const dates = new Set(list.map((a) => a.date));
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (!inMonth.has(a.date)) continue;
      for (let j = 0; j < list.length; j++) {
        if (j === i) continue;
        const b = list[j];
        if (b.startAt < a.endAt && a.startAt < b.endAt) {
          issues.push({ severity: 'error', code: 'doubleBooked', ...base(a), params: { otherDate: b.date, otherAssignment: b.id } });
          break;
        }
      }
      if (i > 0) {
        const prev = list[i - 1];
        const gap = a.startAt - prev.endAt;
        if (gap >= 0 && gap < minRest) {
          issues.push({ severity: 'warning', code: 'rest', ...base(a), params: { hours: Math.round((gap / HOUR) * 10) / 10, min: c.rules.minRestHours, otherDate: prev.date } });
        }
      }
      // Consecutive days ending at this date (reported once, on the day the limit is exceeded).
      let run = 1;
      while (dates.has(addDays(a.date, -run))) run++;
      if (run === c.rules.maxConsecutive + 1) {
        issues.push({ severity: 'warning', code: 'consecutive', ...base(a), params: { days: run, max: c.rules.maxConsecutive } });
      }
    }
  }

  // Per assignment: leave, disabled, role.
  for (const a of c.assignments) {
    if (!inMonth.has(a.date)) continue;
    const l = onLeave(c.leave, a.personId, a.date);
    if (l) issues.push({ severity: 'error', code: 'onLeave', ...base(a), params: { kind: l.kind, from: l.fromDate, to: l.toDate } });
    const p = c.people.get(a.personId);
    if (p?.disabled) issues.push({ severity: 'error', code: 'personDisabled', ...base(a), params: {} });
    const pos = posById.get(a.positionId);
    if (p && pos && !p.dutyRoles.includes(pos.dutyRole)) {
      issues.push({ severity: 'warning', code: 'roleMismatch', ...base(a), params: { role: pos.dutyRole } });
    }
  }
  issues.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.severity === y.severity ? 0 : x.severity === 'error' ? -1 : 1));
  return issues;
}

export const dateSpan = (a: string, b: string) => dayDiff(a, b);
