import { z } from 'zod';
import { query, mutation } from './method';
import { DUTY_OR_ADMIN, MANAGERS } from './roles';
import { Id, Version, optText, text } from './common';
import { LocalDate, addDays, dayDiff, localToUtc } from './time';

/**
 * 零报告 (zero reporting), standards §6: in flood season, during holidays and major events each
 * township reports to the county every day even when nothing happened ("无突发事件"), by a local
 * deadline (commonly 08:00–09:00). Periods and deadlines are local practice, so they are data:
 * the district defines periods with a daily deadline, and may override it per township.
 */

/** The default daily deadline when a period names none: 09:00 (standards §6, "commonly 08:00–09:00"). */
export const ZERO_REPORT_DEFAULT_DEADLINE = '09:00';
/** A deadline outside 06:00–12:00 is almost surely a typing error (standards §6 gives 08:00–09:00). */
export const ZERO_REPORT_DEADLINE_RANGE = { min: 6 * 60, max: 12 * 60 } as const;

export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
export const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The deadline rule: the report for day D is due at D's deadline (local time of the station) and
 * covers the 24 hours before it. A township's own override wins over the period's deadline.
 */
export function zeroReportDueAt(day: string, deadlineMinute: number, timeZone: string): number {
  return localToUtc(day, deadlineMinute, timeZone);
}
export const effectiveDeadline = (periodMinute: number, override: number | null | undefined) => override ?? periodMinute;

/** 按时 / 迟报 / 未报 / 待报 (not due yet) of one township on one day. */
export type ZeroCellState = 'onTime' | 'late' | 'missing' | 'pending';
export function zeroCellState(filedAt: number | null, dueAt: number, now: number): ZeroCellState {
  if (filedAt !== null) return filedAt <= dueAt ? 'onTime' : 'late';
  return now > dueAt ? 'missing' : 'pending';
}

/** The days of a period up to (and including) `until`. */
export function periodDays(start: string, end: string, until?: string): string[] {
  const last = until && until < end ? until : end;
  const n = dayDiff(start, last);
  const out: string[] = [];
  for (let i = 0; i <= n && i < 400; i++) out.push(addDays(start, i));
  return out;
}

export const ZERO_PERIOD_KINDS = ['flood', 'holiday', 'event'] as const;
export type ZeroPeriodKind = (typeof ZERO_PERIOD_KINDS)[number];

export interface ZeroPeriodRow {
  id: string;
  name: string;
  kind: ZeroPeriodKind;
  startDate: string;
  endDate: string;
  deadline: string;
  /** Township: its own deadline (the district's override for it, or the period's). */
  myDeadline: string;
  note: string;
  originName: string;
  version: number;
}

export interface ZeroIncidentLine { no: string; summary: string; receivedAt: number }

export interface ZeroReportRow {
  id: string;
  periodId: string;
  day: string;
  content: 'none' | 'incidents';
  incidents: ZeroIncidentLine[];
  note: string;
  filedAt: number;
  filedByName: string;
  dueAt: number;
  late: boolean;
  lateReason: string | null;
  via: 'app' | 'phone';
  caller: string | null;
}

/** Township: what to file today (and the days of the period it still owes). */
export interface ZeroTodayView {
  periods: {
    period: ZeroPeriodRow;
    days: { day: string; dueAt: number; state: ZeroCellState; report: ZeroReportRow | null }[];
  }[];
  /** The incidents of the 24 hours before today's deadline, prefilled from the log. */
  prefill: Record<string, ZeroIncidentLine[]>;
}

export interface ZeroGridCell {
  day: string;
  dueAt: number;
  state: ZeroCellState;
  report: ZeroReportRow | null;
  reminders: number;
  lastRemindedAt: number | null;
}
export interface ZeroGrid {
  period: ZeroPeriodRow;
  days: string[];
  rows: { regId: string; name: string; connected: boolean; deadline: string; cells: ZeroGridCell[] }[];
  counts: { onTime: number; late: number; missing: number; pending: number };
}

const Deadline = HHMM.refine((s) => minuteOf(s) >= ZERO_REPORT_DEADLINE_RANGE.min && minuteOf(s) <= ZERO_REPORT_DEADLINE_RANGE.max, { message: 'zeroreports.deadlineRange' });
const Content = z.enum(['none', 'incidents']);

export const zeroreportsMethods = {
  'zeroreports.periods.list': query<ZeroPeriodRow[]>('authenticated')(z.object({}).strict()),
  /** District: a new period (no id) or a change to one. */
  'zeroreports.periods.save': mutation<ZeroPeriodRow>(MANAGERS)(
    z
      .object({
        id: Id.optional(),
        version: Version.optional(),
        name: text(60),
        kind: z.enum(ZERO_PERIOD_KINDS),
        startDate: LocalDate,
        endDate: LocalDate,
        deadline: Deadline.default(ZERO_REPORT_DEFAULT_DEADLINE),
        note: optText(300),
      })
      .strict(),
  ),
  'zeroreports.periods.void': mutation<ZeroPeriodRow>(MANAGERS)(z.object({ id: Id, version: Version, reason: text(200) }).strict()),
  /** District: a township's own deadline (null: back to the period's). */
  'zeroreports.override': mutation<ZeroGrid>(MANAGERS)(z.object({ periodId: Id, regId: Id, deadline: Deadline.nullable() }).strict()),
  'zeroreports.today': query<ZeroTodayView>('authenticated')(z.object({}).strict()),
  /** Township: the day's report (无突发事件, or the day's incidents from the log). Late needs a reason. */
  'zeroreports.file': mutation<ZeroReportRow>(DUTY_OR_ADMIN)(
    z.object({ periodId: Id, day: LocalDate, content: Content, note: optText(1000), lateReason: optText(300) }).strict(),
  ),
  'zeroreports.grid': query<ZeroGrid>('authenticated')(z.object({ periodId: Id }).strict()),
  /** District: a township that reported by phone. */
  'zeroreports.fileFor': mutation<ZeroGrid>(DUTY_OR_ADMIN)(
    z
      .object({ periodId: Id, regId: Id, day: LocalDate, content: Content, note: optText(1000), caller: text(60), lateReason: optText(300) })
      .strict(),
  ),
  'zeroreports.remind': mutation<ZeroGrid>(DUTY_OR_ADMIN)(z.object({ periodId: Id, regId: Id, day: LocalDate, note: optText(200) }).strict()),
  /** District: the one-click text for its own upward report. */
  'zeroreports.summary': query<{ text: string }>('authenticated')(z.object({ periodId: Id, day: LocalDate }).strict()),
};
