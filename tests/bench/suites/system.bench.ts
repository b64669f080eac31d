/**
 * System-level figures (issue 8), measured in one run:
 *  - backend RSS of the built web mode with generated multi-year data vs an empty station;
 *  - web-mode start time (spawn → first successful system.health) with data vs empty;
 *  - every read method that accepts `{}` (discovered from the registry): via the registry vs
 *    the very same SQL statements replayed on raw better-sqlite3 (captured while the registry
 *    ran them — the floor), and over HTTP vs in-process;
 *  - time to the first incident grid rows in Chromium, large vs small data, where the
 *    incidents screen and Chromium exist.
 * Data: `node out/main/cli.js bench-data --years 5 --scale $BENCH_SCALE` (default 0.05; the
 * issue's full size is --scale 1). Needs the build (`npx electron-vite build`).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { timeIt, ratio, type BenchRow, type BenchSuite } from '../harness';
import { snapshotBuild } from '../../unit/proving/lib';
import { createApp, type App } from '../../../src-main/core/app';
import { memoryLogger } from '../../../src-main/core/util/logger';
import { startServer } from '../../../src-main/server/http';
import { describeMethods } from '../../../src-main/core/api/describe';
import { METHODS, type MethodName } from '../../../src-main/contract';
import type { LoginResult } from '../../../src-main/contract/auth';

const ROOT = path.resolve(__dirname, '../../..');
// A private copy of the build: another build meanwhile cannot pull files from under the suite.
let CLI = '';
let LAUNCHER = '';
let ENV: NodeJS.ProcessEnv = process.env;
const SCALE = Number(process.env.BENCH_SCALE ?? 0.05);
const YEARS = Number(process.env.BENCH_YEARS ?? 5);
const SUITE = 'system';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** One RPC; a keep-alive socket the server closed at the same moment is retried once (reads only here). */
async function post(url: string, method: string, body: unknown, token?: string, retry = true): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  try {
    const res = await fetch(`${url}/api/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  } catch (e) {
    if (retry) return post(url, method, body, token, false);
    throw new Error(`${method}: ${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`);
  }
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Read methods an admin may call with `{}` (list screens' first page, lookups, verifications). */
function readMethods(): MethodName[] {
  return describeMethods()
    .filter((m) => !m.mutates && m.access !== 'public' && (m.access === 'authenticated' || m.access.includes('admin')))
    .map((m) => m.name as MethodName)
    .filter((n) => METHODS[n].input.safeParse({}).success);
}

interface WebRun {
  startMs: number;
  /** After 3 rounds of every read method except exports. */
  rss: number;
  /** After the export methods too (they build whole files in memory). */
  rssAfterExports: number;
}

const isExport = (m: string) => /export/i.test(m);

/** Spawn the built web mode, time it to the first good system.health, make a few requests, read VmRSS. */
async function webRun(dataDir: string, password: string, methods: MethodName[]): Promise<WebRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const proc: ChildProcess = spawn(process.execPath, [LAUNCHER, '--web', '--port', String(port), '--data-dir', dataDir], { stdio: 'ignore', env: ENV });
  try {
    let startMs = NaN;
    while (performance.now() - t0 < 60_000) {
      if (proc.exitCode !== null) throw new Error(`web mode exited with ${proc.exitCode}`);
      try {
        const h = await post(url, 'system.health', {});
        if (h.ok) {
          startMs = performance.now() - t0;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const login = await post(url, 'auth.login', { username: 'admin', password });
    if (!login.ok) throw new Error(`login failed: ${login.error?.message}`);
    const token = (login.value as LoginResult).token;
    for (let round = 0; round < 3; round++) for (const m of methods.filter((x) => !isExport(x))) await post(url, m, {}, token);
    const rss = rssMiB(proc.pid!);
    for (const m of methods.filter(isExport)) await post(url, m, {}, token);
    return { startMs, rss, rssAfterExports: rssMiB(proc.pid!) };
  } finally {
    await new Promise<void>((r) => {
      if (proc.exitCode !== null) return r();
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
    });
  }
}

interface Captured {
  sql: string;
  fn: 'get' | 'all' | 'iterate' | 'run';
  args: unknown[];
  reader: boolean;
}

/** Wraps the connection's prepare so every statement the registry runs is recorded with its arguments. */
function captureStatements(app: App) {
  let buf: Captured[] | null = null;
  const db = app.db as unknown as { prepare: (sql: string) => Database.Statement };
  const orig = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    const s = orig(sql) as unknown as Record<string, (...a: unknown[]) => unknown> & { reader: boolean };
    for (const fn of ['get', 'all', 'iterate', 'run'] as const) {
      const f = s[fn].bind(s);
      s[fn] = (...args: unknown[]) => {
        buf?.push({ sql, fn, args, reader: s.reader });
        return f(...args);
      };
    }
    return s as unknown as Database.Statement;
  };
  return {
    async during(f: () => Promise<unknown>): Promise<Captured[]> {
      buf = [];
      await f();
      const out = buf;
      buf = null;
      return out;
    },
  };
}

async function inProcess(dataDir: string, password: string, methods: MethodName[], rows: BenchRow[], note: string) {
  const app = createApp({ dataDir, autoBackup: false, log: memoryLogger() });
  const cap = captureStatements(app);
  const login = await app.call('auth.login', { username: 'admin', password }, { transport: 'test', remote: 'bench' });
  if (!login.ok) throw new Error(login.error.message);
  const meta = { token: (login.value as LoginResult).token, transport: 'test' as const, locale: 'en' as const };
  const raw = new Database(path.join(dataDir, 'watchroom.sqlite'), { readonly: true });
  const srv = await startServer({ app, port: 0 });
  try {
    // What every call reads anyway (session, user, station): a method that reads nothing more measures only dispatch.
    const baseline = new Set((await cap.during(() => app.call('system.methods', {}, meta))).map((s) => s.sql));
    for (const m of methods) {
      const first = await app.call(m, {}, meta); // warms the statement cache
      if (!first.ok) {
        rows.push({ suite: SUITE, name: `${m} (skipped)`, value: 0, unit: 'ms', note: first.error.message.slice(0, 80) });
        continue;
      }
      const stmts = await cap.during(() => app.call(m, {}, meta));
      const reads = stmts.filter((s) => s.reader);
      if (reads.every((s) => baseline.has(s.sql))) continue;
      const replay = reads.map((s) => ({ st: raw.prepare(s.sql), fn: s.fn, args: s.args }));
      const t1 = performance.now();
      await app.call(m, {}, meta);
      // Slow methods (exports of years of data) get fewer repetitions so the suite stays within minutes.
      const iters = performance.now() - t1 > 100 ? { minIters: 3, minMs: 0, warmup: 0 } : { minIters: 20, minMs: 300 };
      const floor = await timeIt(() => {
        for (const r of replay) {
          if (r.fn === 'iterate') for (const _ of r.st.iterate(...r.args)) void _;
          else (r.st[r.fn] as (...a: unknown[]) => unknown)(...r.args);
        }
      }, iters);
      const reg = await timeIt(() => app.call(m, {}, meta), iters);
      const http = await timeIt(() => post(srv.url, m, {}, meta.token), iters);
      rows.push({ suite: SUITE, name: `${m} raw SQL floor`, value: floor, unit: 'ms', note: `${reads.length} statements replayed; ${note}` });
      rows.push({ suite: SUITE, name: `${m} via registry`, value: reg, unit: 'ms', ratio: ratio(reg, floor), baseline: 'raw SQL', target: '≤1.3x (read)' });
      rows.push({ suite: SUITE, name: `${m} over HTTP`, value: http, unit: 'ms', ratio: ratio(http, reg), baseline: 'in-process registry', target: '≤3x' });
    }
  } finally {
    await srv.close();
    raw.close();
    app.close();
  }
}

/**
 * Time to the first incident grid rows in Chromium: signed in on the duty board, switch to the
 * incidents screen and wait for row 0 (median of 3). Null where the screen or Chromium is missing.
 */
async function gridRows(dataDir: string, password: string): Promise<number | null> {
  if (!fs.existsSync(path.join(ROOT, 'src-renderer/src/features/incidents')) || !fs.existsSync('/usr/bin/chromium')) return null;
  const { chromium } = await import('@playwright/test');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, [LAUNCHER, '--web', '--port', String(port), '--data-dir', dataDir], { stdio: 'ignore', env: ENV });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (let i = 0; i < 2000; i++) {
      try {
        if ((await post(url, 'system.health', {})).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', password);
    await page.press('input[name=password]', 'Enter');
    await page.locator('input[name=password]').waitFor({ state: 'detached', timeout: 30_000 });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => (location.hash = '#/duty'));
      await page.waitForTimeout(300);
      const t0 = performance.now();
      await page.evaluate(() => (location.hash = '#/incidents'));
      await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 60_000 });
      times.push(performance.now() - t0);
    }
    return median(times);
  } catch (e) {
    console.log(`[bench] grid rows: ${String(e).slice(0, 300)}`);
    return null;
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
  }
}

function generate(out: string, scale: number, password: string): { secs: number; bytes: number; counts: Record<string, number> } {
  const gen = spawnSync(process.execPath, [CLI, 'bench-data', '--years', String(YEARS), '--scale', String(scale), '--seed', '42', '--out', out, '--admin-password', password], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: ENV,
  });
  if (gen.status !== 0) throw new Error(`bench-data failed: ${gen.stderr || gen.stdout}`);
  const counts: Record<string, number> = {};
  for (const l of gen.stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+)$/.exec(l);
    if (m) counts[m[1]] = Number(m[2]);
  }
  return { secs: Number(/in ([\d.]+) s/.exec(gen.stdout)?.[1] ?? NaN), bytes: fs.statSync(path.join(out, 'watchroom.sqlite')).size, counts };
}

export const suite: BenchSuite = {
  name: SUITE,
  async run() {
    const built = snapshotBuild('bench-data');
    if (!built) throw new Error('needs the build: npx electron-vite build');
    ({ cli: CLI, launcher: LAUNCHER, env: ENV } = built);
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-bench-sys-'));
    try {
      return await measure(base);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};

async function measure(base: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const password = 'bench-admin-pass-1';
  const dataNote = `${YEARS}-year data at --scale ${SCALE}`;

  // Generated multi-year station, and an empty one (set up, nothing else).
  const data = generate(path.join(base, 'data'), SCALE, password);
  const biggest = Object.entries(data.counts)
    .filter(([t]) => !t.includes('_fts'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  rows.push({ suite: SUITE, name: 'bench-data generation', value: data.secs, unit: 's', note: `${dataNote}; ${(data.bytes / 1048576).toFixed(1)} MiB; ${biggest}` });
  generate(path.join(base, 'empty'), 0.000001, password);

  const methods = readMethods();
  const runs: Record<'empty' | 'data', WebRun[]> = { empty: [], data: [] };
  for (let i = 0; i < 3; i++) {
    runs.empty.push(await webRun(path.join(base, 'empty'), password, methods));
    runs.data.push(await webRun(path.join(base, 'data'), password, methods));
  }
  const start = { empty: median(runs.empty.map((r) => r.startMs)), data: median(runs.data.map((r) => r.startMs)) };
  const rss = { empty: median(runs.empty.map((r) => r.rss)), data: median(runs.data.map((r) => r.rss)) };
  const rssX = { empty: median(runs.empty.map((r) => r.rssAfterExports)), data: median(runs.data.map((r) => r.rssAfterExports)) };
  rows.push({ suite: SUITE, name: 'web-mode start (empty)', value: start.empty, unit: 'ms', note: 'spawn → first ok system.health' });
  rows.push({ suite: SUITE, name: 'web-mode start (with data)', value: start.data, unit: 'ms', ratio: ratio(start.data, start.empty), baseline: 'empty', note: dataNote });
  const nExports = methods.filter(isExport).length;
  rows.push({ suite: SUITE, name: 'backend RSS (empty)', value: rss.empty, unit: 'MiB', note: `after 3 rounds of ${methods.length - nExports} read methods (no exports)` });
  rows.push({ suite: SUITE, name: 'backend RSS (with data)', value: rss.data, unit: 'MiB', ratio: ratio(rss.data, rss.empty), baseline: 'empty', target: '≤1.3x', note: dataNote });
  rows.push({ suite: SUITE, name: 'backend RSS after exports (empty)', value: rssX.empty, unit: 'MiB', note: `then ${nExports} export methods with {}` });
  rows.push({ suite: SUITE, name: 'backend RSS after exports (with data)', value: rssX.data, unit: 'MiB', ratio: ratio(rssX.data, rssX.empty), baseline: 'empty', note: `${dataNote}; exports build whole files in memory` });

  await inProcess(path.join(base, 'data'), password, methods, rows, dataNote);

  // The comparison is 250k vs 1k incidents; the small station is the same generator at 1k.
  const big = (data.counts.incidents ?? 0) > 0 ? await gridRows(path.join(base, 'data'), password) : null;
  if (big !== null) {
    const perUnit = (data.counts.incidents ?? 0) / SCALE;
    const smallScale = perUnit > 0 ? Math.min(SCALE, 1000 / perUnit) : SCALE / 50;
    const small = generate(path.join(base, 'small'), smallScale, password);
    const smallMs = await gridRows(path.join(base, 'small'), password);
    rows.push({ suite: SUITE, name: `first incident grid rows (${small.counts.incidents ?? '?'} incidents)`, value: smallMs ?? NaN, unit: 'ms', note: 'Chromium, duty board → incidents screen' });
    rows.push({
      suite: SUITE,
      name: `first incident grid rows (${data.counts.incidents ?? '?'} incidents)`,
      value: big,
      unit: 'ms',
      ratio: smallMs ? ratio(big, smallMs) : undefined,
      baseline: `${small.counts.incidents ?? '?'} incidents`,
      note: dataNote,
    });
  }
  return rows;
}
