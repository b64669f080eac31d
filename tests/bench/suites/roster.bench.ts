import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchSuite, type BenchRow } from '../harness';
import { setUpStation, testApp } from '../../unit/helpers';
import { generateRosterScale } from '../../../src-main/core/roster/scale';
import { Rng } from '../../../src-main/core/devtools/rng';

const DAY = 86_400_000;
const NAME = 'roster';

/** A station with `years` of roster history ending 2026-10-31; returns the admin caller and a raw read-only handle. */
async function history(years: number) {
  const t = testApp();
  const { admin, station, user } = await setUpStation(t);
  const to = Date.UTC(2026, 9, 31, 12);
  generateRosterScale(t.db, { station, adminId: user.id, from: to - years * 365 * DAY, to, years, scale: 1, log: () => undefined }, new Rng(7));
  const raw = new Database(`${t.dir}/watchroom.sqlite`, { readonly: true });
  return { t, admin, raw, stationId: station.id };
}

export const suite: BenchSuite = {
  name: NAME,
  async run() {
    const rows: BenchRow[] = [];

    // 1. Generate a year of rosters for 40 people through the registry (12 × roster.month.generate).
    {
      const t = testApp();
      const { admin } = await setUpStation(t);
      await admin.ok('roster.shifts.create', { name: '全天班', startMinute: 510, durationMinutes: 1440 });
      await admin.ok('roster.positions.create', { name: '带班领导', dutyRole: 'leader', minCount: 1, maxCount: 1 });
      await admin.ok('roster.positions.create', { name: '值班员', dutyRole: 'operator', minCount: 2, maxCount: 2 });
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const p = await admin.ok('roster.people.create', { name: `人员${i + 1}`, mobile: `139000000${String(i).padStart(2, '0')}`, dutyRoles: [i < 10 ? 'leader' : 'operator'] });
        ids.push(p.id);
      }
      for (let i = 0; i < 6; i++) await admin.ok('roster.leave.add', { personId: ids[i * 5], fromDate: `2027-0${i + 1}-10`, toDate: `2027-0${i + 1}-16` });
      const t0 = performance.now();
      let unfilled = 0;
      for (let m = 1; m <= 12; m++) unfilled += (await admin.ok('roster.month.generate', { month: `2027-${String(m).padStart(2, '0')}`, personIds: ids })).unfilled;
      const total = performance.now() - t0;
      rows.push({ suite: NAME, name: 'generate a year (40 people, 12 months)', value: total, unit: 'ms', note: `${unfilled} unfilled; includes month view + checks per call` });
      rows.push({ suite: NAME, name: 'generate one month (avg)', value: total / 12, unit: 'ms', target: '<1 s' });
      t.close();
    }

    // 2. Month view + conflict check at 1 year vs 10 years of history, and the raw SQL floor.
    const res: Record<number, { reg: number; floor: number; now: number }> = {};
    for (const years of [1, 10]) {
      const h = await history(years);
      const q = h.raw.prepare(
        `SELECT a.*, p.name FROM roster_assignments a JOIN roster_people p ON p.id = a.person_id
         WHERE a.station_id = ? AND a.date BETWEEN ? AND ? AND a.voided_at IS NULL ORDER BY a.start_at`,
      );
      const floor = await timeIt(() => q.all(h.stationId, '2026-09-24', '2026-11-01'), { minIters: 300 });
      const reg = await timeIt(() => h.admin.ok('roster.month.get', { month: '2026-10' }), { minIters: 100 });
      const now = await timeIt(() => h.admin.ok('roster.now'), { minIters: 200 });
      res[years] = { reg, floor, now };
      rows.push({ suite: NAME, name: `month view + checks, ${years}y history`, value: reg, unit: 'ms', ratio: ratio(reg, floor), baseline: 'raw SQL of the same rows', note: years === 10 ? '≈11k assignments' : undefined });
      h.raw.close();
      h.t.close();
    }
    rows.push({ suite: NAME, name: 'month view + checks, 10y vs 1y', value: res[10].reg, unit: 'ms', ratio: ratio(res[10].reg, res[1].reg), baseline: '1 year', target: '≈1x (flat)' });
    rows.push({ suite: NAME, name: 'roster.now (duty board), 10y vs 1y', value: res[10].now, unit: 'ms', ratio: ratio(res[10].now, res[1].now), baseline: '1 year', target: '≈1x (flat)' });
    return rows;
  },
};
