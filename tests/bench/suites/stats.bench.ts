/**
 * Statistics at scale (issue 16): each statistics method for one year of the generated 5-year
 * station via the registry vs the very same statements on raw better-sqlite3 with the app's
 * pragmas (the floor), samples interleaved (floor, registry, floor, …) and the median of their
 * medians reported. Uses the incident suite's generated stations (INC_BENCH_SCALES).
 */
import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchRow, type BenchSuite } from '../harness';
import { station } from './incidents.bench';
import { incidentTotals, incidentsBy, incidentsByMonth, timeliness, yearCounts } from '../../../src-main/core/stats/repo';

const SUITE = 'stats';
const SCALES = (process.env.INC_BENCH_SCALES ?? '0.1,1').split(',').map(Number);
const ROUNDS = 5;
const H8 = 8 * 3_600_000;
const from = Date.UTC(2025, 0, 1) - H8;
const to = Date.UTC(2026, 0, 1) - H8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function appPragmas(db: Database.Database) {
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
}

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const rows: BenchRow[] = [];
    for (const scale of SCALES) {
      const s = await station(scale);
      const label = `${Math.round(s.counts.i / 1000)}k inc`;
      const raw = new Database(s.file, { readonly: true });
      appPragmas(raw);
      const r = { from, to };
      const prev = { from: from - 365 * 86_400_000, to: from };
      const cases: [string, () => Promise<unknown>, () => unknown][] = [
        [
          'stats.incidents (one year: totals, last year, 4 groupings, months)',
          () => s.admin.ok('stats.incidents', { from: '2025-01-01', to: '2025-12-31' }),
          () => {
            incidentTotals(raw, r);
            incidentTotals(raw, prev);
            for (const by of ['class', 'type', 'grade', 'township'] as const) incidentsBy(raw, r, by);
            incidentsByMonth(raw, r, H8);
            incidentsByMonth(raw, prev, H8);
          },
        ],
        [
          'stats.timeliness (one year)',
          () => s.admin.ok('stats.timeliness', { from: '2025-01-01', to: '2025-12-31' }),
          () => {
            for (const by of ['all', 'month', 'township'] as const) timeliness(raw, r, to, by, H8);
          },
        ],
        [
          'stats.indicators (baseline + 5 plan years)',
          () => s.admin.ok('stats.indicators', {}),
          () => {
            for (let y = 2020; y <= 2025; y++) yearCounts(raw, Date.UTC(y, 0, 1) - H8, Date.UTC(y + 1, 0, 1) - H8);
            raw.prepare('SELECT * FROM plan_figures ORDER BY year').all();
          },
        ],
      ];
      for (const [name, reg, floor] of cases) {
        const f: number[] = [];
        const g: number[] = [];
        for (let k = 0; k < ROUNDS; k++) {
          f.push(await timeIt(floor, { minIters: 5, minMs: 100, warmup: 1 }));
          g.push(await timeIt(reg, { minIters: 5, minMs: 100, warmup: 1 }));
        }
        const fl = median(f);
        const re = median(g);
        rows.push({ suite: SUITE, name: `${name} [${label}] raw SQL floor`, value: fl, unit: 'ms', note: `spread ${Math.min(...f).toFixed(1)}–${Math.max(...f).toFixed(1)}` });
        rows.push({ suite: SUITE, name: `${name} [${label}] via registry`, value: re, unit: 'ms', ratio: ratio(re, fl), baseline: 'raw SQL', target: '≤1.5x', note: `spread ${Math.min(...g).toFixed(1)}–${Math.max(...g).toFixed(1)}` });
      }
      raw.close();
      s.t.close();
    }
    return rows;
  },
};
