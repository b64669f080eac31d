/**
 * Commands of the proving ground (issue 8), run from the CLI under plain Node:
 *   bench-data    a realistic station for benchmarks: set up through the registry, then every
 *                 domain's scale part (core/devtools/scale.ts), deterministic from a seed.
 *   crash-writer  (hidden) the durability test's child: writes bursts through the registry and
 *                 prints each acknowledged write, until it is killed with SIGKILL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp } from '../app';
import { DB_FILE } from '../db/backup';
import { digest } from '../audit/chain';
import { generateScaleData, loadDemoData } from './parts';
import type { StationInfo } from '../../contract/station';
import type { LoginResult } from '../../contract/auth';

const DAY = 24 * 3600_000;
/** The generated period ends here (fixed, so the same seed gives the same data on any day). */
export const BENCH_DATA_END = Date.UTC(2026, 10, 28);

export const BENCH_STATION = { name: '东昌区应急管理局', code: '220502', level: 'district' as const, timeZone: 'Asia/Shanghai' };

export interface BenchDataOptions {
  out: string;
  years: number;
  seed: number;
  scale: number;
  adminPassword?: string;
  log?: (line: string) => void;
}

export interface BenchDataResult {
  file: string;
  bytes: number;
  adminPassword: string;
  counts: Record<string, number>;
  seconds: number;
}

export async function benchData(o: BenchDataOptions): Promise<BenchDataResult> {
  const log = o.log ?? ((l: string) => console.log(l));
  if (!(o.years > 0) || !(o.scale > 0) || !Number.isInteger(o.seed)) throw new Error('bench-data: --years and --scale must be > 0, --seed an integer');
  const file = path.join(o.out, DB_FILE);
  if (fs.existsSync(file)) throw new Error(`bench-data: ${file} already exists; choose an empty folder`);
  const started = Date.now();
  const app = createApp({ dataDir: o.out, autoBackup: false, demo: loadDemoData });
  const adminPassword = o.adminPassword ?? randomBytes(9).toString('base64url');
  try {
    const r = await app.call(
      'auth.setup',
      { station: BENCH_STATION, admin: { username: 'admin', displayName: '系统管理员', password: adminPassword }, loadDemo: false },
      { transport: 'cli', locale: 'en' },
    );
    if (!r.ok) throw new Error(`setup failed: ${r.error.message}`);
    const { station, user } = r.value as LoginResult;
    const to = BENCH_DATA_END;
    const from = to - Math.round(o.years * 365.25) * DAY;
    generateScaleData(app.db, { station, adminId: user.id, from, to, years: o.years, scale: o.scale, log: (m) => log(`  ${m}`) }, o.seed);
    app.db.exec('ANALYZE');
    const counts: Record<string, number> = {};
    const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) counts[name] = (app.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    app.close();
    return { file, bytes: fs.statSync(file).size, adminPassword, counts, seconds: (Date.now() - started) / 1000 };
  } finally {
    app.close();
  }
}

/**
 * Writes station.update bursts through the registry forever. After each call returns ok (the
 * transaction is committed), prints `ack <version> <digest of the returned station>`; the audit
 * row of that write carries the same digest as its after_digest, so the parent can check that
 * every acknowledged write survived a SIGKILL. stdout to a pipe is synchronous on Linux.
 */
export async function crashWriter(dataDir: string, password: string): Promise<never> {
  const app = createApp({ dataDir, autoBackup: false });
  const meta = { transport: 'cli' as const, locale: 'en' as const };
  let token: string;
  const health = await app.call('system.health', {}, meta);
  if (health.ok && (health.value as { needsSetup: boolean }).needsSetup) {
    const r = await app.call('auth.setup', { station: BENCH_STATION, admin: { username: 'admin', displayName: 'admin', password } }, meta);
    if (!r.ok) throw new Error(r.error.message);
    token = (r.value as LoginResult).token;
  } else {
    const r = await app.call('auth.login', { username: 'admin', password }, { ...meta, remote: `crash-${process.pid}` });
    if (!r.ok) throw new Error(r.error.message);
    token = (r.value as LoginResult).token;
  }
  const call = (m: string, input: unknown) => app.call(m, input, { ...meta, token });
  const got = await call('station.get', {});
  if (!got.ok) throw new Error(got.error.message);
  let station = got.value as StationInfo;
  process.stdout.write(`ready ${station.version}\n`);
  for (let burst = 0; ; burst++) {
    const n = 1 + (burst % 17);
    for (let i = 0; i < n; i++) {
      const r = await call('station.update', { name: `东昌区应急管理局 ${burst}-${i}`, version: station.version });
      if (!r.ok) {
        process.stdout.write(`error ${r.error.code} ${r.error.message}\n`);
        continue;
      }
      station = r.value as StationInfo;
      process.stdout.write(`ack ${station.version} ${digest(station)}\n`);
    }
    await new Promise((res) => setTimeout(res, burst % 3));
  }
}
