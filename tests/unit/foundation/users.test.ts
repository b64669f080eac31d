import { describe, expect, it } from 'vitest';
import { setUpStation, testApp, userWithRoles } from '../helpers';

describe('users', () => {
  it('admin creates, renames, re-roles, resets, disables and re-enables; never deletes', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const u = await admin.ok('users.create', { username: 'heping', displayName: '何平', password: 'initial-pass-1', roles: ['keeper'] });
    expect(u).toMatchObject({ roles: ['keeper'], disabled: false, version: 1 });
    const u2 = await admin.ok('users.update', { id: u.id, version: u.version, displayName: '何 平', roles: ['keeper', 'viewer'] });
    expect(u2).toMatchObject({ displayName: '何 平', roles: ['keeper', 'viewer'], version: 2 });
    const u3 = await admin.ok('users.resetPassword', { id: u.id, version: u2.version, password: 'another-pass-2' });
    const l = await t.anon.ok('auth.login', { username: 'heping', password: 'another-pass-2' });
    expect(l.user.mustChangePassword).toBe(true);
    const u4 = await admin.ok('users.setDisabled', { id: u.id, version: u3.version, disabled: true, reason: '退休' });
    expect(u4.disabled).toBe(true);
    const u5 = await admin.ok('users.setDisabled', { id: u.id, version: u4.version, disabled: false, reason: '返聘' });
    expect(u5.disabled).toBe(false);
    expect((await admin.ok('users.list')).map((x) => x.username)).toContain('heping');
    t.close();
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const u = await admin.ok('users.create', { username: 'gaoyan', displayName: '高燕', password: 'initial-pass-1', roles: ['keeper'] });
    await admin.ok('users.update', { id: u.id, version: u.version, displayName: '高燕燕' });
    const r = await admin.call('users.update', { id: u.id, version: u.version, displayName: '旧版本' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await admin.ok('users.list')).find((x) => x.id === u.id)!.displayName).toBe('高燕燕');
    t.close();
  });

  it('the last active administrator can neither be disabled nor lose the role', async () => {
    const t = testApp();
    const { admin, user } = await setUpStation(t);
    const me = (await admin.ok('users.list')).find((x) => x.id === user.id)!;
    expect(await admin.call('users.update', { id: me.id, version: me.version, roles: ['leader'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await admin.call('users.setDisabled', { id: me.id, version: me.version, disabled: true, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    t.close();
  });

  it('duplicate user names (any case) are refused', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    await admin.ok('users.create', { username: 'linfeng', displayName: '林峰', password: 'initial-pass-1', roles: ['viewer'] });
    const r = await admin.call('users.create', { username: 'LinFeng', displayName: '林峰2', password: 'initial-pass-1', roles: ['viewer'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'User name "LinFeng" is taken.' } });
    t.close();
  });

  it('only administrators manage users; others get FORBIDDEN with a translated message', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const { caller } = await userWithRoles(t, admin, 'chenli', ['operator']);
    const r = await caller.call('users.create', { username: 'evil', displayName: 'x', password: 'initial-pass-1', roles: ['admin'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await caller.call('users.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const zh = await t.as(null, 'zh-CN').raw('users.list', {});
    expect(zh).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录（会话不存在或已过期）。' } });
    t.close();
  });

  it('station.update uses optimistic concurrency and re-seeds places for a new code', async () => {
    const t = testApp();
    const { admin, station } = await setUpStation(t);
    const s = await admin.ok('station.update', { version: station.version, name: '东昌区应急管理局（值班室）' });
    expect(s.version).toBe(station.version + 1);
    expect(await admin.call('station.update', { version: station.version, name: 'stale' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await admin.ok('station.get')).name).toBe('东昌区应急管理局（值班室）');
    t.close();
  });

  it('a demo station comes with staff accounts that have no usable password', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const users = await admin.ok('users.list');
    expect(users.length).toBeGreaterThan(8);
    expect(await t.anon.call('auth.login', { username: 'chenli', password: '!' })).toMatchObject({ ok: false });
    t.close();
  });
});
