/**
 * Search that stops early and the grid's count (issue 19), on the incidents suite's generated
 * stations. Per case, in ONE loop of interleaved samples (so a noisy neighbour hits every column
 * alike — this machine is shared by other builds; read ratios, not absolute times):
 *  - via the registry (incidents.list),
 *  - the floor: the very SQL the registry ran (same plan, same statements), on a raw
 *    better-sqlite3 connection with the app's pragmas,
 *  - before: the old plan (every match looked up and sorted; the count over all matches).
 * Each figure is the median of the samples, with the p25–p75 spread in the note.
 * SEARCH_BENCH_SCALES=0.02,0.2 for a quick run (default 0.1,1 as the incidents suite).
 */
import Database from 'better-sqlite3';
import { ratio, type BenchRow, type BenchSuite } from '../harness';
import { station } from './incidents.bench';
import { COUNT_CAP, listQuery, searchPlan, whereOf } from '../../../src-main/core/incidents/repo';
import type { InputOf } from '../../../src-main/contract';

const SUITE = 'search';
const SCALES = (process.env.SEARCH_BENCH_SCALES ?? '0.1,1').split(',').map(Number);
const SAMPLES = Number(process.env.SEARCH_BENCH_SAMPLES ?? 40);

type ListIn = InputOf<'incidents.list'>;
const CASES: [string, ListIn][] = [
  ['grid: first page + count', { limit: 100, count: true }],
  ['search 1 char, common: 爆', { q: '爆', limit: 100, count: true }],
  ['search 2 chars, common: 火灾', { q: '火灾', limit: 100, count: true }],
  ['search 2 chars, very common: 发生', { q: '发生', limit: 100, count: true }],
  ['search 3+ chars, common: 交通事故', { q: '交通事故', limit: 100, count: true }],
  ['search 3+ chars, rare: 泥石流', { q: '泥石流', limit: 100, count: true }],
  ['search 2 terms: 滑坡 续报', { q: '滑坡 续报', limit: 100, count: true }],
];

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const spread = (xs: number[]) => `p25–p75 ${quantile(xs, 0.25).toFixed(2)}–${quantile(xs, 0.75).toFixed(2)} ms, n=${xs.length}`;

/** The old count: every match counted (FTS count minus merged), capped only at the end. */
function oldCountSql(f: Parameters<typeof listQuery>[0]): { sql: string; params: unknown[] } | null {
  const w = whereOf(f);
  const one = w?.fts?.single;
  if (!w || !one || w.otherFilters) return null;
  const all = `SELECT count(*) FROM ${one.table} WHERE ${one.table} MATCH ?`;
  const merged = `SELECT count(*) FROM incidents m JOIN ${one.table} f ON f.rowid = m.n WHERE m.merged_into IS NOT NULL AND ${one.table} MATCH ?`;
  return { sql: `SELECT min((${all}) - (${merged}), ${COUNT_CAP + 1}) AS c`, params: [one.match, one.match] };
}

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const rows: BenchRow[] = [];
    const at = new Map<string, Map<number, number>>();
    for (const scale of SCALES) {
      const s = await station(scale);
      const label = `${Math.round(s.counts.i / 1000)}k inc`;
      const raw = new Database(s.file, { readonly: true });
      // The app's read pragmas (core/db/open.ts applyPragmas), so the floor is not flattered or blurred.
      raw.pragma('temp_store = MEMORY');
      raw.pragma('cache_size = -32000');
      for (const [name, input] of CASES) {
        const f = { offset: 0, count: false, ...input } as Parameters<typeof listQuery>[0];
        const plan = searchPlan(s.t.db, f);
        const now = listQuery(f, plan)!;
        const old = listQuery(f, 'matches')!;
        const oldCount = oldCountSql(f) ?? { sql: old.countSql, params: old.countParams };
        const st = { page: raw.prepare(now.sql), count: raw.prepare(now.countSql), oldPage: raw.prepare(old.sql), oldCount: raw.prepare(oldCount.sql) };
        const reg: number[] = [];
        const floor: number[] = [];
        const before: number[] = [];
        let hits = 0;
        for (let i = 0; i < SAMPLES + 3; i++) {
          let t0 = performance.now();
          const r = await s.admin.ok('incidents.list', input);
          const tReg = performance.now() - t0;
          t0 = performance.now();
          st.page.all(...now.params);
          st.count.get(...now.countParams);
          const tFloor = performance.now() - t0;
          t0 = performance.now();
          st.oldPage.all(...old.params);
          st.oldCount.get(...oldCount.params);
          const tBefore = performance.now() - t0;
          if (i < 3) continue; // warm-up
          hits = r.total ?? r.rows.length;
          reg.push(tReg);
          floor.push(tFloor);
          before.push(tBefore);
        }
        const m = { reg: median(reg), floor: median(floor), before: median(before) };
        (at.get(name) ?? at.set(name, new Map()).get(name)!).set(scale, m.reg);
        rows.push({ suite: SUITE, name: `${name} [${label}] before (all matches, old count)`, value: m.before, unit: 'ms', note: spread(before) });
        rows.push({ suite: SUITE, name: `${name} [${label}] raw SQL floor (${plan})`, value: m.floor, unit: 'ms', ratio: ratio(m.floor, m.before), baseline: 'before', note: `${hits} hits; ${spread(floor)}` });
        rows.push({ suite: SUITE, name: `${name} [${label}] via registry`, value: m.reg, unit: 'ms', ratio: ratio(m.reg, m.floor), baseline: 'raw SQL, same plan', target: '≤1.5x', note: spread(reg) });
      }
      raw.close();
      s.t.close();
    }
    if (SCALES.length >= 2) {
      const [a, b] = [SCALES[0], SCALES[SCALES.length - 1]];
      for (const [name, m] of at) {
        rows.push({ suite: SUITE, name: `${name}: ${b / a}x data vs 1x (registry)`, value: m.get(b)!, unit: 'ms', ratio: ratio(m.get(b)!, m.get(a)!), baseline: `${m.get(a)!.toFixed(2)} ms at 1x`, target: '≤1.5x' });
      }
    }
    return rows;
  },
};
