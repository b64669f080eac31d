/**
 * Information reporting at scale (issue 5): the deadline engine over every open chain, list
 * pages, the timeliness register — each via the registry vs the same SQL on raw better-sqlite3
 * (the floor), at 1x (≈20k reports) vs 0.1x (≈2k) data, and the engine's worst case with every
 * chain open. Data is generated once per scale into os.tmpdir() (kept between runs).
 * REP_BENCH_SCALES=0.1 for a quick run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchRow, type BenchSuite } from '../harness';
import { ADMIN_PASSWORD, setUpStation, testApp, type Caller, type TestApp } from '../../unit/helpers';
import { generateIncidents } from '../../../src-main/core/incidents/scale';
import { generateReports } from '../../../src-main/core/reports/scale';
import { dueItems, effectiveRules } from '../../../src-main/core/reports/repo';
import { Rng } from '../../../src-main/core/devtools/rng';

const SUITE = 'reports';
const SCALES = (process.env.REP_BENCH_SCALES ?? '0.1,1').split(',').map(Number);
/** Incidents at 1x: with their 初报/续报/终报 this makes ≈20k reports. */
const INCIDENTS_1X = 7000;
const END = Date.UTC(2026, 10, 28);
const YEAR = 365.25 * 86_400_000;
const schema = createHash('sha256')
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/reports/migrations/0300_reports.sql')))
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/reports/migrations/0301_report_sends_stage.sql')))
  .update(fs.readFileSync(path.resolve(__dirname, '../../../src-main/core/incidents/migrations/0200_incidents.sql')))
  .update('data-v1')
  .digest('hex')
  .slice(0, 10);

async function station(scale: number): Promise<{ t: TestApp; admin: Caller; file: string; reports: number; open: number }> {
  const dir = path.join(os.tmpdir(), `wr-bench-reports-${scale}-${schema}`);
  const done = path.join(dir, 'READY');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const t = testApp(dir);
    const { user, station: st } = await setUpStation(t);
    const ctx = { station: st, adminId: user.id, from: END - 2 * YEAR, to: END, years: 2, scale, log: () => undefined };
    generateIncidents(t.db, ctx, new Rng(42), { total: Math.round(INCIDENTS_1X * scale) });
    generateReports(t.db, ctx, new Rng(43));
    t.db.exec('ANALYZE');
    t.close();
    fs.writeFileSync(done, 'ok');
  }
  const t = testApp(dir);
  t.clock.t = END;
  const l = await t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  const q = (s: string) => (t.db.prepare(s).get() as { c: number }).c;
  return {
    t, admin: t.as(l.token), file: path.join(dir, 'watchroom.sqlite'), reports: q('SELECT count(*) c FROM reports'),
    open: q('SELECT count(*) c FROM report_chains WHERE done_at IS NULL') + q("SELECT count(*) c FROM incidents i WHERE status <> 'closed' AND NOT EXISTS (SELECT 1 FROM report_chains c WHERE c.incident_id = i.id)"),
  };
}

/** The same reads as the repository, on a plain connection, without the engine or row mapping. */
function floors(raw: Database.Database) {
  const chains = raw.prepare(`SELECT c.id, c.incident_id, c.title, COALESCE(i.class_code, c.class_code), i.type_code, i.accident_type, COALESCE(i.grade, c.grade), c.disaster_type,
      COALESCE(i.received_at, c.received_at), COALESCE(i.occurred_at, c.occurred_at), COALESCE(c.stabilised_at, i.closed_at), c.daily_mode,
      (SELECT max(e.at) FROM incident_entries e INDEXED BY report_incident_casualty WHERE e.incident_id = c.incident_id AND e.kind = 'casualty')
    FROM report_chains c LEFT JOIN incidents i ON i.id = c.incident_id WHERE c.done_at IS NULL`);
  const unchained = raw.prepare(`SELECT i.id FROM incidents i WHERE i.status <> 'closed' AND i.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM report_chains c WHERE c.incident_id = i.id)`);
  const omitted = raw.prepare(`SELECT i.id FROM incidents i WHERE i.received_at >= ? AND i.status = 'closed' AND i.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM report_chains c WHERE c.incident_id = i.id)`);
  const sends = raw.prepare(`SELECT s.chain_id, s.stage, s.seq, s.sent_at, s.via FROM report_chains c JOIN report_sends s ON s.chain_id = c.id WHERE c.done_at IS NULL`);
  const page = raw.prepare(`SELECT r.*, i.year, i.seq FROM reports r LEFT JOIN incidents i ON i.id = r.incident_id ORDER BY r.created_at DESC, r.n DESC LIMIT 100 OFFSET ?`);
  const count = raw.prepare('SELECT count(*) n FROM reports r');
  const pageSt = raw.prepare(`SELECT r.*, i.year, i.seq FROM reports r LEFT JOIN incidents i ON i.id = r.incident_id WHERE r.status IN (?) ORDER BY r.created_at DESC, r.n DESC LIMIT 100 OFFSET ?`);
  const countSt = raw.prepare('SELECT count(*) n FROM reports r WHERE r.status IN (?)');
  const regCounts = raw.prepare('SELECT due_at, stage, late FROM report_timeliness WHERE due_at >= ? AND due_at < ?');
  const reg = raw.prepare(`SELECT t.*, c.title FROM report_timeliness t JOIN report_chains c ON c.id = t.chain_id WHERE t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at`);
  return {
    due: () => [chains.all(), unchained.all(), omitted.all(END - 30 * 86_400_000), sends.all()],
    list: (offset: number) => [page.all(offset), count.get()],
    listSent: (offset: number) => [pageSt.all('sent', offset), countSt.get('sent')],
    register: (from: number, to: number) => reg.all(from, to),
    registerCounts: (from: number, to: number) => regCounts.all(from, to),
  };
}

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const rows: BenchRow[] = [];
    const at: Record<string, number[]> = {};
    const record = (name: string, scale: number, value: number, extra: Partial<BenchRow> = {}) => {
      (at[name] ??= [])[SCALES.indexOf(scale)] = value;
      rows.push({ suite: SUITE, name: `${name} @${scale}x`, value, unit: 'ms', ...extra });
    };
    for (const scale of SCALES) {
      const s = await station(scale);
      const raw = new Database(s.file, { readonly: true });
      const f = floors(raw);
      rows.push({ suite: SUITE, name: `data @${scale}x`, value: s.reports, unit: 'x', note: `${s.reports} reports, ${s.open} open chains/incidents` });
      const cases: [string, () => unknown, () => unknown, string][] = [
        ['due: next stage of every open chain', () => s.admin.ok('reports.due', {}), f.due, '≤50 ms at 1x'],
        ['list: first page (100 + total)', () => s.admin.ok('reports.list', { limit: 100 }), () => f.list(0), '≤1.5x floor'],
        ['list: page at offset 1000', () => s.admin.ok('reports.list', { limit: 100, offset: 1000 }), () => f.list(1000), '≤1.5x floor'],
        ['list: status = sent, first page', () => s.admin.ok('reports.list', { status: ['sent'], limit: 100 }), () => f.listSent(0), '≤1.5x floor'],
        ['register: month detail', () => s.admin.ok('reports.registerDetail', { month: '2026-06' }), () => f.register(Date.UTC(2026, 4, 31, 16), Date.UTC(2026, 5, 30, 16)), '—'],
        ['register: year summary', () => s.admin.ok('reports.register', { year: 2026 }), () => f.registerCounts(Date.UTC(2025, 11, 31, 16), Date.UTC(2026, 11, 31, 16)), '≤100 ms at 1x'],
      ];
      for (const [name, viaRegistry, floor, target] of cases) {
        const fl = await timeIt(floor, { minIters: 10, minMs: 200 });
        const reg = await timeIt(viaRegistry, { minIters: 10, minMs: 200 });
        record(`${name} — raw SQL floor`, scale, fl);
        record(name, scale, reg, { ratio: ratio(reg, fl), baseline: 'raw SQL', target });
      }
      // Worst case for the engine: every chain open (nothing finished), measured on the engine itself.
      const rules = effectiveRules(s.t.db);
      s.t.db.exec('BEGIN');
      s.t.db.exec("UPDATE report_chains SET done_at = NULL; UPDATE incidents SET status = 'handling', closed_at = NULL");
      const openAll = (s.t.db.prepare('SELECT count(*) c FROM report_chains').get() as { c: number }).c;
      const worst = await timeIt(() => dueItems(s.t.db, rules, 'Asia/Shanghai'), { minIters: 5, minMs: 200 });
      s.t.db.exec('ROLLBACK');
      record('due engine, every chain open (worst case)', scale, worst, { note: `${openAll} chains` });
      raw.close();
      s.t.close();
    }
    if (SCALES.length > 1) {
      const [a, b] = [0, SCALES.length - 1];
      for (const [name, v] of Object.entries(at)) {
        if (name.includes('floor') || v[a] === undefined || v[b] === undefined) continue;
        rows.push({ suite: SUITE, name: `${name}: ${SCALES[b]}x vs ${SCALES[a]}x`, value: v[b], unit: 'ms', ratio: ratio(v[b], v[a]), baseline: `${SCALES[a]}x data` });
      }
    }
    return rows;
  },
};
