import { describe, expect, it, vi, beforeEach } from 'vitest';

/**
 * The Electron binary is not available on build machines, so the glue is tested against a
 * stubbed `electron` module: what it asks Electron to do is what we check.
 */
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer: { invoke: (...a: unknown[]) => (invoked.push(a), Promise.resolve('ok')) },
}));

import { wireIpc, CHANNEL } from '../../../src-main/electron/ipc';
import { lockDown, WINDOW_BOUNDS } from '../../../src-main/electron/security';
import type { App } from '../../../src-main/core/app';

describe('preload', () => {
  beforeEach(() => {
    for (const k of Object.keys(exposed)) delete exposed[k];
  });
  it('exposes exactly one function, invoke, on one channel', async () => {
    await import('../../../src-main/preload');
    expect(Object.keys(exposed)).toEqual(['watchroom']);
    const api = exposed.watchroom as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    await api.invoke('auth.me', {}, 'en');
    expect(invoked[0]).toEqual(['watchroom:invoke', 'auth.me', {}, 'en']);
  });
});

function fakeIpc() {
  let handler: ((...a: unknown[]) => Promise<unknown>) | null = null;
  return {
    ipcMain: { handle: (ch: string, fn: typeof handler) => (expect(ch).toBe(CHANNEL), (handler = fn)) },
    call: (senderId: number, ...args: unknown[]) => handler!({ sender: { id: senderId }, senderFrame: { url: 'file:///app/index.html' } }, ...args),
  };
}

describe('IPC wiring', () => {
  it('forwards every call to the registry and keeps the session token in the main process', async () => {
    const calls: { method: string; meta: { token: string | null; transport: string } }[] = [];
    const app = {
      call: async (method: string, _input: unknown, meta: { token: string | null; transport: string }) => {
        calls.push({ method, meta });
        if (method === 'auth.login') return { ok: true, value: { token: 'SECRET-TOKEN', user: {} } };
        return { ok: true, value: 'v' };
      },
    } as unknown as App;
    const ipc = fakeIpc();
    wireIpc(ipc.ipcMain as never, app, () => true);
    const login = (await ipc.call(7, 'auth.login', { username: 'a', password: 'b' }, 'zh-CN')) as { value: { token: string } };
    expect(login.value.token).toBe('ipc'); // the renderer never sees the real token
    await ipc.call(7, 'users.list', {}, 'en');
    expect(calls[1]).toMatchObject({ method: 'users.list', meta: { token: 'SECRET-TOKEN', transport: 'ipc' } });
    await ipc.call(8, 'users.list', {}); // another window has no session
    expect(calls[2].meta.token).toBeNull();
    await ipc.call(7, 'auth.logout', {});
    await ipc.call(7, 'users.list', {});
    expect(calls[4].meta.token).toBeNull();
  });

  it('refuses calls from untrusted frames', async () => {
    const app = { call: vi.fn() } as unknown as App;
    const ipc = fakeIpc();
    wireIpc(ipc.ipcMain as never, app, () => false);
    expect(await ipc.call(1, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.call).not.toHaveBeenCalled();
  });
});

describe('window lock-down', () => {
  it('blocks navigation away from the app, new windows and webviews', () => {
    const handlers: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) => (handlers[ev] = fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    lockDown(contents as never, 'file://');
    const ev = () => ({ prevented: false, preventDefault() { this.prevented = true; } });
    const away = ev();
    handlers['will-navigate'](away, 'https://example.com/');
    expect(away.prevented).toBe(true);
    const inside = ev();
    handlers['will-navigate'](inside, 'file:///app/index.html#/settings');
    expect(inside.prevented).toBe(false);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const wv = ev();
    handlers['will-attach-webview'](wv);
    expect(wv.prevented).toBe(true);
    expect(WINDOW_BOUNDS.show).toBe(false);
  });

  it('the window is created with isolation, sandbox and no Node (checked in the entry source)', async () => {
    const src = (await import('node:fs')).readFileSync('src-main/index.ts', 'utf8');
    for (const line of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'requestSingleInstanceLock']) expect(src).toContain(line);
  });
});

describe('start-up error (damaged database)', () => {
  it('offers the newest good backup and restores it only when the user agrees, keeping the damaged file', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { setUpStation, testApp } = await import('../helpers');
    const { handleStartupError } = await import('../../../src-main/electron/startup-error');
    const { createApp } = await import('../../../src-main/core/app');
    const t = testApp();
    const { admin } = await setUpStation(t);
    await admin.ok('system.backup');
    t.close();
    const file = path.join(t.dir, 'watchroom.sqlite');
    fs.writeFileSync(file, 'garbage, not a database');
    let err: unknown;
    try {
      createApp({ dataDir: t.dir, autoBackup: false });
    } catch (e) {
      err = e;
    }
    const asked: unknown[] = [];
    const no = { showErrorBox: vi.fn(), showMessageBoxSync: (o: unknown) => (asked.push(o), 1) };
    expect(handleStartupError(err, t.dir, no)).toBe(false);
    expect(JSON.stringify(asked[0])).toContain('恢复此备份');
    expect(fs.readFileSync(file, 'utf8')).toBe('garbage, not a database'); // nothing touched on "Quit"
    const yes = { showErrorBox: vi.fn(), showMessageBoxSync: () => 0 };
    expect(handleStartupError(err, t.dir, yes)).toBe(true);
    expect(fs.readdirSync(t.dir).some((f) => f.startsWith('watchroom.sqlite.before-restore-'))).toBe(true);
    const app = createApp({ dataDir: t.dir, autoBackup: false });
    expect((await app.call('system.health', {}, { transport: 'test' })).ok).toBe(true);
    app.close();
  });
});
