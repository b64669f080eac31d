import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { App } from '../core/app';
import type { Locale } from '../contract/roles';

export const CHANNEL = 'watchroom:invoke';

/** A write's Idempotency-Key from the renderer (the dispatcher checks its shape). */
const idempotencyKeyOf = (meta: unknown): string | null => {
  const k = (meta as { idempotencyKey?: unknown } | null | undefined)?.idempotencyKey;
  return typeof k === 'string' ? k : null;
};

/**
 * One IPC channel into the registry. The session token lives here in the main process, per
 * window, never in the renderer: a compromised page cannot read it.
 */
export function wireIpc(ipcMain: IpcMain, app: App, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  const tokens = new Map<number, string>();
  ipcMain.handle(CHANNEL, async (e, method: unknown, input: unknown, locale: unknown, meta: unknown) => {
    if (!isTrustedSender(e)) return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
    const id = e.sender.id;
    const r = await app.call(String(method), input, {
      token: tokens.get(id) ?? null,
      transport: 'ipc',
      locale: locale === 'en' || locale === 'zh-CN' ? (locale as Locale) : undefined,
      remote: `ipc:${id}`,
      idempotencyKey: idempotencyKeyOf(meta),
    });
    if (r.ok && (method === 'auth.login' || method === 'auth.setup')) {
      const v = r.value as { token: string };
      tokens.set(id, v.token);
      return { ok: true, value: { ...v, token: 'ipc' } };
    }
    if (method === 'auth.logout') tokens.delete(id);
    return r;
  });
}
