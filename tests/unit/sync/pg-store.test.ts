import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgHubStore, type ChangeRow, type PgHubStore } from '../../../src-main/core/sync/pg/store';
import { PG_MIGRATIONS } from '../../../src-main/core/sync/pg/migrate';
import { startHubServer } from '../../../src-main/server/hub-server';
import type { RunningServer } from '../../../src-main/server/http';
import { memoryLogger } from '../../../src-main/core/util/logger';
import { ApiError } from '../../../src-main/core/util/errors';
import { runsOnReader } from '../../../src-main/core/api/read-routing';
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from '../pg-cluster';
import { addIncidents, copyDigest, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';

/**
 * What only the PostgreSQL hub promises: several hub processes (here: separate stores, each its
 * own connection pool, as separate processes would be) on one database, per-station locks, a
 * change feed that never skips a row committed late, race-free counters, shared rate limits, and
 * a newer database refused untouched.
 */
if (PG_SKIP_REASON) console.warn(`pg-store: skipped — ${PG_SKIP_REASON}`);
const d = PG_SKIP_REASON ? describe.skip : describe;

let cluster: PgCluster;
beforeAll(async () => {
  if (!PG_SKIP_REASON) cluster = await startPgCluster();
});
afterAll(() => cluster?.stop());

let n = 0;
const freshDb = () => cluster.createDb(`store_${process.pid}_${n++}`);

d('two hub processes on one PostgreSQL database', () => {
  let url: string;
  let a: PgHubStore;
  let b: PgHubStore;
  let hub: Hub;
  let other: RunningServer;
  beforeAll(async () => {
    url = await freshDb();
    a = await openPgHubStore(url);
    b = await openPgHubStore(url);
    hub = await startHub(undefined, a); // the district station (serve --hub-pg)
    other = await startHubServer({ hub: b, log: memoryLogger(), clock: hub.t.clock, port: 0 }); // a sync-only hub process (npm run hub -- --pg)
  });
  afterAll(async () => {
    await other.close();
    await hub.srv.close();
    hub.t.close();
    await a.close();
    await b.close();
  });

  it('two townships push concurrently to different processes; one feed reader, reading all along, sees every row once, each station in its commit order', async () => {
    const t1 = await startTown('新站镇应急办', '220502101');
    const t2 = await startTown('沙河镇应急办', '220502102');
    await enrollTown(hub, t1, hub.srv.url);
    await enrollTown(hub, t2, other.url);
    addIncidents(t1.t.db, t1.stationId, t1.adminId, 400);
    addIncidents(t2.t.db, t2.stationId, t2.adminId, 400);
    const seen: ChangeRow[] = [];
    let cursor: string | null = null;
    let pushing = true;
    const reader = (async () => {
      for (;;) {
        const wasPushing = pushing;
        const page = await a.changesSince(cursor, 97);
        seen.push(...page.rows);
        cursor = page.cursor;
        if (!page.more && !wasPushing) return;
      }
    })();
    const run = async (town: Town) => {
      const p = pusher(town.t, { batchSize: 40 });
      for (let i = 0; i < 100; i++) if ((await p.syncNow()).state === 'ok') return;
      throw new Error('never converged');
    };
    await Promise.all([run(t1), run(t2)]);
    pushing = false;
    await reader;

    for (const town of [t1, t2]) {
      for (const tbl of ['incidents', 'incident_entries']) expect(await copyDigest(hub, tbl, ['id'], town.stationId)).toEqual(tableDigest(town.t.db, tbl, ['id']));
    }
    expect(seen).toHaveLength(1600);
    expect(new Set(seen.map((r) => `${r.origin}|${r.table}|${r.key}`)).size).toBe(1600);
    for (const town of [t1, t2]) {
      const seqs = seen.filter((r) => r.origin === town.stationId).map((r) => r.seq);
      expect(seqs).toHaveLength(800);
      // batches of one station commit one after another (its lock); within a batch parents come first
      const batches = new Map<number, number[]>();
      for (const s of seqs) {
        const k = Math.floor((s - 1) / 40);
        batches.set(k, [...(batches.get(k) ?? []), s]);
      }
      expect([...batches.keys()]).toEqual([...batches.keys()].sort((x, y) => x - y));
    }
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.incidents.filter((i) => i.origin === t1.stationId || i.origin === t2.stationId)).toHaveLength(500); // the view's limit
    t1.t.close();
    t2.t.close();
  });

  it('locks are per station: a push of one station goes through while another station is locked', async () => {
    const t3 = await startTown('河口镇应急办', '220502103');
    const t4 = await startTown('红旗镇应急办', '220502104');
    await enrollTown(hub, t3, hub.srv.url);
    await enrollTown(hub, t4, other.url);
    addIncidents(t4.t.db, t4.stationId, t4.adminId, 5);
    const c = await a.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('watchroom.station:' || $1, 0))", [t3.stationId]);
      const r = await pusher(t4.t, { timeoutMs: 5_000 }).syncNow();
      expect(r.state).toBe('ok');
      expect((await copyDigest(hub, 'incidents', ['id'], t4.stationId)).count).toBe(5);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
    t3.t.close();
    t4.t.close();
  });
});

d('commit order', () => {
  let store: PgHubStore;
  beforeAll(async () => {
    store = await openPgHubStore(await freshDb());
  });
  afterAll(() => store.close());

  it('the feed never skips a row committed late: a transaction that got an earlier id but commits after a later one', async () => {
    const early = await store.pool.connect();
    const late = await store.pool.connect();
    const put = (c: typeof early, key: string) =>
      c.query("INSERT INTO hub_copies (origin, tbl, key, seq, row, received_at, ord) VALUES ('o1', 'incidents', $1, 1, '{}', 0, 0) RETURNING xid::text AS x", [key]);
    try {
      await early.query('BEGIN');
      const x1 = (await put(early, 'a')).rows[0].x;
      await late.query('BEGIN');
      const x2 = (await put(late, 'b')).rows[0].x;
      await late.query('COMMIT');
      expect(BigInt(x1)).toBeLessThan(BigInt(x2));
      // A reader keyed on "ids after the last one seen" would take b now and never come back for a.
      expect((await store.pool.query("SELECT key FROM hub_copies WHERE xid > '0'::xid8")).rows.map((r) => r.key)).toEqual(['b']);
      const p1 = await store.changesSince(null, 100);
      expect(p1.rows).toEqual([]); // held back until the earlier transaction ends
      await early.query('COMMIT');
      const p2 = await store.changesSince(p1.cursor, 100);
      expect(p2.rows.map((r) => r.key)).toEqual(['a', 'b']);
      expect((await store.changesSince(p2.cursor, 100)).rows).toEqual([]);
    } finally {
      early.release();
      late.release();
    }
  });

  it('down-flow numbers are handed out in commit order: a second writer waits for the first to commit', async () => {
    const c1 = await store.pool.connect();
    const c2 = await store.pool.connect();
    try {
      await c1.query('BEGIN');
      const s1 = (await c1.query('UPDATE hub_down_clock SET seq = seq + 1 RETURNING seq')).rows[0].seq as number;
      await c2.query('BEGIN');
      let s2: number | null = null;
      const second = c2.query('UPDATE hub_down_clock SET seq = seq + 1 RETURNING seq').then((r) => (s2 = r.rows[0].seq as number));
      await new Promise((r) => setTimeout(r, 300));
      expect(s2).toBeNull(); // cannot take a number while an earlier one is uncommitted
      await c1.query('COMMIT');
      await second;
      expect(s2).toBe(s1 + 1);
      await c2.query('COMMIT');
    } finally {
      c1.release();
      c2.release();
    }
  });
});

describe('read pool and the PostgreSQL hub', () => {
  it('hub views stay on the writer thread when the hub store is PostgreSQL (a reader has only the SQLite file)', () => {
    expect(runsOnReader('sync.district.overview')).toBe(true);
    expect(runsOnReader('sync.district.overview', true)).toBe(false);
    expect(runsOnReader('sync.dispatch.list', true)).toBe(false);
    expect(runsOnReader('incidents.list', true)).toBe(true);
  });
});

d('counters, rate limits and schema versions', () => {
  it('dispatch order numbers stay unique and gapless when two hub processes issue at once', async () => {
    const url = await freshDb();
    const [a, b] = [await openPgHubStore(url), await openPgHubStore(url)];
    try {
      const { station } = await a.register({ name: '新站镇应急办', code: '220502101', level: 'township' }, 'u1', Date.UTC(2026, 10, 1));
      const now = Date.UTC(2026, 10, 2);
      const rows = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).createDispatch({ toRegId: station.id, fromName: '区储备库', lines: [{ itemCode: '1', itemName: '帐篷', unit: '顶', qty: 1 }] }, { id: 'hub', name: '东昌区' }, { id: 'u1', displayName: '管理员' }, now),
        ),
      );
      expect(new Set(rows.map((r) => r.orderNo)).size).toBe(40);
      expect(rows.map((r) => r.orderNo).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `DB2026-${String(i + 1).padStart(4, '0')}`));
      const seqs = (await a.pool.query('SELECT seq FROM hub_down ORDER BY seq')).rows.map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rate limits hold across processes: the window is one row in the database', async () => {
    const url = await freshDb();
    const [a, b] = [await openPgHubStore(url), await openPgHubStore(url)];
    try {
      const now = 1_000_000;
      const got = await Promise.all(Array.from({ length: 14 }, (_, i) => (i % 2 ? a : b).takeRate('sync.enroll|10.0.0.9', 10, now + i)));
      expect(got.filter(Boolean)).toHaveLength(10);
      expect(await a.takeRate('sync.enroll|10.0.0.9', 10, now + 61_000)).toBe(true); // a new minute
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a hub database written by a newer Watchroom is refused and left untouched', async () => {
    const url = await freshDb();
    const s = await openPgHubStore(url);
    const last = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].id;
    await s.pool.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, 0)', [last + 1, 'from_the_future']);
    const shape = async () =>
      (await s.pool.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2")).rows.concat(
        (await s.pool.query('SELECT id, name FROM schema_migrations ORDER BY id')).rows,
      );
    const before = await shape();
    const err = await openPgHubStore(url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).key).toBe('db.newerThanCode');
    expect((err as ApiError).params).toMatchObject({ dbVersion: last + 1, codeVersion: last });
    expect(await shape()).toEqual(before);
    await s.close();
  });
});
