import type { DB } from '../db/open';
import {
  effectiveDeadline,
  hhmmOf,
  periodDays,
  zeroCellState,
  zeroReportDueAt,
  type ZeroGrid,
  type ZeroIncidentLine,
  type ZeroPeriodRow,
  type ZeroReportRow,
  type ZeroTodayView,
} from '../../contract/zeroreports';
import { localDate } from '../../contract/time';
import {
  arrivedOverride,
  arrivedPeriods,
  arrivedReports,
  incidentsBetween,
  ownPeriods,
  ownReports,
  phoneReports,
  remindersOf,
  rulesOf,
  townshipRegs,
  type PeriodRec,
  type ReportRec,
} from './repo';

const DAY_MS = 86_400_000;

export const toPeriodRow = (p: PeriodRec, myMinute = p.deadline_minute): ZeroPeriodRow => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  startDate: p.start_date,
  endDate: p.end_date,
  deadline: hhmmOf(p.deadline_minute),
  myDeadline: hhmmOf(myMinute),
  note: p.note,
  originName: p.origin_name,
  version: p.version,
});

export const toReportRow = (r: ReportRec): ZeroReportRow => ({
  id: r.id,
  periodId: r.period_id,
  day: r.day,
  content: r.content,
  incidents: JSON.parse(r.incidents) as ZeroIncidentLine[],
  note: r.note,
  filedAt: r.filed_at,
  filedByName: r.filed_by_name,
  dueAt: r.due_at,
  late: !!r.late,
  lateReason: r.late_reason,
  via: r.via,
  caller: r.caller,
});

/** A station's periods: its own (district) or those sent down to it (township), voided ones left out. */
export function periodsHere(db: DB, station: { id: string; level: string }): PeriodRec[] {
  const all = station.level === 'district' ? ownPeriods(db, station.id) : arrivedPeriods(db);
  return all.filter((p) => p.voided_at === null).sort((a, b) => b.start_date.localeCompare(a.start_date) || a.name.localeCompare(b.name));
}

/** A township's deadline minute in a period: the district's override for it, or the period's (standards §6: local data). */
export const townshipMinute = (db: DB, p: PeriodRec, stationId: string) => effectiveDeadline(p.deadline_minute, arrivedOverride(db, p.id, stationId));

/** The incidents a day's report covers: the 24 hours before its deadline, from the station's own log. */
export function incidentsForDay(db: DB, stationId: string, dueAt: number): ZeroIncidentLine[] {
  return incidentsBetween(db, stationId, dueAt - DAY_MS, dueAt).map((r) => ({ no: `${r.year}-${String(r.seq).padStart(5, '0')}`, summary: r.summary.slice(0, 120), receivedAt: r.received_at }));
}

export function todayView(db: DB, st: { id: string; level: string; timeZone: string }, now: number): ZeroTodayView {
  const today = localDate(now, st.timeZone);
  const out: ZeroTodayView = { periods: [], prefill: {} };
  for (const p of periodsHere(db, st)) {
    if (p.start_date > today) continue;
    const minute = townshipMinute(db, p, st.id);
    const mine = new Map(ownReports(db, st.id, p.id).map((r) => [r.day, r]));
    const days = periodDays(p.start_date, p.end_date, today).map((day) => {
      const dueAt = zeroReportDueAt(day, minute, st.timeZone);
      const rep = mine.get(day);
      return { day, dueAt, state: zeroCellState(rep?.filed_at ?? null, dueAt, now), report: rep ? toReportRow(rep) : null };
    });
    if (p.end_date >= today && !mine.has(today)) out.prefill[p.id] = incidentsForDay(db, st.id, zeroReportDueAt(today, minute, st.timeZone));
    out.periods.push({ period: toPeriodRow(p, minute), days });
  }
  return out;
}

export function grid(db: DB, p: PeriodRec, st: { id: string; timeZone: string }, now: number): ZeroGrid {
  const today = localDate(now, st.timeZone);
  const days = periodDays(p.start_date, p.end_date, today < p.start_date ? p.start_date : today);
  const overrides = new Map(rulesOf(db, p.id).map((r) => [r.reg_id, r.deadline_minute]));
  const byOrigin = new Map<string, Map<string, ReportRec>>();
  for (const r of arrivedReports(db, p.id)) {
    let m = byOrigin.get(r._origin);
    if (!m) byOrigin.set(r._origin, (m = new Map()));
    m.set(r.day, r);
  }
  const byPhone = new Map<string, Map<string, ReportRec>>();
  for (const r of phoneReports(db, st.id, p.id)) {
    let m = byPhone.get(r.for_reg_id);
    if (!m) byPhone.set(r.for_reg_id, (m = new Map()));
    m.set(r.day, r);
  }
  const reminders = new Map(remindersOf(db, p.id).map((r) => [`${r.reg_id}|${r.day}`, r]));
  const counts = { onTime: 0, late: 0, missing: 0, pending: 0 };
  const rows = townshipRegs(db).map((reg) => {
    const minute = effectiveDeadline(p.deadline_minute, overrides.get(reg.id));
    const cells = days.map((day) => {
      const dueAt = zeroReportDueAt(day, minute, st.timeZone);
      // The township's own report (came up by sync) wins over one taken by phone.
      const rep = (reg.station_id ? byOrigin.get(reg.station_id)?.get(day) : undefined) ?? byPhone.get(reg.id)?.get(day);
      const state = zeroCellState(rep?.filed_at ?? null, dueAt, now);
      counts[state]++;
      const rem = reminders.get(`${reg.id}|${day}`);
      return { day, dueAt, state, report: rep ? toReportRow(rep) : null, reminders: rem?.n ?? 0, lastRemindedAt: rem?.last ?? null };
    });
    return { regId: reg.id, name: reg.name, connected: !!reg.station_id, deadline: hhmmOf(minute), cells };
  });
  return { period: toPeriodRow(p), days, rows, counts };
}
