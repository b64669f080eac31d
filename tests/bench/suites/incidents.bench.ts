/**
 * Incident log at scale (issue 4): list page, filtered list, full-text search with 3+ character
 * terms (trigram) and 1–2 character terms (bigram index), each
 *  - via the registry (session, validation, read transaction, row mapping) vs the very same SQL
 *    on raw better-sqlite3 (the floor), and
 *  - at 10x data (250k incidents / ≈1M entries, 5 years) vs 1x (25k / ≈100k).
 * Data is generated once per scale into os.tmpdir() (kept between runs; keyed by the schema).
 * INC_BENCH_SCALES=0.01,0.1 for a quick run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchRow, type BenchSuite } from '../harness';
import { ADMIN_PASSWORD, setUpStation, testApp, type Caller, type TestApp } from '../../unit/helpers';
import { generateIncidents } from '../../../src-main/core/incidents/scale';
import { listQuery } from '../../../src-main/core/incidents/repo';
import { Rng } from '../../../src-main/core/devtools/rng';
import type { InputOf } from '../../../src-main/contract';

const SUITE = 'incidents';
const SCALES = (process.env.INC_BENCH_SCALES ?? '0.1,1').split(',').map(Number);
const END = Date.UTC(2026, 10, 28);
const YEAR = 365.25 * 86_400_000;
const schema = createHash('sha256')
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/incidents/migrations/0200_incidents.sql')))
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/stats/migrations/0600_stats.sql')))
  .update('data-v1')
  .digest('hex')
  .slice(0, 10);

export async function station(scale: number): Promise<{ t: TestApp; admin: Caller; file: string; counts: { i: number; e: number }; genSeconds: number | null }> {
  const dir = path.join(os.tmpdir(), `wr-bench-incidents-${scale}-${schema}`);
  const done = path.join(dir, 'READY');
  let genSeconds: number | null = null;
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const t = testApp(dir);
    const { user, station: st } = await setUpStation(t);
    const started = Date.now();
    generateIncidents(t.db, { station: st, adminId: user.id, from: END - 5 * YEAR, to: END, years: 5, scale, log: () => undefined }, new Rng(42));
    t.db.exec('ANALYZE');
    genSeconds = (Date.now() - started) / 1000;
    t.close();
    fs.writeFileSync(done, String(genSeconds));
  }
  const t = testApp(dir);
  const l = await t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  const q = (s: string) => (t.db.prepare(s).get() as { c: number }).c;
  return { t, admin: t.as(l.token), file: path.join(dir, 'watchroom.sqlite'), counts: { i: q('SELECT count(*) c FROM incidents'), e: q('SELECT count(*) c FROM incident_entries') }, genSeconds };
}

type ListIn = InputOf<'incidents.list'>;
const CASES: [string, ListIn][] = [
  ['list: first page (100 rows + count)', { limit: 100, count: true }],
  ['list: page at offset 10k (sorted by received)', { offset: 10_000, limit: 100 }],
  ['list: sort by grade, first page', { limit: 100, sort: { col: 'grade', dir: 'asc' } }],
  ['filtered: township + status + last year (+ count)', { townshipCode: '220502001', status: ['closed'], from: END - YEAR, to: END, limit: 100, count: true }],
  ['filtered: type 22 + grade IV (+ count)', { classCode: '2', typeCode: '22', grade: ['IV'], limit: 100, count: true }],
  ['search 3+ chars, rare: 泥石流', { q: '泥石流', limit: 100, count: true }],
  ['search 3+ chars, common: 交通事故', { q: '交通事故', limit: 100, count: true }],
  ['search 2 chars, rare: 滑坡', { q: '滑坡', limit: 100, count: true }],
  ['search 2 chars, common: 火灾', { q: '火灾', limit: 100, count: true }],
  ['search 1 char: 爆', { q: '爆', limit: 100, count: true }],
  ['search 2 terms: 滑坡 续报', { q: '滑坡 续报', limit: 100, count: true }],
];

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const rows: BenchRow[] = [];
    const results = new Map<string, { scale: number; reg: number; floor: number; hits: number }[]>();
    for (const scale of SCALES) {
      const s = await station(scale);
      const label = `${Math.round(s.counts.i / 1000)}k inc / ${Math.round(s.counts.e / 1000)}k entries`;
      if (s.genSeconds !== null) rows.push({ suite: SUITE, name: `generate scale data (${label})`, value: s.genSeconds, unit: 's' });
      rows.push({ suite: SUITE, name: `database size (${label})`, value: fs.statSync(s.file).size / 1024 / 1024, unit: 'MiB' });
      const raw = new Database(s.file, { readonly: true });
      for (const [name, input] of CASES) {
        const q = listQuery({ offset: 0, limit: 100, count: false, ...input } as Parameters<typeof listQuery>[0])!;
        const page = raw.prepare(q.sql);
        const count = raw.prepare(q.countSql);
        const floor = await timeIt(() => {
          page.all(...q.params);
          if (input.count) count.get(...q.countParams);
        }, { minIters: 10, minMs: 300 });
        let hits = 0;
        const reg = await timeIt(async () => {
          const r = await s.admin.ok('incidents.list', input);
          hits = r.total ?? r.rows.length;
        }, { minIters: 10, minMs: 300 });
        (results.get(name) ?? results.set(name, []).get(name)!).push({ scale, reg, floor, hits });
        rows.push({ suite: SUITE, name: `${name} [${label}] raw SQL floor`, value: floor, unit: 'ms', note: `${hits} hits` });
        rows.push({ suite: SUITE, name: `${name} [${label}] via registry`, value: reg, unit: 'ms', ratio: ratio(reg, floor), baseline: 'raw SQL', target: '≤1.5x, <100 ms' });
      }
      raw.close();
      s.t.close();
    }
    if (SCALES.length >= 2) {
      const [a, b] = [SCALES[0], SCALES[SCALES.length - 1]];
      for (const [name, rs] of results) {
        const small = rs.find((r) => r.scale === a)!;
        const big = rs.find((r) => r.scale === b)!;
        rows.push({ suite: SUITE, name: `${name}: ${b / a}x data vs 1x`, value: big.reg, unit: 'ms', ratio: ratio(big.reg, small.reg), baseline: `${small.reg.toFixed(2)} ms at 1x`, target: 'sublinear (≪10x)' });
      }
    }
    return rows;
  },
};
