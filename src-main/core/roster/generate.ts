import type { DB } from '../db/open';
import type { StationInfo } from '../../contract/station';
import type { AssignmentRow, GenerateExplanation, PersonRow } from '../../contract/roster';
import { newId } from '../util/ids';
import { stmt } from '../db/stmt';
import { checkInput, shiftWindow } from './month';
import { onLeave } from './checks';
import { insertAssignment } from './repo';
import { addDays } from '../../contract/time';
import { calendarDays, isHolidayKind } from './calendar';

const HOUR = 3_600_000;

interface State {
  person: PersonRow;
  order: number;
  list: { startAt: number; endAt: number; date: string }[];
  dates: Set<string>;
  count: number;
  holidays: number;
  lastHoliday: string;
  last: number;
}

/**
 * Fair rotation over the chosen people for the empty slots of a month (existing assignments are
 * kept). Hard constraints: duty role fits the position, not on leave, not double-booked, minimum
 * rest, maximum consecutive days. Among those who qualify: on holidays the one with the fewest
 * holiday duties in the past year (then the longest since their last holiday), otherwise the
 * fewest duties this month, then the longest since their last duty. Every slot it cannot fill is
 * explained with who was excluded and why.
 */
export function generateMonth(db: DB, station: StationInfo, month: string, personIds: string[], by: string | null, now: number) {
  const c = checkInput(db, station, month);
  const minRest = c.rules.minRestHours * HOUR;
  const explanations: GenerateExplanation[] = [];
  const states: State[] = [];
  const since = addDays(c.dates[0], -365);
  const holidayRows = stmt(db,
    `SELECT a.person_id AS personId, a.date FROM roster_assignments a
     WHERE a.station_id = ? AND a.voided_at IS NULL AND a.date >= ? AND a.date < ?`,
  ).all(station.id, since, c.dates[0]) as { personId: string; date: string }[];
  const pastDays = new Map(calendarDays(db, station.id, [...new Set(holidayRows.map((r) => r.date))].sort()).map((d) => [d.date, d.kind]));

  personIds.forEach((id, order) => {
    const person = c.people.get(id);
    if (!person) return;
    const mine = c.assignments.filter((a) => a.personId === id);
    const past = holidayRows.filter((r) => r.personId === id && pastDays.get(r.date) === 'holiday').map((r) => r.date).sort();
    states.push({
      person,
      order,
      list: mine.map((a) => ({ startAt: a.startAt, endAt: a.endAt, date: a.date })),
      dates: new Set(mine.map((a) => a.date)),
      count: mine.filter((a) => a.date.startsWith(month)).length,
      holidays: past.length,
      lastHoliday: past[past.length - 1] ?? '',
      last: Math.max(0, ...mine.map((a) => a.endAt)),
    });
  });
  const filledCells = new Set(c.assignments.map((a) => `${a.date}|${a.shiftId}|${a.positionId}|${a.slot}`));
  const kind = new Map(c.days.map((d) => [d.date, d]));
  let filled = 0;
  let unfilled = 0;
  const kept = c.assignments.filter((a) => a.date.startsWith(month)).length;
  const added: AssignmentRow[] = [];

  for (const date of c.dates) {
    const holiday = isHolidayKind(kind.get(date)!.kind);
    for (const s of c.shifts) {
      const w = shiftWindow(date, s, station.timeZone);
      for (const p of c.positions) {
        for (let slot = 0; slot < p.minCount; slot++) {
          if (filledCells.has(`${date}|${s.id}|${p.id}|${slot}`)) continue;
          const excluded: Record<string, string[]> = {};
          const ex = (why: string, st: State) => (excluded[why] ??= []).push(st.person.name);
          const ok = states.filter((st) => {
            if (st.person.disabled) return ex('disabled', st), false;
            if (!st.person.dutyRoles.includes(p.dutyRole)) return ex('role', st), false;
            if (onLeave(c.leave, st.person.id, date)) return ex('onLeave', st), false;
            if (st.list.some((x) => x.startAt < w.endAt && w.startAt < x.endAt)) return ex('busy', st), false;
            if (st.list.some((x) => (x.endAt <= w.startAt && w.startAt - x.endAt < minRest) || (x.startAt >= w.endAt && x.startAt - w.endAt < minRest))) return ex('rest', st), false;
            let run = 1;
            while (st.dates.has(addDays(date, -run))) run++;
            let fwd = 1;
            while (st.dates.has(addDays(date, fwd))) fwd++;
            if (st.dates.has(date) ? false : run + fwd - 1 > c.rules.maxConsecutive) return ex('consecutive', st), false;
            return true;
          });
          if (!ok.length) {
            unfilled++;
            explanations.push({ date, shiftId: s.id, positionId: p.id, slot, code: 'unfilled', excluded });
            continue;
          }
          ok.sort((a, b) =>
            holiday
              ? a.holidays - b.holidays || (a.lastHoliday < b.lastHoliday ? -1 : a.lastHoliday > b.lastHoliday ? 1 : 0) || a.count - b.count || a.last - b.last || a.order - b.order
              : a.count - b.count || a.last - b.last || a.order - b.order,
          );
          const st = ok[0];
          if (holiday) {
            explanations.push({
              date, shiftId: s.id, positionId: p.id, slot, code: 'holidayPick', excluded,
              personName: st.person.name,
              params: { holidays: st.holidays, lastHoliday: st.lastHoliday || '-' },
            });
            st.holidays++;
            st.lastHoliday = date;
          }
          const id = newId();
          insertAssignment(db, { id, stationId: station.id, date, shiftId: s.id, positionId: p.id, slot, personId: st.person.id, startAt: w.startAt, endAt: w.endAt, source: 'generated', changeId: null, by }, now);
          added.push({ id, date, shiftId: s.id, positionId: p.id, slot, personId: st.person.id, personName: st.person.name, source: 'generated', changeId: null, startAt: w.startAt, endAt: w.endAt });
          st.list.push({ startAt: w.startAt, endAt: w.endAt, date });
          st.dates.add(date);
          st.count++;
          st.last = w.endAt;
          filledCells.add(`${date}|${s.id}|${p.id}|${slot}`);
          filled++;
        }
      }
    }
  }
  return { filled, unfilled, kept, explanations, added };
}

