import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, team, shelter, plan } from './fixture';
import { haversineKm, rankNearest } from '../../../src-main/core/resources/geo';

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.t.close());

describe('nearest resources to an incident', () => {
  it('haversine: one degree of latitude is about 111.2 km; Tonghua to Changchun about 213 km', () => {
    expect(haversineKm(41, 126, 42, 126)).toBeCloseTo(111.195, 2);
    expect(haversineKm(41.7283, 125.9397, 43.8171, 125.3235)).toBeGreaterThan(236);
    expect(haversineKm(41.7283, 125.9397, 43.8171, 125.3235)).toBeLessThan(238);
    expect(haversineKm(41.7, 125.9, 41.7, 125.9)).toBe(0);
  });

  it('by distance where both have coordinates, then same-township places without them; others left out', () => {
    const p = { lat: 41.70, lng: 125.90, townshipCode: 'T1' };
    const items = [
      { name: 'far', lat: 41.80, lng: 126.10, townshipCode: 'T2' },
      { name: 'near', lat: 41.701, lng: 125.901, townshipCode: 'T2' },
      { name: 'town-no-coords', lat: null, lng: null, townshipCode: 'T1' },
      { name: 'elsewhere-no-coords', lat: null, lng: null, townshipCode: 'T3' },
      { name: 'mid', lat: 41.75, lng: 125.95, townshipCode: 'T1' },
    ];
    expect(rankNearest(p, items, 10).map((x) => x.name)).toEqual(['near', 'mid', 'far', 'town-no-coords']);
    expect(rankNearest(p, items, 2).map((x) => x.name)).toEqual(['near', 'mid']);
    // No coordinates at the incident: its township's places, by name.
    expect(rankNearest({ townshipCode: 'T1' }, items, 10).map((x) => x.name)).toEqual(['mid', 'town-no-coords']);
    expect(rankNearest({}, items, 10)).toEqual([]);
  });

  it('forIncident: teams and shelters with phones in distance order, warehouses of the township, plans of the class and type', async () => {
    // 环通乡 (220502200). Incident at 41.650, 125.850.
    await w.op.ok('resources.save', team('环通乡应急分队', { townshipCode: '220502200', lat: 41.655, lng: 125.852, leader: '周队长', phone: '13811110001' }));
    await w.op.ok('resources.save', team('区消防救援大队', { kind: 'fire', strength: 80, lat: 41.728, lng: 125.940, phone: '119' }));
    await w.op.ok('resources.save', team('江东乡应急分队', { townshipCode: '220502201' })); // no coordinates, other township: not suggested
    await w.op.ok('resources.save', team('环通乡民兵连', { kind: 'militia', townshipCode: '220502200', phone: '13811110002' })); // no coordinates, same township
    const gone = await w.op.ok('resources.save', team('已撤销队伍', { lat: 41.6501, lng: 125.8501 }));
    await w.op.ok('resources.void', { list: 'teams', id: gone.id, version: gone.version, reason: '队伍解散' });
    await w.op.ok('resources.save', shelter('环通乡中心小学', { townshipCode: '220502200', lat: 41.660, lng: 125.860, capacity: 300 }));
    await w.op.ok('resources.save', shelter('环通乡文化广场', { kind: 'outdoor', townshipCode: '220502200', lat: 41.649, lng: 125.849, status: 'full' }));
    await w.admin.ok('materials.warehouses.save', { code: 'HT01', name: '环通乡储备点', tier: 'township', placeCode: '220502200', address: '环通乡政府院内' } as never);
    await w.admin.ok('materials.warehouses.save', { code: 'JD01', name: '江东乡储备点', tier: 'township', placeCode: '220502201' } as never);
    await w.op.ok('resources.save', plan('东昌区地质灾害应急预案', { typeCodes: '14,15' }));
    await w.op.ok('resources.save', plan('东昌区自然灾害救助应急预案', { category: 'general' }));
    await w.op.ok('resources.save', plan('东昌区生产安全事故应急预案', { classCode: '2' }));

    const r = await w.viewer.ok('resources.forIncident', { lat: 41.65, lng: 125.85, townshipCode: '220502200', classCode: '1', typeCode: '14' });
    expect(r.basis).toBe('coordinates');
    expect(r.teams.map((x) => x.name)).toEqual(['环通乡应急分队', '区消防救援大队', '环通乡民兵连']);
    expect(r.teams[0]).toMatchObject({ contact: '周队长', phone: '13811110001', townshipName: '环通乡', sameTownship: true });
    expect(r.teams[0].distanceKm).toBeCloseTo(0.58, 1);
    expect(r.teams[1].distanceKm).toBeGreaterThan(10);
    expect(r.teams[2].distanceKm).toBeNull();
    expect(r.shelters.map((x) => x.name)).toEqual(['环通乡文化广场', '环通乡中心小学']);
    expect(r.shelters[0].detail).toContain('Full');
    expect(r.warehouses.map((x) => x.name)).toEqual(['环通乡储备点']);
    expect(r.warehouses[0]).toMatchObject({ distanceKm: null, sameTownship: true, detail: 'township store · 环通乡政府院内' });
    expect(r.plans.map((p) => [p.name, p.match])).toEqual([
      ['东昌区地质灾害应急预案', 'type'],
      ['东昌区自然灾害救助应急预案', 'class'],
    ]);

    // Only a township: the township's places.
    const byTown = await w.viewer.ok('resources.forIncident', { townshipCode: '220502200' });
    expect(byTown.basis).toBe('township');
    expect(byTown.teams.map((x) => x.name)).toEqual(['环通乡民兵连', '环通乡应急分队']);
    expect(byTown.plans).toEqual([]);
  });
});
