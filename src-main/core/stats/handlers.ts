import type { Ctx, Handlers } from '../api/types';
import { addDays, localToUtc, localYear, tzOffset, zoneOf, addMonths } from '../../contract/time';
import type { IndicatorReport, IncidentStats, TimelinessStats } from '../../contract/stats';
import { statsWorkbook } from './export';
import { incidentTotals, incidentsBy, incidentsByMonth, insertPlanFigure, planFigure, planFigures, timeliness, updatePlanFigure, yearCounts, type Range } from './repo';
import { PLAN, assess, indicatorYear } from './plan';
import { conflict } from '../util/errors';

/** A local date range [from, to] as UTC instants [from 00:00, the day after `to` 00:00). */
function rangeOf(ctx: Ctx, f: { from: string; to: string; township?: string }): Range {
  const tz = zoneOf(ctx.station);
  return { from: localToUtc(f.from, 0, tz), to: localToUtc(addDays(f.to, 1), 0, tz), township: f.township };
}

/** The same dates one year earlier (29 February becomes the 28th). */
const yearEarlier = (d: string) => {
  const y = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  return y.endsWith('-02-29') ? `${y.slice(0, 8)}28` : y;
};

type Filter = { from: string; to: string; township?: string };

function incidentStats(ctx: Ctx, f: Filter): IncidentStats {
  const r = rangeOf(ctx, f);
  const prev = rangeOf(ctx, { from: yearEarlier(f.from), to: yearEarlier(f.to), township: f.township });
  // The station's zone has no daylight saving in China; one offset serves the period.
  const offset = tzOffset(r.from, zoneOf(ctx.station));
  const before = new Map(incidentsByMonth(ctx.db, prev, offset).map((m) => [addMonths(m.month, 12), m.count]));
  const now = new Map(incidentsByMonth(ctx.db, r, offset).map((m) => [m.month, m.count]));
  return {
    from: f.from,
    to: f.to,
    totals: incidentTotals(ctx.db, r),
    lastYear: incidentTotals(ctx.db, prev),
    byClass: incidentsBy(ctx.db, r, 'class'),
    byType: incidentsBy(ctx.db, r, 'type'),
    byGrade: incidentsBy(ctx.db, r, 'grade'),
    byTownship: incidentsBy(ctx.db, r, 'township'),
    byMonth: monthsOf(f.from, f.to).map((month) => ({
      month,
      count: now.get(month) ?? 0,
      lastYear: before.get(month) ?? 0,
    })),
  };
}

function timelinessStats(ctx: Ctx, f: Filter): TimelinessStats {
  const r = rangeOf(ctx, f);
  const now = ctx.clock.now();
  const offset = tzOffset(r.from, zoneOf(ctx.station));
  const [totals] = timeliness(ctx.db, r, now, 'all', offset);
  return {
    totals: totals ?? { key: '', due: 0, onTime: 0, late: 0, missed: 0 },
    byMonth: timeliness(ctx.db, r, now, 'month', offset),
    byTownship: timeliness(ctx.db, r, now, 'township', offset),
  };
}

export const statsHandlers: Handlers<'stats.incidents' | 'stats.timeliness' | 'stats.export' | 'stats.indicators' | 'stats.planFigures.set'> = {
  'stats.incidents': { handler: incidentStats },
  'stats.timeliness': { handler: timelinessStats },
  'stats.export': {
    mode: 'async',
    // The same aggregates the charts draw from, so the sheet and the screen agree.
    handler: async (ctx, input) =>
      statsWorkbook(ctx, input, {
        incidents: input.view === 'incidents' ? incidentStats(ctx, input.filter) : undefined,
        timeliness: input.view === 'timeliness' ? timelinessStats(ctx, input.filter) : undefined,
      }),
  },
  'stats.indicators': {
    handler: (ctx) => {
      const tz = zoneOf(ctx.station);
      const figures = planFigures(ctx.db);
      const byYear = new Map(figures.map((f) => [f.year, f]));
      const lastFullYear = Math.min(PLAN.to, localYear(ctx.clock.now(), tz) - 1);
      const years: number[] = [];
      for (let y = PLAN.baselineYear; y <= PLAN.to; y++) years.push(y);
      const counts = new Map(years.map((y) => [y, yearCounts(ctx.db, localToUtc(`${y}-01-01`, 0, tz), localToUtc(`${y + 1}-01-01`, 0, tz))]));
      const indicators: IndicatorReport[] = PLAN.rules.map((rule) => {
        const all = years.map((y) => indicatorYear(rule.id, y, counts.get(y)!, byYear.get(y)));
        const baseline = all[0].value;
        return { ...rule, baselineYear: PLAN.baselineYear, baseline, years: all.slice(1), ...assess(rule, baseline, all.slice(1), lastFullYear) };
      });
      return { period: { from: PLAN.from, to: PLAN.to, baselineYear: PLAN.baselineYear }, indicators, figures };
    },
  },
  'stats.planFigures.set': {
    handler: (ctx, input) => {
      const user = ctx.requireUser();
      const station = ctx.requireStation();
      const { version, ...f } = input;
      const before = planFigure(ctx.db, f.year);
      const by = { id: user.id, name: user.displayName };
      const now = ctx.clock.now();
      if (!before) {
        if (version !== undefined && version !== 0) throw conflict();
        insertPlanFigure(ctx.db, station.id, f, now, by);
      } else {
        if (version === undefined) throw conflict();
        updatePlanFigure(ctx.db, f, version, now, by);
      }
      const after = planFigure(ctx.db, f.year)!;
      ctx.audit({ entity: 'plan_figures', entityId: String(f.year), before, after });
      return after;
    },
  },
};

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) out.push(m);
  return out;
}
