import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUpStation, testApp, userWithRoles } from '../helpers';
import { countUsers } from '../../../src-main/core/users/repo';

describe('setup', () => {
  it('a new station has no account at all, so no default password exists', async () => {
    const t = testApp();
    expect(countUsers(t.db)).toBe(0);
    expect((await t.anon.call('auth.login', { username: 'admin', password: 'admin123' })).ok).toBe(false);
    expect((await t.anon.ok('system.health')).needsSetup).toBe(true);
    t.close();
  });

  it('runs once: a second auth.setup is refused and changes nothing', async () => {
    const t = testApp();
    await setUpStation(t);
    const before = countUsers(t.db);
    const r = await t.anon.call('auth.setup', {
      station: { name: '另一个站', code: '220502', level: 'township', timeZone: 'Asia/Shanghai' },
      admin: { username: 'intruder', displayName: 'x', password: 'intruder-pass' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(countUsers(t.db)).toBe(before);
    t.close();
  });

  it('validates with messages in the caller\'s language', async () => {
    const t = testApp();
    const input = { station: { name: '', code: '12', level: 'city', timeZone: 'Mars/Base' }, admin: { username: 'a', displayName: 'x', password: 'short' } };
    const zh = await t.as(null, 'zh-CN').raw('auth.setup', input);
    const en = await t.as(null, 'en').raw('auth.setup', input);
    expect(zh).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '输入有误，请检查标出的字段。' } });
    expect(en).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Some fields are not valid; see the marked fields.' } });
    const paths = (zh as { error: { details: { issues: { path: string[]; message: string }[] } } }).error.details.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['station.name', 'station.code', 'station.level', 'station.timeZone', 'admin.username', 'admin.password']));
    const codeMsg = (zh as { error: { details: { issues: { path: string[]; message: string }[] } } }).error.details.issues.find((i) => i.path.join('.') === 'station.code')!;
    expect(codeMsg.message).toMatch(/行政区划代码/);
    expect(countUsers(t.db)).toBe(0);
    t.close();
  });

  it('stores passwords as scrypt hashes only', async () => {
    const t = testApp();
    await setUpStation(t);
    const row = t.db.prepare("SELECT password_hash FROM users WHERE username = 'admin'").get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(ADMIN_PASSWORD);
    t.close();
  });
});

describe('sessions', () => {
  it('login, me, logout; a revoked token is UNAUTHENTICATED', async () => {
    const t = testApp();
    await setUpStation(t);
    const l = await t.anon.ok('auth.login', { username: 'ADMIN', password: ADMIN_PASSWORD }); // names are case-insensitive
    const c = t.as(l.token);
    expect((await c.ok('auth.me')).user.username).toBe('admin');
    await c.ok('auth.logout');
    expect(await c.call('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t.close();
  });

  it('tokens are stored hashed: the database copy grants no session', async () => {
    const t = testApp();
    const { token } = await setUpStation(t);
    const rows = t.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(await t.as(rows[0].token_hash).call('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t.close();
  });

  it('idle sessions expire after 12 h; activity slides the expiry, capped at 36 h', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    t.clock.advance(11 * 3600_000);
    expect((await admin.call('auth.me')).ok).toBe(true); // slides to +12 h
    t.clock.advance(11 * 3600_000);
    expect((await admin.call('auth.me')).ok).toBe(true);
    t.clock.advance(11 * 3600_000);
    expect((await admin.call('auth.me')).ok).toBe(true); // 33 h in
    t.clock.advance(4 * 3600_000); // 37 h: past the absolute cap
    expect(await admin.call('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t.close();
  });

  it('forged and malformed tokens are refused', async () => {
    const t = testApp();
    await setUpStation(t);
    for (const tok of ['x', 'A'.repeat(43), 'A'.repeat(5000), "' OR 1=1 --"]) {
      expect(await t.as(tok).call('users.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    t.close();
  });

  it('locks an account after 5 failed sign-ins for 15 minutes, even though each failure rolls back', async () => {
    const t = testApp();
    await setUpStation(t);
    for (let i = 0; i < 5; i++) {
      expect(await t.anon.call('auth.login', { username: 'admin', password: 'wrong-' + i })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const locked = await t.anon.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((locked as { error: { message: string } }).error.message).toMatch(/locked until/);
    t.clock.advance(15 * 60_000 + 1);
    expect((await t.anon.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    t.close();
  });

  it('rate-limits sign-in attempts per caller', async () => {
    const t = testApp();
    await setUpStation(t);
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await t.anon.call('auth.login', { username: `nobody${i}`, password: 'whatever-pw' }));
    expect(results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    t.close();
  });

  it('change password: old one required, other sessions end, initial password must be replaced first', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    await admin.ok('users.create', { username: 'zhoujing', displayName: '周静', password: 'initial-pass-1', roles: ['operator'] });
    const l = await t.anon.ok('auth.login', { username: 'zhoujing', password: 'initial-pass-1' });
    expect(l.user.mustChangePassword).toBe(true);
    const c = t.as(l.token);
    expect(await c.call('station.get')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.call('auth.changePassword', { oldPassword: 'wrong-old-pw', newPassword: 'new-pass-123' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const other = t.as((await t.anon.ok('auth.login', { username: 'zhoujing', password: 'initial-pass-1' })).token);
    await c.ok('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'new-pass-123' });
    expect((await c.ok('station.get')).code).toBe('220502');
    expect(await other.call('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    t.close();
  });

  it('a disabled user cannot sign in and loses live sessions', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const { caller, user } = await userWithRoles(t, admin, 'wuhao', ['operator']);
    const row = (await admin.ok('users.list')).find((u) => u.id === user.id)!;
    await admin.ok('users.setDisabled', { id: user.id, version: row.version, disabled: true, reason: '调离' });
    expect(await caller.call('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.anon.call('auth.login', { username: 'wuhao', password: 'changed-pass-1' })).toMatchObject({ ok: false });
    // Never deleted: the row is still there, marked disabled.
    const raw = new Database(path.join(t.dir, 'watchroom.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT disabled_reason FROM users WHERE id = ?').get(user.id)).toEqual({ disabled_reason: '调离' });
    raw.close();
    t.close();
  });
});
