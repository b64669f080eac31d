/**
 * The renderer's only door: `window.watchroom.invoke(method, input)`. One channel; the main
 * process validates everything that comes through it.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'watchroom:invoke';

contextBridge.exposeInMainWorld('watchroom', {
  invoke: (method: string, input: unknown, locale?: string, meta?: { idempotencyKey?: string }) =>
    ipcRenderer.invoke(CHANNEL, String(method), input, locale, { idempotencyKey: typeof meta?.idempotencyKey === 'string' ? meta.idempotencyKey : undefined }),
});
