import { z } from 'zod';
import { mutation, query } from './method';
import { EVERY_ROLE, MANAGERS } from './roles';
import { Version, optText } from './common';
import { LocalDate } from './time';

/* 统计分析 and 规划指标 (issue 16): figures computed by SQL aggregates over the station's own records. */

const TownshipCode = z.string().regex(/^\d{9}$/, { message: 'adminCode' });

export const StatsFilter = z
  .object({ from: LocalDate, to: LocalDate, township: TownshipCode.optional() })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'dateRange', path: ['to'] })
  // The records and the plan lie in this century; far dates are a typing error, not a question.
  .refine((f) => f.from >= '2000-01-01' && f.to <= '2100-12-31', { message: 'statsPeriod', path: ['from'] });

/** One bar or slice: a code the renderer names from the taxonomy (class, type, grade, township). */
export interface StatsBucket {
  key: string;
  count: number;
  dead: number;
  injured: number;
  missing: number;
  /** Direct economic loss, yuan (incident records). */
  loss: number;
}

export interface IncidentStats {
  from: string;
  to: string;
  totals: StatsBucket;
  /** The same calendar period one year earlier. */
  lastYear: StatsBucket;
  byClass: StatsBucket[];
  byType: StatsBucket[];
  /** '' for ungraded. */
  byGrade: StatsBucket[];
  /** '' for records with no township. */
  byTownship: StatsBucket[];
  /** Month 'YYYY-MM' with the count of the same month one year earlier. */
  byMonth: { month: string; count: number; lastYear: number }[];
}

/** Report timeliness (及时率): obligations that fell due in the period. */
export interface TimelinessBucket {
  key: string;
  due: number;
  onTime: number;
  /** Met after the deadline (迟报). */
  late: number;
  /** Past due and still not met (漏报 until sent). */
  missed: number;
}

export interface TimelinessStats {
  totals: TimelinessBucket;
  byMonth: TimelinessBucket[];
  /** By the incident's township ('' for standalone chains with no township). */
  byTownship: TimelinessBucket[];
}

/** The figures a station enters per year: the indicators' denominators, each with its source. */
export const PlanYearFigures = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** 地区生产总值, 亿元. */
    gdp: z.number().positive().max(1e7).nullable(),
    /** 工矿商贸就业人员, persons. */
    industryEmployees: z.number().int().positive().max(1e9).nullable(),
    /** 营运车辆, vehicles. */
    operatingVehicles: z.number().int().positive().max(1e9).nullable(),
    /** 常住人口, persons. */
    population: z.number().int().positive().max(2e9).nullable(),
    /**
     * Years before the station kept its records here (the plan's 2020 baseline): the counts as
     * published, used instead of the records for that year.
     */
    productionDeaths: z.number().int().min(0).max(1e6).nullable(),
    industryDeaths: z.number().int().min(0).max(1e6).nullable(),
    vehicleDeaths: z.number().int().min(0).max(1e6).nullable(),
    source: optText(200),
  })
  .strict();
export type PlanYearFiguresInput = z.infer<typeof PlanYearFigures>;

export interface PlanYear extends Omit<PlanYearFiguresInput, 'source'> {
  source: string | null;
  version: number;
  updatedAt: number;
  updatedByName: string;
}

export const INDICATOR_IDS = [
  'productionDeaths',
  'deathsPerGdp',
  'industryDeathRate',
  'vehicleDeathRate',
  'disasterLossShare',
  'disasterDeathRate',
  'affectedRate',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** 'reduce': a fall of `target`% against the baseline year; 'below': a yearly average under `target`. */
export interface IndicatorRule {
  id: IndicatorId;
  kind: 'reduce' | 'below';
  target: number;
  /** 约束性 (binding) or 预期性 (expected), as the plan's table says. */
  binding: boolean;
}

export interface IndicatorYear {
  year: number;
  /** null when a figure it needs is missing (named in `missing`). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Whether the year's numerator came from the station's records or from entered figures. */
  from: 'records' | 'entered' | null;
  missing: ('gdp' | 'industryEmployees' | 'operatingVehicles' | 'population')[];
}

export interface IndicatorReport extends IndicatorRule {
  baselineYear: number;
  baseline: number | null;
  years: IndicatorYear[];
  /** For 'reduce': change of the latest valued year vs the baseline, %; for 'below': the average so far. */
  current: number | null;
  /** green: on target; amber: within 10 % of the line; red: off target; none: not computable. */
  light: 'green' | 'amber' | 'red' | 'none';
}

export interface PlanIndicators {
  period: { from: number; to: number; baselineYear: number };
  indicators: IndicatorReport[];
  figures: PlanYear[];
}

/** The chart panels whose figures `stats.export` writes (one sheet each); none given: all of the view's. */
export const STATS_CHARTS = {
  incidents: ['months', 'classes', 'grades', 'townships', 'types'],
  timeliness: ['timeliness-months', 'timeliness-townships'],
} as const;
export type StatsChart = (typeof STATS_CHARTS)[keyof typeof STATS_CHARTS][number];

export const StatsExport = z
  .object({
    view: z.enum(['incidents', 'timeliness']),
    filter: StatsFilter,
    chart: z.enum([...STATS_CHARTS.incidents, ...STATS_CHARTS.timeliness]).optional(),
  })
  .strict()
  .refine((x) => !x.chart || (STATS_CHARTS[x.view] as readonly string[]).includes(x.chart), { message: 'statsChart', path: ['chart'] });

export const statsMethods = {
  'stats.incidents': query<IncidentStats>(EVERY_ROLE)(StatsFilter),
  'stats.timeliness': query<TimelinessStats>(EVERY_ROLE)(StatsFilter),
  /** The figures behind the charts as a printable workbook (base64), names in words. */
  'stats.export': query<{ filename: string; base64: string }>(EVERY_ROLE)(StatsExport),
  'stats.indicators': query<PlanIndicators>(EVERY_ROLE)(z.object({}).strict()),
  'stats.planFigures.set': mutation<PlanYear>(MANAGERS)(PlanYearFigures.extend({ version: Version.optional() }).strict()),
};
