import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { backupNow, listBackups, restoreBackup } from '../../../src-main/core/db/backup';
import { ADMIN_PASSWORD, setUpStation, testApp } from '../helpers';

describe('backup and restore', () => {
  it('online backup while open; the copy is a complete, consistent database', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const b = await admin.ok('system.backup');
    expect(b.file).toMatch(/^watchroom-\d{8}T\d{6}\.sqlite$/);
    const copy = new Database(path.join(t.dir, 'backups', b.file), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) n FROM users').get() as { n: number }).n).toBeGreaterThan(5);
    copy.close();
    expect((await admin.ok('system.listBackups')).map((x) => x.file)).toEqual([b.file]);
    t.close();
  });

  it('keeps only the newest N backups', async () => {
    const t = testApp();
    await setUpStation(t);
    const dir = path.join(t.dir, 'backups');
    for (let i = 0; i < 5; i++) await backupNow(t.db, dir, Date.UTC(2026, 0, 1 + i), 3);
    expect(listBackups(dir).map((b) => b.file)).toEqual(['watchroom-20260105T000000.sqlite', 'watchroom-20260104T000000.sqlite', 'watchroom-20260103T000000.sqlite']);
    t.close();
  });

  it('restore (CLI path) replaces the database and keeps the replaced one', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const b = await admin.ok('system.backup');
    await admin.ok('users.create', { username: 'after', displayName: '备份后', password: 'initial-pass-1', roles: ['viewer'] });
    t.close();
    const { keptAs } = restoreBackup(t.dir, path.join(t.dir, 'backups', b.file), Date.now());
    expect(keptAs && fs.existsSync(keptAs)).toBeTruthy();
    const t2 = testApp(t.dir);
    const l = await t2.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect((await t2.as(l.token).ok('users.list')).map((u) => u.username)).not.toContain('after');
    t2.close();
  });

  it('settings-screen restore is staged and applied at the next start', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    const b = await admin.ok('system.backup');
    await admin.ok('users.create', { username: 'later', displayName: '之后', password: 'initial-pass-1', roles: ['viewer'] });
    await admin.ok('system.scheduleRestore', { file: b.file });
    // The running database is untouched until restart.
    expect((await admin.ok('users.list')).map((u) => u.username)).toContain('later');
    t.close();
    const t2 = testApp(t.dir);
    const l = await t2.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect((await t2.as(l.token).ok('users.list')).map((u) => u.username)).not.toContain('later');
    t2.close();
  });

  it('refuses restore names that try to leave the backup folder, and unknown files', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    for (const file of ['../watchroom.sqlite', '/etc/passwd', 'a/b.sqlite', 'x.db']) {
      expect(await admin.call('system.scheduleRestore', { file })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await admin.call('system.scheduleRestore', { file: 'watchroom-20200101T000000.sqlite' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fs.existsSync(path.join(t.dir, 'restore-pending.json'))).toBe(false);
    t.close();
  });

  it('refuses to restore a file that is not a Watchroom database', async () => {
    const t = testApp();
    await setUpStation(t);
    t.close();
    const junk = path.join(t.dir, 'backups', 'junk.sqlite');
    fs.mkdirSync(path.dirname(junk), { recursive: true });
    fs.writeFileSync(junk, 'not a database');
    const before = fs.readFileSync(path.join(t.dir, 'watchroom.sqlite'));
    expect(() => restoreBackup(t.dir, junk, Date.now())).toThrow();
    expect(fs.readFileSync(path.join(t.dir, 'watchroom.sqlite')).equals(before)).toBe(true);
  });
});
