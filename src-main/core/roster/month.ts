import type { DB } from '../db/open';
import type { StationInfo } from '../../contract/station';
import type { MonthView, PersonRow } from '../../contract/roster';
import { calendarDays, uncoveredYears } from './calendar';
import { assignmentsByDate, computeIssues, type CheckInput } from './checks';
import { changesOfMonth, getRules, leaveBetween, listPeople, listPositions, listShifts, monthRec, userName } from './repo';
import { addDays, localToUtc, monthDates } from '../../contract/time';

/** Days before/after the month loaded so rest and consecutive checks see the neighbours. */
export const MARGIN_DAYS = 7;

export function checkInput(db: DB, station: StationInfo, month: string): CheckInput & { allPeople: PersonRow[] } {
  const dates = monthDates(month);
  const from = addDays(dates[0], -MARGIN_DAYS);
  const to = addDays(dates[dates.length - 1], 1);
  const allPeople = listPeople(db, station.id, undefined, true);
  return {
    dates,
    days: calendarDays(db, station.id, dates),
    shifts: listShifts(db, station.id),
    positions: listPositions(db, station.id),
    assignments: assignmentsByDate(db, station.id, from, to),
    people: new Map(allPeople.map((p) => [p.id, p])),
    leave: leaveBetween(db, station.id, from, to),
    rules: getRules(db, station.id),
    allPeople,
  };
}

export function monthView(db: DB, station: StationInfo, month: string): MonthView {
  const c = checkInput(db, station, month);
  const m = monthRec(db, station.id, month);
  const inMonth = new Set(c.dates);
  return {
    month,
    status: m?.status ?? 'draft',
    version: m?.version ?? 0,
    publishedAt: m?.published_at ?? null,
    publishedByName: userName(db, m?.published_by ?? null),
    acceptedReason: m?.accepted_reason ?? null,
    days: c.days,
    calendarMissing: uncoveredYears(db, station.id, c.dates),
    shifts: c.shifts,
    positions: c.positions,
    assignments: c.assignments.filter((a) => inMonth.has(a.date)),
    issues: computeIssues(c),
    changes: changesOfMonth(db, station.id, month),
    leave: c.leave,
    people: c.allPeople.filter((p) => !p.disabled),
    rules: c.rules,
  };
}

export function shiftWindow(date: string, shift: { startMinute: number; durationMinutes: number }, tz: string) {
  const startAt = localToUtc(date, shift.startMinute, tz);
  return { startAt, endAt: startAt + shift.durationMinutes * 60_000 };
}
