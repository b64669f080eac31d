import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIncidents, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';

let hub: Hub;
let town: Town;
beforeAll(async () => {
  hub = await startHub();
  town = await startTown();
});
afterAll(async () => {
  await hub.srv.close();
  hub.t.close();
  town.t.close();
});

describe('sync basics', () => {
  it('captures, enrolls, pushes, and the copy equals the source', async () => {
    addIncidents(town.t.db, town.stationId, town.adminId, 30);
    const st0 = await town.admin.ok('sync.status');
    expect(st0.mode).toBe('standalone');
    await enrollTown(hub, town);
    const r = await pusher(town.t).syncNow();
    expect(r).toMatchObject({ state: 'ok' });
    const st = await town.admin.ok('sync.status');
    expect(st.waiting).toBe(0);
    expect(st.online).toBe(true);
    for (const [tbl, key] of [['incidents', ['id']], ['incident_entries', ['id']]] as const) {
      expect(tableDigest(hub.t.db, tbl, [...key], town.stationId)).toEqual(tableDigest(town.t.db, tbl, [...key]));
    }
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.incidents.filter((i) => i.origin === town.stationId)).toHaveLength(30);
    expect(ov.stations[0].copies).toBe(60);
  });
});
