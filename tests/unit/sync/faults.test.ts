import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src-main/core/devtools/rng';
import { CODE_SCHEMA_VERSION } from '../../../src-main/core/db/migrations';
import { readBatch } from '../../../src-main/core/sync/link';
import { addIncidents, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';
import { ADMIN_PASSWORD, ManualClock } from '../helpers';
import { startProxy, type Fault, type FaultProxy } from './proxy';

const FULL = !!process.env.WATCHROOM_SYNC_FULL;
const N = FULL ? 5000 : 750; // incidents; each brings one timeline entry: 10k records in the full form

let hub: Hub;
let proxy: FaultProxy;
beforeAll(async () => {
  hub = await startHub();
  proxy = await startProxy(hub.srv.url);
});
afterAll(async () => {
  await proxy.close();
  await hub.srv.close();
  hub.t.close();
});

const same = (town: Town) => {
  for (const [tbl, key] of [
    ['incidents', ['id']],
    ['incident_entries', ['id']],
  ] as const) {
    const src = tableDigest(town.t.db, tbl, [...key]);
    const copy = tableDigest(hub.t.db, tbl, [...key], town.stationId);
    expect(copy, tbl).toEqual(src);
  }
};
const applied = (town: Town) =>
  (hub.t.db.prepare('SELECT applied_seq FROM sync_stations WHERE station_id = ?').pluck().get(town.stationId) as number | undefined) ?? 0;

async function until(town: Town, maxCycles = 200) {
  const p = pusher(town.t);
  for (let i = 0; i < maxCycles; i++) {
    const r = await p.syncNow();
    if (r.state === 'ok') return i + 1;
  }
  throw new Error('never converged');
}

describe('sync under faults (fault-injecting proxy on loopback)', () => {
  it(`${N * 2} records through random faults: the hub's copy equals the source (counts, checksums), nothing twice, nothing missing`, async () => {
    const town = await startTown('沙河镇应急办');
    addIncidents(town.t.db, town.stationId, town.adminId, N);
    await enrollTown(hub, town, proxy.url);
    const rng = new Rng(7);
    const faults: Fault[] = ['pass', 'pass', 'pass', 'down', 'cutRequest', 'dropResponse', 'duplicate', 'delay'];
    proxy.setPlan(() => faults[Math.floor(rng.next() * faults.length)]);
    pusher(town.t, { batchSize: 200, timeoutMs: 5_000 });
    const cycles = await until(town, 500);
    proxy.setPlan(() => 'pass');
    same(town);
    expect(applied(town)).toBe(N * 2);
    // every fault actually happened
    for (const f of ['down', 'cutRequest', 'dropResponse', 'duplicate'] as const) expect(proxy.counts[f]).toBeGreaterThan(0);
    expect(cycles).toBeGreaterThan(1);
    // more changes after the storm still flow
    addIncidents(town.t.db, town.stationId, town.adminId, 10, N);
    await until(town);
    same(town);
    expect((await town.admin.ok('sync.status')).waiting).toBe(0);
    town.t.close();
  });

  it('hub down for hours: the status says so in plain words, retries back off with jitter, then everything arrives once', async () => {
    const town = await startTown('河口镇应急办', '220502102');
    await enrollTown(hub, town, proxy.url);
    addIncidents(town.t.db, town.stationId, town.adminId, 40);
    proxy.setPlan(() => 'down');
    const p = pusher(town.t, { baseBackoffMs: 1000, maxBackoffMs: 60_000 });
    const delays: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      const r = await p.syncNow();
      expect(r.state).toBe('error');
      const l = town.t.db.prepare('SELECT next_attempt_at, failures FROM sync_link').get() as { next_attempt_at: number; failures: number };
      delays.push([l.failures, l.next_attempt_at - town.t.clock.now()]);
      town.t.clock.advance(3600_000); // an hour passes between attempts
    }
    // exponential with jitter: within [d/2, d], capped
    for (const [failures, d] of delays) {
      const cap = Math.min(60_000, 1000 * 2 ** (failures - 1));
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
    expect(delays[delays.length - 1][1]).toBeGreaterThan(delays[0][1]);
    expect(new Set(delays.map((d) => d[1])).size).toBeGreaterThan(4); // jitter
    const st = await town.t.as((await town.t.anon.ok('auth.login', { username: 'admin', password: 'correct horse battery' })).token, 'zh-CN').ok('sync.status');
    expect(st.online).toBe(false);
    expect(st.waiting).toBe(80);
    expect(st.lastError).toContain('无法连接区级汇总站');
    const en = await town.admin.ok('sync.status');
    expect(en.lastError).toMatch(/Cannot reach the district hub/);
    expect(applied(town)).toBe(0);
    proxy.setPlan(() => 'pass');
    await until(town);
    same(town);
    const after = await town.admin.ok('sync.status');
    expect(after).toMatchObject({ online: true, waiting: 0, lastError: null, failures: 0 });
    town.t.close();
  });

  it('clock skew between stations changes nothing: order is by sequence, last-seen by the hub clock', async () => {
    const clock = new ManualClock(hub.t.clock.now() + 3 * 24 * 3600_000); // the township's clock is 3 days fast
    const town = await startTown('红旗镇应急办', '220502103', clock);
    await enrollTown(hub, town);
    addIncidents(town.t.db, town.stationId, town.adminId, 20, 0, town.t.clock.now());
    await until(town);
    town.t.clock.advance(-5 * 24 * 3600_000); // ... then 2 days slow
    await town.t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD }); // sessions are clocked too
    addIncidents(town.t.db, town.stationId, town.adminId, 20, 20, town.t.clock.now());
    await until(town);
    same(town);
    const reg = hub.t.db.prepare('SELECT last_seen_at FROM sync_stations WHERE station_id = ?').get(town.stationId) as { last_seen_at: number };
    expect(reg.last_seen_at).toBe(hub.t.clock.now());
    town.t.close();
  });
});

describe('hub refusals: nothing applied', () => {
  let town: Town;
  let cred: string;
  beforeAll(async () => {
    town = await startTown('杨柳镇应急办', '220502104');
    await enrollTown(hub, town);
    cred = town.t.db.prepare('SELECT credential FROM sync_link').pluck().get() as string;
    addIncidents(town.t.db, town.stationId, town.adminId, 10);
  });
  afterAll(() => town.t.close());

  const push = (body: Record<string, unknown>, credential = cred) =>
    fetch(`${hub.srv.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${credential}`, 'X-Watchroom-Locale': 'en' },
      body: JSON.stringify({ protocol: 1, schemaVersion: CODE_SCHEMA_VERSION, stationId: town.stationId, waiting: 0, ...body }),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as { ok: boolean; value?: { appliedSeq: number; duplicate: boolean }; error?: { code: string; message: string } } }));
  const batch = (from: number, to: number) => {
    const records = readBatch(town.t.db, from - 1, to - from + 1);
    return { batchId: `${town.stationId}:${from}-${to}`, fromSeq: from, toSeq: to, records };
  };
  const copies = () => tableDigest(hub.t.db, 'incidents', ['id'], town.stationId).count + tableDigest(hub.t.db, 'incident_entries', ['id'], town.stationId).count;

  it('reordered: a later batch before the earlier one is refused as a gap; then both apply in order', async () => {
    const r2 = await push(batch(11, 20));
    expect(r2.status).toBe(409);
    expect(r2.json.error?.message).toMatch(/resending from there/);
    expect(copies()).toBe(0);
    const r1 = await push(batch(1, 10));
    expect(r1.json.value).toMatchObject({ appliedSeq: 10, duplicate: false });
    expect((await push(batch(11, 20))).json.value).toMatchObject({ appliedSeq: 20 });
    expect(copies()).toBe(20);
  });

  it('duplicated: the same batch again is acknowledged and changes nothing; overlapping ranges skip what is applied', async () => {
    const before = tableDigest(hub.t.db, 'incidents', ['id'], town.stationId);
    const again = await push(batch(1, 10));
    expect(again.json.value).toMatchObject({ appliedSeq: 20, duplicate: true });
    const overlap = await push(batch(5, 20));
    expect(overlap.json.value).toMatchObject({ appliedSeq: 20, duplicate: true });
    expect(tableDigest(hub.t.db, 'incidents', ['id'], town.stationId)).toEqual(before);
  });

  it('forged: different content under a known batch id is refused', async () => {
    const b = batch(1, 10);
    const row = JSON.parse(b.records[0][3]);
    row.summary = '篡改';
    b.records[0][3] = JSON.stringify(row);
    const r = await push(b);
    expect(r.status).toBe(403);
    expect(r.json.error?.message).toMatch(/forged or replayed/);
  });

  it('records not owned by the sending station are refused, the whole batch with them', async () => {
    addIncidents(town.t.db, town.stationId, town.adminId, 2, 100);
    const b = batch(21, 24);
    const row = JSON.parse(b.records[0][3]);
    row.station_id = hub.stationId;
    b.records[0][3] = JSON.stringify(row);
    const r = await push(b);
    expect(r.status).toBe(403);
    expect(r.json.error?.message).toMatch(/does not own/);
    expect(copies()).toBe(20);
  });

  it('protocol and schema versions are checked on every exchange: mismatch = clear error, nothing applied', async () => {
    const b = batch(21, 24);
    const p = await push({ ...b, protocol: 99 });
    expect(p.status).toBe(409);
    expect(p.json.error?.message).toMatch(/Sync protocol versions differ \(theirs 99/);
    const s = await push({ ...b, schemaVersion: CODE_SCHEMA_VERSION + 1 });
    expect(s.json.error?.message).toMatch(/Data schema versions differ/);
    const pull = await fetch(`${hub.srv.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${cred}` },
      body: JSON.stringify({ protocol: 1, schemaVersion: 1, stationId: town.stationId, cursor: 0 }),
    });
    expect(pull.status).toBe(409);
    expect(copies()).toBe(20);
  });

  it('only enrolled credentials: a user session token or a made-up credential is refused', async () => {
    const b = batch(21, 24);
    expect((await push(b, 'wrs1.made-up')).status).toBe(401);
    const tok = hub.t.db.prepare('SELECT token_hash FROM sessions LIMIT 1').pluck().get() as string;
    expect((await push(b, tok)).status).toBe(401);
    expect(copies()).toBe(20);
  });
});
