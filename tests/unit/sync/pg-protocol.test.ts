import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src-main/core/devtools/rng';
import { openPgHubStore, type PgHubStore } from '../../../src-main/core/sync/pg/store';
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from '../pg-cluster';
import { addIncidents, appliedSeq, copyDigest, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';
import { startProxy, type Fault, type FaultProxy } from './proxy';

/**
 * The sync protocol against both hub engines: the embedded SQLite hub and the PostgreSQL hub
 * store (a real cluster this file starts). Same stations, same HTTP, same assertions.
 */
if (PG_SKIP_REASON) console.warn(`pg-protocol: PostgreSQL engine skipped — ${PG_SKIP_REASON}`);
const ENGINES = PG_SKIP_REASON ? (['sqlite'] as const) : (['sqlite', 'pg'] as const);

let cluster: PgCluster | null = null;
beforeAll(async () => {
  if (!PG_SKIP_REASON) cluster = await startPgCluster();
});
afterAll(() => cluster?.stop());

describe.each(ENGINES)('sync protocol on the %s hub', (engine) => {
  let hub: Hub;
  let store: PgHubStore | undefined;
  beforeAll(async () => {
    if (engine === 'pg') store = await openPgHubStore(await cluster!.createDb(`proto_${Date.now()}`));
    hub = await startHub(undefined, store);
  });
  afterAll(async () => {
    await hub.srv.close();
    hub.t.close();
    await store?.close();
  });

  const same = async (town: Town) => {
    for (const [tbl, key] of [
      ['incidents', ['id']],
      ['incident_entries', ['id']],
    ] as const) {
      expect(await copyDigest(hub, tbl, [...key], town.stationId), tbl).toEqual(tableDigest(town.t.db, tbl, [...key]));
    }
  };

  it('captures, enrolls, pushes; the copy equals the source; the district view shows it', async () => {
    const town = await startTown();
    addIncidents(town.t.db, town.stationId, town.adminId, 30);
    await enrollTown(hub, town);
    expect(await pusher(town.t).syncNow()).toMatchObject({ state: 'ok' });
    await same(town);
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.incidents.filter((i) => i.origin === town.stationId)).toHaveLength(30);
    expect(ov.stations.find((s) => s.stationId === town.stationId)?.copies).toBe(60);
    expect(ov.tables.find((t) => t.table === 'incidents')?.copies).toBe(30);
    town.t.close();
  });

  it('through a fault-injecting proxy (drop, cut, duplicate, delay): exactly once, checksums equal', async () => {
    const proxy: FaultProxy = await startProxy(hub.srv.url);
    try {
      const town = await startTown('沙河镇应急办', '220502111');
      addIncidents(town.t.db, town.stationId, town.adminId, 300);
      await enrollTown(hub, town, proxy.url);
      const rng = new Rng(11);
      const faults: Fault[] = ['pass', 'pass', 'down', 'cutRequest', 'dropResponse', 'duplicate', 'delay'];
      proxy.setPlan(() => faults[Math.floor(rng.next() * faults.length)]);
      const p = pusher(town.t, { batchSize: 100, timeoutMs: 5_000 });
      let ok = false;
      for (let i = 0; i < 300 && !ok; i++) ok = (await p.syncNow()).state === 'ok';
      proxy.setPlan(() => 'pass');
      expect(ok).toBe(true);
      await same(town);
      expect(await appliedSeq(hub, town.stationId)).toBe(600);
      for (const f of ['dropResponse', 'duplicate'] as const) expect(proxy.counts[f]).toBeGreaterThan(0);
      town.t.close();
    } finally {
      await proxy.close();
    }
  });

  it('a dispatch order and the district catalogue reach the township once; a revoked station is refused', async () => {
    const town = await startTown('东风镇应急办', '220502131');
    const reg = await enrollTown(hub, town);
    const now = hub.t.clock.now();
    hub.t.db
      .prepare(
        "INSERT INTO mat_items (id, station_id, code, class_code, name, unit, integer_unit, category, created_at, updated_at) VALUES ('i1', ?, '1010101', '1010101', '帐篷', '顶', 1, 'relief', ?, ?)",
      )
      .run(hub.stationId, now, now);
    if (store) expect(await store.relayDown(hub.t.db)).toBe(1);
    const d = await hub.admin.ok('sync.dispatch.create', {
      toRegId: reg.station.id,
      fromName: '东昌区救灾物资储备库',
      lines: [{ itemCode: '1010101', itemName: '帐篷', unit: '顶', qty: 20 }],
    });
    expect(d.orderNo).toMatch(/^DB2026-0001$/);
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    expect(await town.admin.ok('sync.inbound.list')).toHaveLength(1);
    expect(town.t.db.prepare("SELECT count(*) FROM sync_master WHERE kind = 'catalogue'").pluck().get()).toBe(1);
    expect((await hub.admin.ok('sync.dispatch.list'))[0].delivered).toBe(true);
    if (store) expect(await store.relayDown(hub.t.db)).toBe(0); // relayed once
    await pusher(town.t).syncNow();
    expect(await town.admin.ok('sync.inbound.list')).toHaveLength(1);
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.inTransit.find((r) => r.no === d.orderNo)).toMatchObject({ kind: 'dispatch', delivered: true });

    const row = (await hub.admin.ok('sync.stations.list')).find((s) => s.id === reg.station.id)!;
    await hub.admin.ok('sync.stations.revoke', { id: row.id, version: row.version, reason: '设备遗失' });
    addIncidents(town.t.db, town.stationId, town.adminId, 2);
    expect((await pusher(town.t).syncNow()).state).toBe('error');
    expect((await copyDigest(hub, 'incidents', ['id'], town.stationId)).count).toBe(0);
    town.t.close();
  });

  it('a carried file imports once; the same file again changes nothing', async () => {
    const town = await startTown('红旗镇应急办', '220502141');
    await enrollTown(hub, town);
    town.t.db.prepare("UPDATE sync_link SET hub_url = 'http://127.0.0.1:9'").run(); // the line is gone
    addIncidents(town.t.db, town.stationId, town.adminId, 5);
    const f = await town.admin.ok('sync.exportFile');
    const first = await hub.admin.ok('sync.importFile', { content: f.content });
    expect(first).toMatchObject({ records: 10, applied: 10, duplicate: false });
    const snap = await copyDigest(hub, 'incidents', ['id'], town.stationId);
    expect(snap).toEqual(tableDigest(town.t.db, 'incidents', ['id']));
    const second = await hub.admin.ok('sync.importFile', { content: f.content });
    expect(second).toMatchObject({ applied: 0, duplicate: true });
    expect(await copyDigest(hub, 'incidents', ['id'], town.stationId)).toEqual(snap);
    const tampered = JSON.parse(f.content);
    tampered.records[0][3] = tampered.records[0][3].replace('塌方', '滑坡');
    expect((await hub.admin.call('sync.importFile', { content: JSON.stringify(tampered) })).ok).toBe(false);
    town.t.close();
  });
});
