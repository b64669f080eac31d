/**
 * Search that stops early (issue 19): a common term's page is read by walking the sort's index in
 * order ('ordered') instead of looking up and sorting every match ('matches'); both give the very
 * same page. The count stops at its cap and leaves merged records out; the grid's plain count and
 * first page read the partial index of unmerged records (0220_incidents_live).
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { generateIncidents } from '../../../src-main/core/incidents/scale';
import { COUNT_CAP, listQuery, searchPlan, whereOf } from '../../../src-main/core/incidents/repo';
import { Rng } from '../../../src-main/core/devtools/rng';
import { call } from './fixtures';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';

const END = Date.UTC(2026, 10, 28);
const YEAR = 365.25 * 86_400_000;
let t: TestApp;
let admin: Caller;

beforeAll(async () => {
  t = testApp();
  const s = await setUpStation(t);
  admin = s.admin;
  // ≈2,500 incidents over 5 years: the real generator's texts, so common and rare terms occur.
  generateIncidents(t.db, { station: s.station, adminId: s.user.id, from: END - 5 * YEAR, to: END, years: 5, scale: 0.01, log: () => undefined }, new Rng(7));
  t.db.exec('ANALYZE');
  // A few records merged into others through the real method, so counts must leave them out.
  const fire = [];
  for (let i = 0; i < 5; i++) fire.push(await admin.ok('incidents.create', call({ summary: `东昌路一仓库发生火灾（第${i + 1}个来电）` })));
  for (const r of fire.slice(1)) {
    await admin.ok('incidents.merge', { id: r.id, version: r.version, intoId: fire[0].id, reason: '同一起火灾的重复接报' });
  }
}, 120_000);
afterAll(() => t.close());

type Args = Parameters<typeof listQuery>[0];
const TERMS = ['发生', '火灾', '泥石流', '交通事故', '爆', '滑坡 续报', '相撞'];
const SHAPES: Partial<Args>[] = [
  {},
  { offset: 150 },
  { sort: { col: 'grade', dir: 'asc' } },
  { sort: { col: 'no', dir: 'asc' } },
  { includeMerged: true },
  { townshipCode: '220502001' },
];

const run = (sql: string, p: unknown[]) => t.db.prepare(sql).all(...p);

describe('search that stops early gives the same page, counts stop at the cap', () => {
  it('both ways of reading a search page return exactly the same rows, in every sort, offset and filter', () => {
    let compared = 0;
    for (const q of TERMS) {
      for (const shape of SHAPES) {
        const f = { q, offset: 0, limit: 50, count: true, ...shape } as Args;
        const a = listQuery(f, 'matches')!;
        const b = listQuery(f, 'ordered')!;
        const rows = run(a.sql, a.params);
        expect(run(b.sql, b.params), `${q} ${JSON.stringify(shape)}`).toEqual(rows);
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('the count equals the brute-force count of unmerged matches (merged records left out) and stops at the cap', () => {
    for (const q of TERMS) {
      for (const includeMerged of [false, true]) {
        const f = { q, offset: 0, limit: 50, count: true, includeMerged } as Args;
        const w = whereOf(f)!;
        const brute = (t.db.prepare(`SELECT count(*) c FROM incidents i ${w.where}`).get(...w.params) as { c: number }).c;
        const lq = listQuery(f)!;
        expect((t.db.prepare(lq.countSql).get(...lq.countParams) as { c: number }).c, `${q} merged=${includeMerged}`).toBe(Math.min(brute, COUNT_CAP + 1));
      }
    }
    // The merged records matched 火灾 and are counted only when asked for.
    const lq = (m: boolean) => listQuery({ q: '火灾', offset: 0, limit: 50, count: true, includeMerged: m } as Args)!;
    const c = (m: boolean) => (t.db.prepare(lq(m).countSql).get(...lq(m).countParams) as { c: number }).c;
    expect(c(true) - c(false)).toBe(4);
    // Every count statement stops at the cap: none collects all matches first.
    for (const q of ['火灾', '爆']) expect(lq(false).countSql.replace('火灾', q)).toContain(`LIMIT ${COUNT_CAP + 1}`);
  });

  it('a common term is read in index order, a rare one from its matches; the registry answers the same', async () => {
    const base = { offset: 0, limit: 100, count: true } as const;
    expect(searchPlan(t.db, { ...base, q: '发生' } as Args)).toBe('ordered');
    expect(searchPlan(t.db, { ...base, q: '泥石流' } as Args)).toBe('matches');
    expect(searchPlan(t.db, { ...base, q: '发生', offset: 2000 } as Args)).toBe('matches'); // deep pages: the walk would be long
    const viaApi = await admin.ok('incidents.list', { q: '发生', limit: 100, count: true });
    const raw = listQuery({ ...base, q: '发生' } as Args, 'matches')!;
    expect(viaApi.rows.map((r) => r.id)).toEqual((run(raw.sql, raw.params) as { id: string }[]).map((r) => r.id));
  });

  it('the grid (unmerged records, newest first) reads the partial index, and its count never visits table rows', () => {
    const q = listQuery({ offset: 0, limit: 100, count: true } as Args)!;
    const plan = (sql: string, p: unknown[]) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(q.sql, q.params)).toContain('USING INDEX incidents_live');
    expect(plan(q.countSql, q.countParams)).toMatch(/USING COVERING INDEX/);
    const ordered = listQuery({ offset: 0, limit: 100, count: true, q: '火灾' } as Args, 'ordered')!;
    expect(plan(ordered.sql, ordered.params)).toContain('USING INDEX incidents_live');
  });
});
