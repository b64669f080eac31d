/**
 * 统计分析 and 规划指标 (issue 16). The indicator formulas are those of the district's 14th
 * Five-Year emergency plan, table 主要指标 (reference: dongchang-14th-fyp-emergency-plan.zh.txt);
 * every expected figure below is computed by hand from the records the test writes.
 */
import { describe, expect, it } from 'vitest';
import { call, world } from '../incidents/fixtures';
import { ADMIN_PASSWORD } from '../helpers';
import { assess, PLAN } from '../../../src-main/core/stats/plan';
import type { IndicatorReport, PlanIndicators } from '../../../src-main/contract/stats';

const at = (y: number, m: number, d: number, h = 2) => Date.UTC(y, m - 1, d, h); // 10:00 Beijing time

async function records() {
  const w = await world();
  const { t, op } = w;
  t.clock.t = at(2020, 6, 1);
  await op.ok('incidents.create', call({ casualties: { dead: 2, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 } }));
  await op.ok('incidents.create', call({ typeCode: '22', accidentType: '02', industry: 'road', casualties: { dead: 3, injured: 1, serious: 0, missing: 1, trapped: 0, evacuated: 0 } }));
  t.clock.t = at(2021, 3, 10);
  await op.ok('incidents.create', call({ casualties: { dead: 1, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 } }));
  await op.ok('incidents.create', call({ typeCode: '22', accidentType: '02', industry: 'road', casualties: { dead: 2, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 } }));
  await op.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: undefined, industry: undefined, summary: '山体滑坡', directLoss: 5_000_000, casualties: { dead: 1, injured: 0, serious: 0, missing: 1, trapped: 0, evacuated: 0 } }));
  t.clock.t = at(2026, 12, 2);
  // Years passed on the test clock: every session has idled out; sign in again.
  const login = async (username: string, password: string) => t.as((await t.anon.ok('auth.login', { username, password })).token);
  return { ...w, admin: await login('admin', ADMIN_PASSWORD), op: await login('op1', 'changed-pass-1'), viewer: await login('view1', 'changed-pass-1') };
}

const byId = (p: PlanIndicators, id: IndicatorReport['id']) => p.indicators.find((i) => i.id === id)!;

describe('the plan indicators (规划指标, 主要指标 table)', () => {
  it('computes each of the seven from the records and the entered figures, baseline 2020, period 2021–2025', async () => {
    const { admin } = await records();
    const fig = { industryEmployees: 50_000, productionDeaths: null, industryDeaths: null, vehicleDeaths: null, source: '区统计局统计公报' };
    await admin.ok('stats.planFigures.set', { year: 2020, gdp: 100, operatingVehicles: 20_000, population: 400_000, ...fig });
    await admin.ok('stats.planFigures.set', { year: 2021, gdp: 120, operatingVehicles: 25_000, population: 400_000, ...fig });
    const p = await admin.ok('stats.indicators', {});
    expect(p.period).toEqual({ from: 2021, to: 2025, baselineYear: 2020 });
    expect(p.indicators.map((i) => i.id)).toEqual(PLAN.rules.map((r) => r.id));

    // 1 生产安全事故死亡人数 (dead + missing, classes 21–23): 2020 = 2 + 3 + 1 = 6; 2021 = 1 + 2 = 3; −50 %.
    const deaths = byId(p, 'productionDeaths');
    expect(deaths.baseline).toBe(6);
    expect(deaths.years[0]).toMatchObject({ year: 2021, value: 3, from: 'records' });
    expect(deaths.years.slice(1).every((y) => y.value === null)).toBe(true); // no records 2022–2025: not zero
    expect(deaths).toMatchObject({ current: -50, light: 'green', binding: true, target: 13 });
    // 2 亿元GDP死亡率: 6/100 = 0.06 → 3/120 = 0.025: −58.3333 %.
    expect(byId(p, 'deathsPerGdp')).toMatchObject({ baseline: 0.06, current: -58.3333, light: 'green' });
    expect(byId(p, 'deathsPerGdp').years[0].value).toBe(0.025);
    // 3 工矿商贸十万人死亡率: 2/50 000 × 10^5 = 4 → 1/50 000 × 10^5 = 2: −50 %.
    expect(byId(p, 'industryDeathRate')).toMatchObject({ baseline: 4, current: -50 });
    // 4 营运车辆万车死亡率 (road transport, dead + missing): 4/20 000 × 10^4 = 2 → 2/25 000 × 10^4 = 0.8: −60 %.
    expect(byId(p, 'vehicleDeathRate')).toMatchObject({ baseline: 2, current: -60, light: 'green' });
    // 5 自然灾害直接经济损失占GDP: 5 000 000 / (120 × 10^8) × 100 = 0.0417 % < 1 %.
    expect(byId(p, 'disasterLossShare')).toMatchObject({ kind: 'below', current: 0.0417, light: 'green', binding: false });
    // 6 每百万人口因灾死亡(含失踪): 2 / 400 000 × 10^6 = 5, not < 1.
    expect(byId(p, 'disasterDeathRate')).toMatchObject({ current: 5, light: 'red' });
    // 7 每十万人受灾人次: no disaster report → 0.
    expect(byId(p, 'affectedRate')).toMatchObject({ current: 0, light: 'green' });
  });

  it('a denominator not entered leaves the value empty and names what is missing', async () => {
    const { admin } = await records();
    const p = await admin.ok('stats.indicators', {});
    expect(byId(p, 'disasterDeathRate').years[0]).toMatchObject({ year: 2021, value: null, numerator: 2, missing: ['population'] });
    expect(byId(p, 'disasterDeathRate').light).toBe('none');
    expect(byId(p, 'productionDeaths').light).toBe('green'); // needs no denominator
  });

  it('published counts entered for a year override its records (the baseline before records were kept here)', async () => {
    const { admin } = await records();
    await admin.ok('stats.planFigures.set', { year: 2020, gdp: null, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: 10, industryDeaths: null, vehicleDeaths: null });
    const d = byId(await admin.ok('stats.indicators', {}), 'productionDeaths');
    expect(d.baseline).toBe(10);
    expect(d.current).toBe(-70);
  });

  it('traffic lights: on target green, within a tenth of the target amber, otherwise red', () => {
    const rule = PLAN.rules[0]; // reduce by 13 %
    const year = (value: number) => [{ year: 2021, value, numerator: value, denominator: null, from: 'records' as const, missing: [] }];
    expect(assess(rule, 100, year(87), 2025)).toEqual({ current: -13, light: 'green' });
    expect(assess(rule, 100, year(88), 2025)).toEqual({ current: -12, light: 'amber' });
    expect(assess(rule, 100, year(90), 2025)).toEqual({ current: -10, light: 'red' });
    expect(assess(rule, 0, year(1), 2025).light).toBe('none');
    const below = PLAN.rules[6]; // < 15 000 a year on average
    expect(assess(below, null, [...year(14_000), { ...year(16_000)[0], year: 2022 }], 2025)).toEqual({ current: 15_000, light: 'amber' });
  });

  it('only managers enter figures; bad input is refused with a translated message and changes nothing', async () => {
    const { admin, op, viewer } = await records();
    expect(await viewer.ok('stats.indicators', {})).toBeTruthy();
    const denied = await op.call('stats.planFigures.set', { year: 2021, gdp: 1, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: null, industryDeaths: null, vehicleDeaths: null });
    expect(denied.ok).toBe(false);
    const bad = await admin.call('stats.planFigures.set', { year: 2021, gdp: -5, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: null, industryDeaths: null, vehicleDeaths: null });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
    expect((await admin.ok('stats.indicators', {})).figures).toEqual([]);
    // A second write needs the version it read.
    const first = await admin.ok('stats.planFigures.set', { year: 2021, gdp: 1, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: null, industryDeaths: null, vehicleDeaths: null });
    const stale = await admin.call('stats.planFigures.set', { year: 2021, gdp: 2, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: null, industryDeaths: null, vehicleDeaths: null });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    const second = await admin.ok('stats.planFigures.set', { year: 2021, gdp: 2, industryEmployees: null, operatingVehicles: null, population: null, productionDeaths: null, industryDeaths: null, vehicleDeaths: null, version: first.version });
    expect(second).toMatchObject({ gdp: 2, version: first.version + 1, updatedByName: '管理员' });
  });
});

describe('incident statistics (统计分析)', () => {
  it('counts by class, type, grade, township and month, with the same period a year earlier', async () => {
    const { admin } = await records();
    const s = await admin.ok('stats.incidents', { from: '2021-01-01', to: '2021-12-31' });
    expect(s.totals).toMatchObject({ count: 3, dead: 4, missing: 1, loss: 200_000 * 2 + 5_000_000 });
    expect(s.lastYear).toMatchObject({ count: 2, dead: 5, missing: 1 });
    expect(s.byClass).toEqual([
      expect.objectContaining({ key: '2', count: 2 }),
      expect.objectContaining({ key: '1', count: 1 }),
    ]);
    expect(s.byMonth).toHaveLength(12);
    expect(s.byMonth[2]).toEqual({ month: '2021-03', count: 3, lastYear: 0 });
    expect(s.byMonth[5]).toEqual({ month: '2021-06', count: 0, lastYear: 2 });
    expect(s.byTownship).toEqual([expect.objectContaining({ key: '220502001', count: 3 })]);
    const none = await admin.ok('stats.incidents', { from: '2021-01-01', to: '2021-12-31', township: '220502002' });
    expect(none.totals.count).toBe(0);
  });

  it('a period ending before it starts is refused in the user\u2019s words', async () => {
    const { admin } = await records();
    const r = await admin.call('stats.incidents', { from: '2021-12-31', to: '2021-01-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('The end date cannot be before the start date.');
    const far = await admin.call('stats.incidents', { from: '0700-01-01', to: '9000-10-10' });
    expect(far.ok || far.error.code).toBe('VALIDATION');
    if (!far.ok) expect(JSON.stringify(far.error)).toContain('between 2000 and 2100');
  });

  it('report timeliness counts what fell due in the period: on time, late, missed', async () => {
    const { admin, t } = await records();
    const s = await admin.ok('stats.timeliness', { from: '2021-01-01', to: '2021-12-31' });
    const direct = t.db.prepare('SELECT count(*) c FROM report_timeliness WHERE due_at >= ? AND due_at < ?').get(at(2020, 12, 31, 16), at(2021, 12, 31, 16)) as { c: number };
    expect(s.totals.due).toBe(direct.c);
    expect(s.totals.onTime + s.totals.late + s.totals.missed).toBeLessThanOrEqual(s.totals.due);
  });
});
