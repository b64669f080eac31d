import { describe, expect, it, vi } from 'vitest';

/**
 * Idempotent writes over IPC (issue 19): the preload passes a write's Idempotency-Key through
 * and the main process hands it to the dispatcher as CallMeta.idempotencyKey. Electron itself is
 * stubbed (its binary is not on build machines), as in electron.test.ts.
 */
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer: { invoke: (...a: unknown[]) => (invoked.push(a), Promise.resolve('ok')) },
}));

import { wireIpc } from '../../../src-main/electron/ipc';
import type { App } from '../../../src-main/core/app';

describe('idempotency key over IPC', () => {
  it('the preload sends a write’s key and nothing extra for a read', async () => {
    await import('../../../src-main/preload');
    const api = exposed.watchroom as { invoke(...a: unknown[]): Promise<unknown> };
    await api.invoke('incidents.create', { summary: 'x' }, 'zh-CN', { idempotencyKey: 'a1b2c3d4e5f60718' });
    await api.invoke('incidents.list', {}, 'zh-CN');
    expect(invoked[0]).toEqual(['watchroom:invoke', 'incidents.create', { summary: 'x' }, 'zh-CN', { idempotencyKey: 'a1b2c3d4e5f60718' }]);
    expect(invoked[1]).toEqual(['watchroom:invoke', 'incidents.list', {}, 'zh-CN']);
  });

  it('the main process passes the key to the dispatcher, and only a string', async () => {
    const metas: { idempotencyKey?: string | null }[] = [];
    const app = { call: async (_m: string, _i: unknown, meta: { idempotencyKey?: string | null }) => (metas.push(meta), { ok: true, value: 1 }) } as unknown as App;
    let handler: ((...a: unknown[]) => Promise<unknown>) | null = null;
    wireIpc({ handle: (_ch: string, fn: typeof handler) => (handler = fn) } as never, app, () => true);
    const call = (...args: unknown[]) => handler!({ sender: { id: 3 }, senderFrame: { url: 'file:///app/index.html' } }, ...args);
    await call('incidents.create', {}, 'zh-CN', { idempotencyKey: 'a1b2c3d4e5f60718' });
    await call('incidents.list', {}, 'zh-CN');
    await call('incidents.create', {}, 'zh-CN', { idempotencyKey: 42 });
    expect(metas.map((m) => m.idempotencyKey)).toEqual(['a1b2c3d4e5f60718', null, null]);
  });
});
