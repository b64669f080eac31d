import type { Ctx, Handlers } from '../api/types';
import { updateVersioned } from '../db/versioned';
import { ApiError, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { dayDiff, formatDateTime, localDate } from '../../contract/time';
import { minuteOf, zeroReportDueAt } from '../../contract/zeroreports';
import { insertPeriod, insertReminder, insertReport, insertRule, ownReport, periodById, phoneReports, regById, ruleOf } from './repo';
import { grid, incidentsForDay, periodsHere, todayView, toPeriodRow, toReportRow, townshipMinute } from './views';
import { summaryText } from './summary';
import type { PeriodRec } from './repo';

function requireDistrict(ctx: Ctx) {
  const st = ctx.requireStation();
  if (st.level !== 'district') throw new ApiError('FORBIDDEN', 'zeroreports.districtOnly');
  return st;
}

function ownPeriod(ctx: Ctx, id: string): PeriodRec {
  const st = requireDistrict(ctx);
  const p = periodById(ctx.db, id);
  if (!p || p.station_id !== st.id) throw notFound('zeroPeriod', id);
  return p;
}

/** The day must lie in the period and not after today (a report covers a day that has begun). */
function checkDay(p: PeriodRec, day: string, today: string) {
  if (p.voided_at !== null) throw new ApiError('CONFLICT', 'zeroreports.periodVoided');
  if (day < p.start_date || day > p.end_date) throw invalid('zeroreports.dayOutside', { day, period: p.name, start: p.start_date, end: p.end_date });
  if (day > today) throw invalid('zeroreports.dayFuture', { day });
}

/** Late (after the deadline) needs a reason, like a late report (standards §6; reports keep 迟报 reasons the same way). */
function lateness(ctx: Ctx, dueAt: number, now: number, reason: string | undefined, tz: string) {
  const late = now > dueAt;
  if (late && !reason?.trim()) throw invalid('zeroreports.lateReason', { due: formatDateTime(dueAt, tz, ctx.locale) });
  return { late: late ? 1 : 0, late_reason: late ? reason!.trim() : null };
}

export const zeroreportsHandlers: Handlers<
  | 'zeroreports.periods.list'
  | 'zeroreports.periods.save'
  | 'zeroreports.periods.void'
  | 'zeroreports.override'
  | 'zeroreports.today'
  | 'zeroreports.file'
  | 'zeroreports.grid'
  | 'zeroreports.fileFor'
  | 'zeroreports.remind'
  | 'zeroreports.summary'
> = {
  'zeroreports.periods.list': {
    handler: (ctx) => {
      const st = ctx.requireStation();
      return periodsHere(ctx.db, st).map((p) => toPeriodRow(p, st.level === 'district' ? p.deadline_minute : townshipMinute(ctx.db, p, st.id)));
    },
  },

  'zeroreports.periods.save': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      if (input.endDate < input.startDate) throw invalid('zeroreports.endBeforeStart');
      if (dayDiff(input.startDate, input.endDate) > 365) throw invalid('zeroreports.tooLong');
      const fields = {
        name: input.name,
        kind: input.kind,
        start_date: input.startDate,
        end_date: input.endDate,
        deadline_minute: minuteOf(input.deadline),
        note: input.note ?? '',
      };
      if (!input.id) {
        const id = newId();
        insertPeriod(ctx.db, { id, station_id: st.id, origin_name: st.name, created_by: u.id, ...fields }, now);
        const after = toPeriodRow(periodById(ctx.db, id)!);
        ctx.audit({ entity: 'zero_period', entityId: id, after });
        return after;
      }
      const before = ownPeriod(ctx, input.id);
      if (before.voided_at !== null) throw new ApiError('CONFLICT', 'zeroreports.periodVoided');
      updateVersioned(ctx.db, 'zr_periods', before.id, input.version ?? -1, fields, now);
      const after = toPeriodRow(periodById(ctx.db, before.id)!);
      ctx.audit({ entity: 'zero_period', entityId: before.id, before: toPeriodRow(before), after });
      return after;
    },
  },

  'zeroreports.periods.void': {
    handler: (ctx, input) => {
      const before = ownPeriod(ctx, input.id);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      updateVersioned(ctx.db, 'zr_periods', before.id, input.version, { voided_at: now, voided_by: u.id, void_reason: input.reason }, now, { guard: 'voided_at IS NULL' });
      ctx.audit({ entity: 'zero_period', entityId: before.id, before: toPeriodRow(before), after: { voided: true, reason: input.reason } });
      return toPeriodRow(periodById(ctx.db, before.id)!);
    },
  },

  'zeroreports.override': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const p = ownPeriod(ctx, input.periodId);
      const reg = regById(ctx.db, input.regId);
      if (!reg) throw invalid('zeroreports.stationNotTownship');
      const now = ctx.clock.now();
      const minute = input.deadline === null ? null : minuteOf(input.deadline);
      const before = ruleOf(ctx.db, p.id, reg.id);
      if (!before) insertRule(ctx.db, { id: newId(), station_id: st.id, period_id: p.id, reg_id: reg.id, target_station_id: reg.station_id, deadline_minute: minute }, now);
      else updateVersioned(ctx.db, 'zr_rules', before.id, before.version, { deadline_minute: minute, target_station_id: reg.station_id }, now);
      ctx.audit({ entity: 'zero_rule', entityId: ruleOf(ctx.db, p.id, reg.id)!.id, before: before ?? null, after: { station: reg.name, deadline: input.deadline } });
      return grid(ctx.db, p, st, now);
    },
  },

  'zeroreports.today': { handler: (ctx) => todayView(ctx.db, ctx.requireStation(), ctx.clock.now()) },

  'zeroreports.file': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      if (st.level === 'district') throw new ApiError('FORBIDDEN', 'zeroreports.townshipOnly');
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const p = periodsHere(ctx.db, st).find((x) => x.id === input.periodId);
      if (!p) throw notFound('zeroPeriod', input.periodId);
      checkDay(p, input.day, localDate(now, st.timeZone));
      const prev = ownReport(ctx.db, st.id, p.id, input.day);
      if (prev) throw new ApiError('CONFLICT', 'zeroreports.alreadyFiled', { day: input.day, at: formatDateTime(prev.filed_at, st.timeZone, ctx.locale) });
      const dueAt = zeroReportDueAt(input.day, townshipMinute(ctx.db, p, st.id), st.timeZone);
      const incidents = input.content === 'incidents' ? incidentsForDay(ctx.db, st.id, dueAt) : [];
      if (input.content === 'incidents' && !incidents.length && !input.note?.trim()) throw invalid('zeroreports.noteForIncidents');
      const id = newId();
      insertReport(
        ctx.db,
        {
          id,
          station_id: st.id,
          for_reg_id: '',
          period_id: p.id,
          day: input.day,
          content: input.content,
          incidents: JSON.stringify(incidents),
          note: input.note?.trim() ?? '',
          filed_at: now,
          filed_by: u.id,
          filed_by_name: u.displayName,
          due_at: dueAt,
          ...lateness(ctx, dueAt, now, input.lateReason, st.timeZone),
          via: 'app',
          caller: null,
        },
        now,
      );
      const after = toReportRow(ownReport(ctx.db, st.id, p.id, input.day)!);
      ctx.audit({ entity: 'zero_report', entityId: id, after });
      return after;
    },
  },

  'zeroreports.grid': {
    handler: (ctx, input) => grid(ctx.db, ownPeriod(ctx, input.periodId), ctx.requireStation(), ctx.clock.now()),
  },

  'zeroreports.fileFor': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const p = ownPeriod(ctx, input.periodId);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const reg = regById(ctx.db, input.regId);
      if (!reg) throw invalid('zeroreports.stationNotTownship');
      checkDay(p, input.day, localDate(now, st.timeZone));
      const g = grid(ctx.db, p, st, now);
      const cell = g.rows.find((r) => r.regId === reg.id)!.cells.find((c) => c.day === input.day)!;
      if (cell.report) throw new ApiError('CONFLICT', 'zeroreports.alreadyFiled', { day: input.day, at: formatDateTime(cell.report.filedAt, st.timeZone, ctx.locale) });
      if (input.content === 'incidents' && !input.note?.trim()) throw invalid('zeroreports.noteForIncidents');
      const id = newId();
      insertReport(
        ctx.db,
        {
          id,
          station_id: st.id,
          for_reg_id: reg.id,
          period_id: p.id,
          day: input.day,
          content: input.content,
          incidents: '[]',
          note: input.note?.trim() ?? '',
          filed_at: now,
          filed_by: u.id,
          filed_by_name: u.displayName,
          due_at: cell.dueAt,
          ...lateness(ctx, cell.dueAt, now, input.lateReason, st.timeZone),
          via: 'phone',
          caller: input.caller,
        },
        now,
      );
      ctx.audit({ entity: 'zero_report', entityId: id, after: toReportRow(phoneReports(ctx.db, st.id, p.id).find((r) => r.id === id)!) });
      return grid(ctx.db, p, st, now);
    },
  },

  'zeroreports.remind': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const p = ownPeriod(ctx, input.periodId);
      const u = ctx.requireUser();
      const reg = regById(ctx.db, input.regId);
      if (!reg) throw invalid('zeroreports.stationNotTownship');
      const now = ctx.clock.now();
      checkDay(p, input.day, localDate(now, st.timeZone));
      const id = newId();
      insertReminder(ctx.db, { id, stationId: st.id, periodId: p.id, regId: reg.id, day: input.day, by: u.id, byName: u.displayName, note: input.note?.trim() ?? '' }, now);
      ctx.audit({ entity: 'zero_reminder', entityId: id, after: { station: reg.name, day: input.day, note: input.note ?? '' } });
      return grid(ctx.db, p, st, now);
    },
  },

  'zeroreports.summary': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const p = ownPeriod(ctx, input.periodId);
      const now = ctx.clock.now();
      return { text: summaryText(grid(ctx.db, p, st, now), input.day, now, st.timeZone, ctx.locale) };
    },
  },
};

