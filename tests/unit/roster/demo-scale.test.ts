import { describe, expect, it } from 'vitest';
import { setUpStation, testApp } from '../helpers';
import { generateRosterScale } from '../../../src-main/core/roster/scale';
import { Rng } from '../../../src-main/core/devtools/rng';

describe('roster: demo and scale data', () => {
  it('the demo station has a published roster for this month with nobody double-booked', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const v = await admin.ok('roster.month.get', { month: '2026-11' });
    expect(v.status).toBe('published');
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await admin.ok('roster.contacts.list', {})).some((c) => c.org.endsWith('应急办'))).toBe(true);
    const now = await admin.ok('roster.now');
    expect(now.current?.people.length).toBeGreaterThanOrEqual(2);
    t.close();
  });

  it('scale data: a year for 40 people loads as a clean month view', async () => {
    const t = testApp();
    const { admin, station, user } = await setUpStation(t);
    const r = generateRosterScale(t.db, { station, adminId: user.id, from: Date.UTC(2025, 10, 1), to: Date.UTC(2026, 9, 31), years: 1, scale: 1, log: () => undefined }, new Rng(1));
    expect(r.days).toBe(365);
    const v = await admin.ok('roster.month.get', { month: '2026-06' });
    expect(v.assignments).toHaveLength(90);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    t.close();
  });
});
