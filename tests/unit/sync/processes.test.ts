import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { addIncidents, tableDigest } from './fixture';
import { startProxy, type FaultProxy } from './proxy';

/**
 * Real processes on loopback: `node out/main/launcher.js --web` twice (build first), with a
 * fault-injecting proxy between them. SIGKILL, not a polite stop: the hub dies mid-batch, the
 * station dies with a push in flight.
 */
const LAUNCHER = path.resolve('out/main/launcher.js');
const built =
  fs.existsSync(LAUNCHER) &&
  fs.readdirSync('out/main', { recursive: true, withFileTypes: true }).some((f) => f.isFile() && f.name.endsWith('.js') && fs.readFileSync(path.join(f.parentPath, f.name), 'utf8').includes('/api/sync/push'));
const N = process.env.WATCHROOM_SYNC_FULL ? 5000 : 1000;

interface Proc {
  url: string;
  port: number;
  dir: string;
  proc: ChildProcess;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

async function start(dir: string, port: number): Promise<Proc> {
  const proc = spawn(process.execPath, [LAUNCHER, '--web', '--port', String(port), '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WATCHROOM_SYNC_INTERVAL_MS: '200' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
  });
  return { url, port, dir, proc };
}

const kill = (p: Proc) =>
  new Promise<void>((r) => {
    if (p.proc.exitCode !== null || p.proc.signalCode) return r();
    p.proc.on('exit', () => r());
    p.proc.kill('SIGKILL');
  });
const stop = (p: Proc) =>
  new Promise<void>((r) => {
    if (p.proc.exitCode !== null || p.proc.signalCode) return r();
    p.proc.on('exit', () => r());
    p.proc.kill('SIGTERM');
  });

async function rpc<T>(base: string, method: string, input: unknown, token?: string): Promise<T> {
  const r = await fetch(`${base}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.value;
}

const PW = 'duty-room-2026';
async function setup(url: string, level: 'district' | 'township', name: string, code: string) {
  const r = await rpc<{ token: string; station: { id: string }; user: { id: string } }>(url, 'auth.setup', {
    station: { name, code, level, timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: PW },
  });
  return r;
}

async function waitFor(fn: () => Promise<boolean> | boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out: ${what}`);
}

function sameCopies(hubDir: string, townDir: string, townId: string) {
  const hdb = new Database(path.join(hubDir, 'watchroom.sqlite'), { readonly: true });
  const tdb = new Database(path.join(townDir, 'watchroom.sqlite'), { readonly: true });
  try {
    for (const tbl of ['incidents', 'incident_entries']) {
      const src = tableDigest(tdb, tbl, ['id']);
      expect(src.count).toBeGreaterThan(0);
      expect(tableDigest(hdb, tbl, ['id'], townId), tbl).toEqual(src);
    }
    const batches = hdb.prepare('SELECT from_seq, to_seq FROM sync_batches WHERE station_id = ? ORDER BY from_seq').all(townId) as { from_seq: number; to_seq: number }[];
    for (let i = 1; i < batches.length; i++) expect(batches[i].from_seq).toBe(batches[i - 1].to_seq + 1); // contiguous: nothing twice, nothing missing
  } finally {
    hdb.close();
    tdb.close();
  }
}

describe.skipIf(!built)('real processes on loopback (needs `electron-vite build`)', () => {
  let hub: Proc;
  let town: Proc;
  let proxy: FaultProxy;
  let townId: string;
  let townAdmin: { id: string; token: string };
  let hubToken: string;

  beforeAll(async () => {
    hub = await start(tempDir('wr-p-hub-'), await freePort());
    town = await start(tempDir('wr-p-town-'), await freePort());
    proxy = await startProxy(hub.url, { delayMs: 400 });
    hubToken = (await setup(hub.url, 'district', '东昌区应急管理局', '220502')).token;
    const t = await setup(town.url, 'township', '新站镇应急办', '220502101');
    townId = t.station.id;
    townAdmin = { id: t.user.id, token: t.token };
    const reg = await rpc<{ oneTimeSecret: string }>(hub.url, 'sync.stations.register', { name: '新站镇应急办', code: '220502101' }, hubToken);
    await rpc(town.url, 'sync.enroll', { hubUrl: proxy.url, oneTimeSecret: reg.oneTimeSecret }, townAdmin.token);
  });
  afterAll(async () => {
    await proxy?.close();
    if (hub) await stop(hub);
    if (town) await stop(town);
  });

  const townStatus = () => rpc<{ waiting: number; online: boolean }>(town.url, 'sync.status', {}, townAdmin.token);
  const write = (n: number, start: number) => {
    const db = new Database(path.join(town.dir, 'watchroom.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      addIncidents(db, townId, townAdmin.id, n, start);
    } finally {
      db.close();
    }
  };

  it('hub killed mid-batch (SIGKILL with half a batch read), restarted: the station resumes and the copy is exact', async () => {
    let killed: Promise<void> | null = null;
    proxy.onFault = (f) => {
      if (f === 'slowBody' && !killed) killed = kill(hub);
    };
    let pushes = 0;
    proxy.setPlan((_, p) => (p.includes('/push') && ++pushes === 2 ? 'slowBody' : 'pass'));
    write(N, 0); // written straight into the township's database: its triggers fill the outbox
    await waitFor(() => killed !== null, 20_000, 'a second batch');
    await killed;
    proxy.onFault = null;
    proxy.setPlan(() => 'pass');
    await waitFor(async () => !(await townStatus()).online, 10_000, 'township sees the hub down');
    hub = await start(hub.dir, hub.port);
    await waitFor(async () => (await townStatus()).waiting === 0, 60_000, 'catch-up');
    sameCopies(hub.dir, town.dir, townId);
  });

  it('station killed mid-push (hub applied, the ack never arrived), restarted: the batch is resent and acknowledged once', async () => {
    let killed: Promise<void> | null = null;
    proxy.onFault = (f) => {
      if (f === 'delay' && !killed) killed = new Promise((r) => setTimeout(r, 600)).then(() => kill(town)); // after the hub applied, before the answer
    };
    let pushes = 0;
    proxy.setPlan((_, p) => (p.includes('/push') && ++pushes === 1 ? 'delay' : 'pass'));
    write(N, N);
    await waitFor(() => killed !== null, 20_000, 'a push in flight');
    await killed;
    proxy.onFault = null;
    proxy.setPlan(() => 'pass');
    const hdb = new Database(path.join(hub.dir, 'watchroom.sqlite'), { readonly: true });
    const appliedAtKill = hdb.prepare('SELECT applied_seq FROM sync_stations WHERE station_id = ?').pluck().get(townId) as number;
    hdb.close();
    town = await start(town.dir, town.port);
    townAdmin.token = (await rpc<{ token: string }>(town.url, 'auth.login', { username: 'admin', password: PW })).token;
    const cursor = new Database(path.join(town.dir, 'watchroom.sqlite'), { readonly: true });
    expect(cursor.prepare('SELECT acked_seq FROM sync_link').pluck().get() as number).toBeLessThan(appliedAtKill); // the ack was lost
    cursor.close();
    await waitFor(async () => (await townStatus()).waiting === 0, 60_000, 'catch-up after restart');
    sameCopies(hub.dir, town.dir, townId);
  });
});
