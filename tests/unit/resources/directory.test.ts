import { afterEach, describe, expect, it } from 'vitest';
import { world, team, shelter } from './fixture';
import type { TestApp } from '../helpers';

let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe('resources directory: owned, versioned, voided never deleted, audited', () => {
  it('an operator records a team; an edit on a stale version is refused and changes nothing', async () => {
    const w = await world();
    t = w.t;
    const a = await w.op.ok('resources.save', team('东昌区矿山救护队', { townshipCode: '220502100', lat: 41.73, lng: 125.93, equipment: '正压氧气呼吸器 20 台' }));
    expect(a).toMatchObject({ list: 'teams', version: 1, own: true, townshipName: '金厂镇', stationName: '东昌区应急管理局', voided: false });
    expect(a.values).toMatchObject({ name: '东昌区矿山救护队', strength: 30, lat: 41.73, lng: 125.93, note: null });
    const b = await w.op.ok('resources.save', { list: 'teams', id: a.id, version: a.version, values: { ...a.values, strength: 42 } } as never);
    expect(b).toMatchObject({ version: 2 });
    const stale = await w.op.call('resources.save', { list: 'teams', id: a.id, version: 1, values: { ...a.values, strength: 1 } } as never);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect((await w.viewer.ok('resources.list', { list: 'teams' }))[0].values.strength).toBe(42);
    // Audited with a subject a person reads.
    const audit = w.t.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'resources.save' AND entity = 'res_teams' AND entity_id = ?").pluck().get(a.id);
    expect(audit).toBe(2);
  });

  it('bad input is refused in words and nothing is written: unknown township, half a coordinate pair, a viewer writing', async () => {
    const w = await world();
    t = w.t;
    const town = await w.op.call('resources.save', team('甲队', { townshipCode: '999999999' }));
    expect(town.ok).toBe(false);
    if (!town.ok) expect(town.error).toMatchObject({ code: 'VALIDATION', message: 'Unknown township: 999999999.' });
    const half = await w.op.call('resources.save', shelter('乙场所', { lat: 41.7 }));
    expect(half.ok).toBe(false);
    if (!half.ok) expect(JSON.stringify(half.error.details)).toContain('Latitude and longitude go together.');
    const zh = await w.t.as(null, 'zh-CN').call('resources.list', { list: 'teams' });
    expect(zh.ok).toBe(false);
    const viewer = await w.viewer.call('resources.save', team('丙队'));
    expect(viewer.ok).toBe(false);
    if (!viewer.ok) expect(viewer.error.code).toBe('FORBIDDEN');
    expect(w.t.db.prepare('SELECT (SELECT count(*) FROM res_teams) + (SELECT count(*) FROM res_shelters)').pluck().get()).toBe(0);
  });

  it('void keeps the record with who, when and why; it leaves the list but stays in the file', async () => {
    const w = await world();
    t = w.t;
    const s = await w.op.ok('resources.save', shelter('东昌区体育馆避难场所'));
    const v = await w.op.ok('resources.void', { list: 'shelters', id: s.id, version: s.version, reason: '场馆改建，暂不具备条件' });
    expect(v).toMatchObject({ voided: true, voidReason: '场馆改建，暂不具备条件' });
    expect(await w.op.ok('resources.list', { list: 'shelters' })).toEqual([]);
    expect(await w.op.ok('resources.list', { list: 'shelters', includeVoided: true })).toHaveLength(1);
    const again = await w.op.call('resources.void', { list: 'shelters', id: s.id, version: v.version, reason: '重复' });
    expect(again.ok).toBe(false);
    const row = w.t.db.prepare('SELECT voided_by, voided_at FROM res_shelters WHERE id = ?').get(s.id) as { voided_by: string; voided_at: number };
    expect(row.voided_at).toBe(w.t.clock.now());
    expect(row.voided_by).toBeTruthy();
    const desc = await w.admin.ok('audit.list', { limit: 5 } as never);
    expect(JSON.stringify(desc)).toContain('voided shelter 东昌区体育馆避难场所');
  });
});
