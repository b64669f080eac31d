import { describe, expect, it } from 'vitest';
import { setUpStation, testApp } from '../helpers';
import { generateMaterials } from '../../../src-main/core/materials/scale';
import { Rng } from '../../../src-main/core/devtools/rng';

describe('materials demo and scale data', () => {
  it('demo: Dongchang warehouses, catalogue, movements; the ledger verifies; a transfer is in transit', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const whs = await admin.ok('materials.warehouses.list');
    expect(whs.map((w) => w.tier)).toContain('village');
    expect(whs[0].name).toBe('东昌区应急物资储备库');
    expect((await admin.ok('materials.verifyLedger')).ok).toBe(true);
    expect(await admin.ok('materials.inTransit')).toHaveLength(1);
    const kinds = (await admin.ok('materials.alerts')).map((a) => a.kind);
    expect(kinds).toContain('contractExpiring');
    t.close();
  });

  it('scale data: balances agree with the lines and are never negative', async () => {
    const t = testApp();
    const { user, station } = await setUpStation(t);
    const to = Date.UTC(2026, 10, 28);
    const r = t.db.transaction(() =>
      generateMaterials(t.db, { station, adminId: user.id, from: to - 5 * 365 * 86400_000, to, years: 5, scale: 0.005, log: () => undefined }, new Rng(7)),
    )();
    expect(r.lines).toBeGreaterThan(5000);
    const { admin } = { admin: t.as((await t.anon.ok('auth.login', { username: 'admin', password: 'correct horse battery' })).token) };
    const v = await admin.ok('materials.verifyLedger');
    expect(v.mismatches).toEqual([]);
    expect(v.ok).toBe(true);
    expect((t.db.prepare('SELECT count(*) n FROM mat_warehouses').get() as { n: number }).n).toBe(40);
    t.close();
  });
});

describe('export input', () => {
  it('a stock-card export without its item and period is a VALIDATION error (found by the fuzzer: was INTERNAL)', async () => {
    const { materialsFixture } = await import('./fixture');
    const fx = await materialsFixture();
    const r = await fx.viewer.call('materials.export', { view: 'card' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    fx.t.close();
  });
});
