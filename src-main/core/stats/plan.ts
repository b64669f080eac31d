import type { IndicatorId, IndicatorReport, IndicatorRule, IndicatorYear, PlanYear } from '../../contract/stats';
import type { YearCounts } from './repo';

/**
 * The district's 14th Five-Year emergency plan, table 主要指标 (reference:
 * dongchang-14th-fyp-emergency-plan.zh.txt): seven indicators, 2020 the baseline, 2021–2025 the
 * period. 'reduce' targets compare the latest full year with the baseline; 'below' targets are
 * yearly averages (年均) over the full years of the period so far.
 */
export const PLAN = {
  baselineYear: 2020,
  from: 2021,
  to: 2025,
  rules: [
    { id: 'productionDeaths', kind: 'reduce', target: 13, binding: true },
    { id: 'deathsPerGdp', kind: 'reduce', target: 33, binding: true },
    { id: 'industryDeathRate', kind: 'reduce', target: 5, binding: true },
    { id: 'vehicleDeathRate', kind: 'reduce', target: 10, binding: true },
    { id: 'disasterLossShare', kind: 'below', target: 1, binding: false },
    { id: 'disasterDeathRate', kind: 'below', target: 1, binding: false },
    { id: 'affectedRate', kind: 'below', target: 15000, binding: false },
  ] satisfies IndicatorRule[],
};

type Need = IndicatorYear['missing'][number];
type Formula = (c: YearCounts, f: PlanYear | undefined) => { numerator: number; from: 'records' | 'entered'; denominator: number | null; need: Need | null; scale: number };

/** Entered counts (years before the records) win over the records for that year. */
const pick = (entered: number | null | undefined, records: number) =>
  entered != null ? { numerator: entered, from: 'entered' as const } : { numerator: records, from: 'records' as const };

const FORMULAS: Record<IndicatorId, Formula> = {
  // 生产安全事故死亡人数 (persons).
  productionDeaths: (c, f) => ({ ...pick(f?.productionDeaths, c.productionDeaths), denominator: null, need: null, scale: 1 }),
  // 亿元地区生产总值生产安全事故死亡率 = deaths / GDP (亿元).
  deathsPerGdp: (c, f) => ({ ...pick(f?.productionDeaths, c.productionDeaths), denominator: f?.gdp ?? null, need: 'gdp', scale: 1 }),
  // 工矿商贸就业人员十万人生产安全事故死亡率 = 工矿商贸 deaths / employees × 100 000.
  industryDeathRate: (c, f) => ({ ...pick(f?.industryDeaths, c.industryDeaths), denominator: f?.industryEmployees ?? null, need: 'industryEmployees', scale: 1e5 }),
  // 营运车辆万车死亡率 = road-transport deaths / operating vehicles × 10 000.
  vehicleDeathRate: (c, f) => ({ ...pick(f?.vehicleDeaths, c.vehicleDeaths), denominator: f?.operatingVehicles ?? null, need: 'operatingVehicles', scale: 1e4 }),
  // 因自然灾害直接经济损失占地区生产总值的比例 (%) = loss (yuan) / (GDP 亿元 × 10^8) × 100.
  disasterLossShare: (c, f) => ({ numerator: c.disasterLoss, from: 'records', denominator: f?.gdp != null ? f.gdp * 1e8 : null, need: 'gdp', scale: 100 }),
  // 每百万人口因自然灾害死亡率 = deaths and missing / population × 10^6.
  disasterDeathRate: (c, f) => ({ numerator: c.disasterDeaths, from: 'records', denominator: f?.population ?? null, need: 'population', scale: 1e6 }),
  // 每十万人受灾人次 = affected persons / population × 100 000.
  affectedRate: (c, f) => ({ numerator: c.affected, from: 'records', denominator: f?.population ?? null, need: 'population', scale: 1e5 }),
};

const round = (v: number) => Math.round(v * 10_000) / 10_000;

export function indicatorYear(id: IndicatorId, year: number, counts: YearCounts, figures: PlanYear | undefined): IndicatorYear {
  const r = FORMULAS[id](counts, figures);
  // A year the station has no records of and no entered count cannot be valued from zeros.
  if (r.from === 'records' && !counts.hasRecords) return { year, value: null, numerator: null, denominator: r.denominator, from: null, missing: [] };
  if (r.need && r.denominator == null) return { year, value: null, numerator: r.numerator, denominator: null, from: r.from, missing: [r.need] };
  const value = r.denominator == null ? r.numerator : round((r.numerator / r.denominator) * r.scale);
  return { year, value, numerator: r.numerator, denominator: r.denominator, from: r.from, missing: [] };
}

/** The traffic light: on target; within a tenth of the target of the line; off target. */
export function assess(rule: IndicatorRule, baseline: number | null, years: IndicatorYear[], lastFullYear: number): Pick<IndicatorReport, 'current' | 'light'> {
  const full = years.filter((y) => y.year >= PLAN.from && y.year <= lastFullYear && y.value != null);
  if (!full.length) return { current: null, light: 'none' };
  if (rule.kind === 'reduce') {
    if (baseline == null || baseline === 0) return { current: null, light: 'none' };
    const latest = full[full.length - 1].value!;
    const change = round(((latest - baseline) / baseline) * 100);
    return { current: change, light: change <= -rule.target ? 'green' : change <= -rule.target * 0.9 ? 'amber' : 'red' };
  }
  const avg = round(full.reduce((s, y) => s + y.value!, 0) / full.length);
  return { current: avg, light: avg < rule.target ? 'green' : avg < rule.target * 1.1 ? 'amber' : 'red' };
}
