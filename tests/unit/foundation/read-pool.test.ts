import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/core/app';
import { startReadPool } from '../../../src-main/core/api/read-pool';
import { runsOnReader } from '../../../src-main/core/api/read-routing';
import { memoryLogger } from '../../../src-main/core/util/logger';
import type { CallMeta } from '../../../src-main/core/api/types';
import { snapshotBuild } from '../proving/lib';
import { ADMIN_PASSWORD, tempDir } from '../helpers';

/*
 * The read pool answers plain queries on worker threads with read-only connections (issue 19:
 * one thread for everything made an operator's save wait behind the wall display's reads).
 * The reader is the built one (out/main/read-worker.js): the same bundle a station runs.
 */
// The reader runs from out/main itself (its externals, better-sqlite3, resolve from the repo's
// node_modules); snapshotBuild is only the staleness check.
const script = path.resolve(__dirname, '../../../out/main/read-worker.js');
const d = fs.existsSync(script) && snapshotBuild('') ? describe : describe.skip;

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) {
    await a.closeReaders();
    a.close();
  }
});

async function station(workers = 1) {
  const dir = tempDir('wr-pool-');
  const logs = memoryLogger();
  const app = createApp({ dataDir: dir, log: logs, autoBackup: false, autoSync: false, readers: { workers, script } });
  apps.push(app);
  const meta = (token: string | null): CallMeta => ({ token, transport: 'test', locale: 'en', remote: 'test' });
  const setup = await app.call(
    'auth.setup',
    {
      station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
    },
    meta(null),
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup));
  const token = (setup.value as { token: string }).token;
  return { app, dir, logs, token, meta };
}

d('read pool', () => {
  it('routes plain queries to readers and keeps writes, async and rate-limited calls on the writer', () => {
    expect(runsOnReader('users.list')).toBe(true);
    expect(runsOnReader('incidents.list')).toBe(true);
    expect(runsOnReader('users.create')).toBe(false); // a write
    expect(runsOnReader('incidents.export')).toBe(false); // async (outside one transaction)
    expect(runsOnReader('sync.syncNow')).toBe(false); // declared a read, pushes to the hub
    expect(runsOnReader('auth.login')).toBe(false); // rate-limited: the limiter is the writer's memory
    expect(runsOnReader('no.such')).toBe(false);
  });

  it('a reader answers what the writer just committed, with the same session and role checks', async () => {
    const { app, token, meta } = await station();
    expect(app.readers()).toMatchObject({ alive: 1, answered: 0 });
    const created = await app.call('users.create', { username: 'op1', displayName: '值班员甲', password: 'initial-pass-1', roles: ['operator'] }, meta(token));
    expect(created.ok).toBe(true);
    const list = await app.call('users.list', {}, meta(token));
    expect(list).toMatchObject({ ok: true });
    expect((list as { value: { username: string }[] }).value.map((u) => u.username)).toContain('op1');
    // The same refusals as on the writer, in the caller's words.
    expect(await app.call('users.list', {}, meta(null))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const login = await app.call('auth.login', { username: 'op1', password: 'initial-pass-1' }, meta(null));
    const opToken = (login as { value: { token: string } }).value.token;
    await app.call('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' }, meta(opToken));
    const refused = await app.call('users.list', {}, meta(opToken));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((refused as { error: { message: string } }).error.message).not.toMatch(/users\.list/);
    const bad = await app.call('audit.list', { limit: 'x' }, { ...meta(token), locale: 'zh-CN' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    // All four reads were the reader's (the writes, sign-in and password change were the writer's).
    expect(app.readers()).toEqual({ alive: 1, answered: 4, handedBack: 0 });
  });

  it('a query that writes on a reader is handed back to the writer and changes nothing there', async () => {
    const { dir, token, meta, logs } = await station();
    // Drive the pool by hand with a write: the read-only connection refuses it, the pool says "writer".
    const pool = startReadPool({ script, workers: 1, log: logs, data: { file: path.join(dir, 'watchroom.sqlite'), dataDir: dir, version: 'test' } });
    try {
      const r = await pool.run('users.create', { username: 'ghost', displayName: 'ghost', password: 'initial-pass-1', roles: ['operator'] }, meta(token));
      expect(r).toBeNull();
      expect(pool.sendsToWriter('users.create')).toBe(true);
      expect(logs.lines.some((l) => l.msg.includes('a query wrote') && l.data?.method === 'users.create')).toBe(true);
      const r2 = await pool.run('users.list', {}, meta(token));
      expect((r2 as { ok: true; value: { username: string }[] }).value.map((u) => u.username)).toEqual(['admin']);
      expect(pool.stats()).toEqual({ answered: 1, handedBack: 1 });
    } finally {
      await pool.close();
    }
  });

  it('after the readers are gone every call still gets its answer from the writer', async () => {
    const { app, token, meta } = await station(2);
    expect(app.readers().alive).toBe(2);
    expect(await app.call('users.list', {}, meta(token))).toMatchObject({ ok: true });
    await app.closeReaders();
    expect(app.readers()).toEqual({ alive: 0, answered: 1, handedBack: 0 });
    expect(await app.call('users.list', {}, meta(token))).toMatchObject({ ok: true });
  });

  it('a reader whose file cannot be opened stops; calls fall back to the writer and nothing is lost', async () => {
    const { dir, token, meta, logs } = await station();
    const pool = startReadPool({ script, workers: 1, log: logs, data: { file: path.join(dir, 'missing.sqlite'), dataDir: dir, version: 'test' } });
    try {
      expect(await pool.run('users.list', {}, meta(token))).toBeNull();
      await new Promise((r) => setTimeout(r, 500));
      expect(logs.lines.some((l) => l.msg === 'read pool: a reader could not open the database' && /unable to open database/.test(String(l.data?.error)))).toBe(true);
      expect(logs.lines.some((l) => l.msg === 'read pool: a reader stopped')).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
