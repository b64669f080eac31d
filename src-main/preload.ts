/**
 * The renderer's only door: `window.watchroom.invoke(method, input)`. One channel; the main
 * process validates everything that comes through it.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'watchroom:invoke';

contextBridge.exposeInMainWorld('watchroom', {
  // A write carries its Idempotency-Key (issue 19); a read sends nothing more.
  invoke: (method: string, input: unknown, locale?: string, meta?: { idempotencyKey?: string }) =>
    typeof meta?.idempotencyKey === 'string'
      ? ipcRenderer.invoke(CHANNEL, String(method), input, locale, { idempotencyKey: meta.idempotencyKey })
      : ipcRenderer.invoke(CHANNEL, String(method), input, locale),
});
