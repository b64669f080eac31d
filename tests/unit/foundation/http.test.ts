import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http';
import { ADMIN_PASSWORD, setUpStation, tempDir, testApp, type TestApp } from '../helpers';

let t: TestApp;
let srv: RunningServer;
let token: string;
const staticDir = tempDir('wr-static-');

beforeAll(async () => {
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  t = testApp();
  token = (await setUpStation(t)).token;
  srv = await startServer({ app: t, port: 0, staticDir });
});
afterAll(async () => {
  await srv.close();
  t.close();
});

const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('LAN transport', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the registry: public health, bearer-token methods', async () => {
    const h = await rpc('system.health', {});
    expect(h.status).toBe(200);
    expect((await h.json()).value.station.code).toBe('220502');
    const me = await rpc('auth.me', {}, { Authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect((await me.json()).value.user.username).toBe('admin');
  });

  it('maps error codes to HTTP statuses with translated messages', async () => {
    const noAuth = await rpc('users.list', {});
    expect(noAuth.status).toBe(401);
    expect((await noAuth.json()).error.message).toBe('请先登录（会话不存在或已过期）。');
    const en = await rpc('users.list', {}, { 'X-Watchroom-Locale': 'en' });
    expect((await en.json()).error.message).toBe('Please sign in (no session, or it has expired).');
    expect((await rpc('no.such', {})).status).toBe(404);
    expect((await rpc('auth.login', { username: 'admin' })).status).toBe(400);
    expect((await rpc('auth.login', { username: 'admin', password: 'wrong-pass' })).status).toBe(401);
    const conflict = await rpc('auth.setup', {
      station: { name: 'x', code: '220502', level: 'district' },
      admin: { username: 'again', displayName: 'x', password: 'long-enough' },
    });
    expect(conflict.status).toBe(409);
  });

  it('rejects malformed JSON, oversized bodies and non-POST calls, and keeps serving', async () => {
    const bad = await rpc('auth.login', '{"username": ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('VALIDATION');
    const big = await rpc('auth.login', JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await fetch(`${srv.url}/api/rpc/system.health`)).status).toBe(405);
    expect((await rpc('system.health', {})).status).toBe(200);
  });

  it('treats SQL-looking input as data', async () => {
    const r = await rpc('auth.login', { username: "admin'--", password: "' OR '1'='1" });
    expect(r.status).toBe(400); // the user-name pattern refuses it before any query
    const r2 = await rpc('auth.login', { username: 'admin', password: "' OR '1'='1" });
    expect(r2.status).toBe(401);
    const ok = await rpc('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('sends security headers and serves the renderer with an SPA fallback, never outside its folder', async () => {
    const page = await fetch(`${srv.url}/settings`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('shell');
    for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) expect(page.headers.get(h)).toBeTruthy();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${srv.url}/assets/app.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${srv.url}/assets/missing.js`)).status).toBe(404);
    for (const p of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cpackage.json']) {
      const r = await fetch(`${srv.url}${p}`);
      expect(await r.text()).not.toContain('root:');
    }
  });
});

describe('web mode process', () => {
  const launcher = path.resolve('out/main/launcher.js');

  it('npm start says in one sentence that Electron is missing, prints the URL, and exits cleanly on SIGTERM with the WAL checkpointed', async () => {
    expect(fs.existsSync(launcher), 'run `npm run build` first (npm test does)').toBe(true);
    const dir = tempDir();
    const p = spawn(process.execPath, [launcher, '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(out)), 15_000);
      p.stdout.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toMatch(/Electron/);
    const r = await fetch(`${url}/api/rpc/auth.setup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ station: { name: '江东乡应急办', code: '220502201', level: 'township' }, admin: { username: 'admin', displayName: '乡管理员', password: 'township-pass' } }),
    });
    expect(r.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      p.on('exit', (c) => resolve(c));
      p.kill('SIGTERM');
    });
    expect(code).toBe(0);
    const wal = path.join(dir, 'watchroom.sqlite-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  });
});
