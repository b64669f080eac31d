import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgHubStore, type ChangeRow, type PgHubStore } from '../../../src-main/core/sync/pg/store';
import { tempDir } from '../helpers';
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from '../pg-cluster';
import { addIncidents, copyDigest, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';

/**
 * `npm run hub -- --pg URL` for real: two hub processes (node out/main/launcher.js --hub, build
 * first) on one PostgreSQL database, two townships pushing at once, each to its own process.
 */
const LAUNCHER = path.resolve('out/main/launcher.js');
const built = fs.existsSync(LAUNCHER) && fs.readdirSync('out/main').some((f) => f.endsWith('.js') && fs.readFileSync(path.join('out/main', f), 'utf8').includes('Watchroom hub:'));
const skip = PG_SKIP_REASON ?? (built ? null : 'out/ is not built with the hub command: npm run build first');
if (skip) console.warn(`pg-processes: skipped — ${skip}`);

function startHubProcess(pg: string): Promise<{ url: string; proc: ChildProcess; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, [LAUNCHER, '--hub', '--pg', pg, '--port', '0', '--data-dir', tempDir('wr-hubproc-')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((r) => proc.on('exit', (c) => r(c)));
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`hub did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Watchroom hub: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve({ url: m[1], proc, exited });
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (c) => reject(new Error(`hub exited ${c}: ${out}`)));
  });
}

(skip ? describe.skip : describe)('two `npm run hub` processes on one PostgreSQL database', () => {
  let cluster: PgCluster;
  let url: string;
  let store: PgHubStore;
  let hub: Hub;
  const procs: ChildProcess[] = [];
  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await cluster.createDb('procs');
    store = await openPgHubStore(url);
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await hub?.srv.close();
    hub?.t.close();
    await store?.close();
    cluster?.stop();
  });

  it('refuses a database no district has taken into use', async () => {
    const p = spawn(process.execPath, [LAUNCHER, '--hub', '--pg', url, '--port', '0', '--data-dir', tempDir('wr-hubproc-')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => p.on('exit', r))).toBe(2);
    expect(err).toContain('--hub-pg');
  });

  it('two townships push at once to different processes; the district feed sees every row once', async () => {
    hub = await startHub(undefined, store); // claims the database
    const [h1, h2] = [await startHubProcess(url), await startHubProcess(url)];
    procs.push(h1.proc, h2.proc);
    const towns: Town[] = [await startTown('新站镇应急办', '220502101'), await startTown('沙河镇应急办', '220502102')];
    for (const [i, town] of towns.entries()) {
      await enrollTown(hub, town); // enrolled at the district, then pointed at a hub process
      town.t.db.prepare('UPDATE sync_link SET hub_url = ?').run([h1, h2][i].url);
      addIncidents(town.t.db, town.stationId, town.adminId, 300);
    }
    await Promise.all(
      towns.map(async (town) => {
        const p = pusher(town.t, { batchSize: 50 });
        for (let i = 0; i < 100; i++) if ((await p.syncNow()).state === 'ok') return;
        throw new Error('never converged');
      }),
    );
    const seen: ChangeRow[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await store.changesSince(cursor, 250);
      seen.push(...page.rows);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toHaveLength(1200);
    expect(new Set(seen.map((r) => `${r.origin}|${r.table}|${r.key}`)).size).toBe(1200);
    for (const town of towns) {
      for (const tbl of ['incidents', 'incident_entries']) expect(await copyDigest(hub, tbl, ['id'], town.stationId)).toEqual(tableDigest(town.t.db, tbl, ['id']));
      town.t.close();
    }
  });
});
