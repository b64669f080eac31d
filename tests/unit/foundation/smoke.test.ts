import { describe, expect, it } from 'vitest';
import { setUpStation, testApp } from '../helpers';

describe('smoke', () => {
  it('sets up and logs in', async () => {
    const t = testApp();
    const h = await t.anon.ok('system.health');
    expect(h.needsSetup).toBe(true);
    const { admin } = await setUpStation(t);
    const me = await admin.ok('auth.me');
    expect(me.station.name).toBe('东昌区应急管理局');
    const places = await admin.ok('station.places');
    expect(places.filter((p) => p.level === 'township')).toHaveLength(13);
    t.close();
  });
});
