import { describe, expect, it } from 'vitest';
import { setUpStation } from '../helpers';
import { syncTestApp } from './fixture';

describe('sync demo data', () => {
  it('a district demo station shows its townships on the district view, with origin-marked incidents', async () => {
    const t = syncTestApp();
    const { admin } = await setUpStation(t, true);
    const ov = await admin.ok('sync.district.overview');
    expect(ov.stations.length).toBeGreaterThanOrEqual(4);
    expect(ov.stations.map((s) => s.state)).toEqual(expect.arrayContaining(['enrolled', 'pending', 'revoked']));
    expect(ov.stations.every((s) => s.name.endsWith('应急办'))).toBe(true);
    const remote = ov.incidents.filter((i) => i.origin !== ov.hub.id);
    expect(remote.length).toBeGreaterThan(10);
    expect(new Set(remote.map((i) => i.originName)).size).toBeGreaterThan(3);
    t.close();
  });
});
