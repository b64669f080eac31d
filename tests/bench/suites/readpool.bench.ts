/**
 * The read pool (issue 19): an operator's save while the wall display and LAN PCs read the
 * incident grid. The same built web mode on the same generated station, started with
 * `--read-workers 0` (every call on one thread — the floor) and with readers, interleaved
 * A/B/A/B; the same load each time: READERS clients reading the grid's first page (with its
 * count) in a loop and one operator adding a timeline entry every 50 ms for LOAD_MS.
 * Figures: save latency p50/p99, saves done of those attempted, grid reads per second.
 * Data: `bench-data --years 1 --scale $BENCH_SCALE` (default 0.05).
 */
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { BenchRow, BenchSuite } from '../harness';
import { snapshotBuild } from '../../unit/proving/lib';
import { tempDir } from '../../unit/helpers';

const SUITE = 'read pool';
const SCALE = Number(process.env.BENCH_SCALE ?? 0.05);
const READERS = 16;
const LOAD_MS = 5000;
const PASSWORD = 'bench-admin-pass-1';

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

async function rpc<T>(url: string, method: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const j = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!j.ok) throw new Error(`${method}: ${j.error?.message}`);
  return j.value;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const median = (xs: number[]) => pct(xs, 50);

interface Run {
  p50: number;
  p99: number;
  saves: number;
  readsPerSec: number;
}

async function run(launcher: string, env: NodeJS.ProcessEnv, dataDir: string, workers: number, opToken: { get(url: string): Promise<string> }): Promise<Run> {
  const port = await freePort();
  const proc = spawn(process.execPath, [launcher, '--web', '--port', String(port), '--data-dir', dataDir, '--read-workers', String(workers)], { stdio: 'ignore', env });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        await rpc(url, 'system.health', {});
        break;
      } catch {
        if (i > 200) throw new Error('web mode did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const token = await opToken.get(url);
    const page = await rpc<{ rows: { id: string }[] }>(url, 'incidents.list', { limit: 1 }, token);
    const id = page.rows[0].id;
    let stop = false;
    let reads = 0;
    const readers = Array.from({ length: READERS }, async () => {
      while (!stop) {
        await rpc(url, 'incidents.list', { limit: 100, count: true }, token);
        reads++;
      }
    });
    const lat: number[] = [];
    let attempted = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < LOAD_MS) {
      const due = t0 + attempted * 50;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() - t0 >= LOAD_MS) break;
      attempted++;
      const s = performance.now();
      await rpc(url, 'incidents.addEntry', { id, kind: 'followup', body: `压测续报 ${attempted}` }, token);
      lat.push(performance.now() - s);
    }
    const secs = (performance.now() - t0) / 1000;
    stop = true;
    await Promise.all(readers);
    return { p50: median(lat), p99: pct(lat, 99), saves: lat.length, readsPerSec: reads / secs };
  } finally {
    await new Promise<void>((r) => {
      if (proc.exitCode !== null) return r();
      proc.on('exit', () => r());
      proc.kill('SIGTERM');
    });
  }
}

export const suite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const built = snapshotBuild('bench-data');
    if (!built) return [{ suite: SUITE, name: 'skipped', value: 0, unit: 'ms', note: 'needs the build (npx electron-vite build)' }];
    const dir = path.join(tempDir('wr-bench-pool-'), 'data');
    const gen = spawnSync(process.execPath, [built.cli, 'bench-data', '--years', '1', '--scale', String(SCALE), '--seed', '42', '--out', dir, '--admin-password', PASSWORD], { encoding: 'utf8', env: built.env });
    if (gen.status !== 0) throw new Error(`bench-data failed: ${gen.stderr || gen.stdout}`);
    // One operator account, made on the first run and signed in on each.
    let made = false;
    const opToken = {
      async get(url: string) {
        const admin = (await rpc<{ token: string }>(url, 'auth.login', { username: 'admin', password: PASSWORD })).token;
        if (!made) {
          await rpc(url, 'users.create', { username: 'bench-op', displayName: '压测值班员', password: 'initial-pass-1', roles: ['operator'] }, admin);
          const first = (await rpc<{ token: string }>(url, 'auth.login', { username: 'bench-op', password: 'initial-pass-1' })).token;
          await rpc(url, 'auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' }, first);
          made = true;
        }
        return (await rpc<{ token: string }>(url, 'auth.login', { username: 'bench-op', password: 'changed-pass-1' })).token;
      },
    };
    const pooled = Math.max(1, Math.min(4, (await import('node:os')).cpus().length - 1));
    const runs: { one: Run[]; pool: Run[] } = { one: [], pool: [] };
    for (let i = 0; i < 2; i++) {
      runs.one.push(await run(built.launcher, built.env, dir, 0, opToken));
      runs.pool.push(await run(built.launcher, built.env, dir, pooled, opToken));
    }
    const m = (rs: Run[], k: keyof Run) => median(rs.map((r) => r[k]));
    const note = `${READERS} grid readers, a save every 50 ms for ${LOAD_MS / 1000} s; scale ${SCALE}; median of 2 interleaved runs`;
    const rows: BenchRow[] = [];
    for (const [name, k, unit] of [
      ['save p50 under read load', 'p50', 'ms'],
      ['save p99 under read load', 'p99', 'ms'],
      ['grid reads per second', 'readsPerSec', 'ops/s'],
    ] as const) {
      const a = m(runs.pool, k);
      const b = m(runs.one, k);
      rows.push({ suite: SUITE, name: `${name} (${pooled} reader${pooled > 1 ? 's' : ''})`, value: a, unit, ratio: a / b, baseline: `one thread: ${b.toFixed(1)} ${unit}`, note });
    }
    const planned = LOAD_MS / 50;
    rows.push({
      suite: SUITE,
      name: `saves done of ${planned} planned (${pooled} reader${pooled > 1 ? 's' : ''})`,
      value: m(runs.pool, 'saves'),
      unit: 'ops/s',
      ratio: m(runs.pool, 'saves') / Math.max(1, m(runs.one, 'saves')),
      baseline: `one thread: ${m(runs.one, 'saves')}`,
      note: 'a save waits for the previous one (one operator)',
    });
    return rows;
  },
};
