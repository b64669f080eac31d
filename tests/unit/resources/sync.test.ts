import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from '../sync/fixture';

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

describe('resources travel up to the district', () => {
  it("a township's team, shelter, hazard site and plan, and later a void, arrive at the hub with their origin", async () => {
    await enrollTown(hub, town);
    const team = await town.admin.ok('resources.save', { list: 'teams', values: { name: '新站镇应急分队', kind: 'militia', strength: 20, leader: '吴队长', phone: '13900001111', lat: 41.72, lng: 125.95 } } as never);
    await town.admin.ok('resources.save', { list: 'shelters', values: { name: '新站镇中学', kind: 'indoor', status: 'ready', capacity: 400, manager: '郑校长', phone: '13900002222', address: '新站镇中学路 1 号' } } as never);
    await town.admin.ok('resources.save', { list: 'hazards', values: { name: '东山滑坡隐患点', kind: 'geoHazard', monitor: '王监测', phone: '13900003333', address: '新站镇东山村' } } as never);
    await town.admin.ok('resources.save', { list: 'plans', values: { name: '新站镇突发事件总体应急预案', level: 'township', category: 'general', classCode: '1', ownerUnit: '新站镇人民政府', planVersion: '2025版', approvedOn: '2025-01-15' } } as never);
    await town.admin.ok('resources.save', { list: 'experts', values: { name: '冯工', field: 'geology', phone: '13900004444' } } as never);
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    for (const tbl of ['res_teams', 'res_shelters', 'res_hazards', 'res_plans', 'res_experts']) {
      expect(tableDigest(hub.t.db, tbl, ['id'], town.stationId), tbl).toEqual(tableDigest(town.t.db, tbl, ['id']));
      expect(tableDigest(hub.t.db, tbl, ['id'], town.stationId).count, tbl).toBe(1);
    }
    // The district's own directory stays its own (copies live beside it, not in it).
    expect(await hub.admin.ok('resources.list', { list: 'teams' })).toEqual([]);

    await town.admin.ok('resources.void', { list: 'teams', id: team.id, version: team.version, reason: '队伍整编' });
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    expect(tableDigest(hub.t.db, 'res_teams', ['id'], town.stationId)).toEqual(tableDigest(town.t.db, 'res_teams', ['id']));
    const ov = await hub.admin.ok('sync.district.overview');
    expect(JSON.stringify(ov)).toContain('res_teams');
  });
});
