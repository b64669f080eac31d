import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { App } from '../core/app';
import type { Locale, Role } from '../contract/roles';

export const CHANNEL = 'watchroom:invoke';

/** A write's Idempotency-Key from the renderer (the dispatcher checks its shape). */
const idempotencyKeyOf = (meta: unknown): string | null => {
  const k = (meta as { idempotencyKey?: unknown } | null | undefined)?.idempotencyKey;
  return typeof k === 'string' ? k : null;
};

/**
 * Methods the desktop shell answers itself (LAN access, alert repeat, start at login): same
 * channel, same `{ ok, value | error }` shape, same session. `admin` ones need the admin role.
 */
export interface DesktopMethod {
  admin: boolean;
  run(input: unknown, locale: Locale): Promise<unknown> | unknown;
}
export const DESKTOP_PREFIX = 'desktop.';

/**
 * One IPC channel into the registry. The session token lives here in the main process, per
 * window, never in the renderer: a compromised page cannot read it.
 */
export function wireIpc(
  ipcMain: IpcMain,
  app: App,
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean,
  desktop: Record<string, DesktopMethod> = {},
): void {
  const tokens = new Map<number, string>();
  ipcMain.handle(CHANNEL, async (e, method: unknown, input: unknown, locale: unknown, meta: unknown) => {
    if (!isTrustedSender(e)) return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
    const id = e.sender.id;
    const loc = locale === 'en' || locale === 'zh-CN' ? (locale as Locale) : undefined;
    const callMeta = { token: tokens.get(id) ?? null, transport: 'ipc' as const, locale: loc, remote: `ipc:${id}` };
    const name = String(method);
    if (name.startsWith(DESKTOP_PREFIX)) return callDesktop(app, desktop, name, input, callMeta, loc ?? 'zh-CN');
    const r = await app.call(name, input, { ...callMeta, idempotencyKey: idempotencyKeyOf(meta) });
    if (r.ok && (method === 'auth.login' || method === 'auth.setup')) {
      const v = r.value as { token: string };
      tokens.set(id, v.token);
      return { ok: true, value: { ...v, token: 'ipc' } };
    }
    if (method === 'auth.logout') tokens.delete(id);
    return r;
  });
}

async function callDesktop(app: App, desktop: Record<string, DesktopMethod>, name: string, input: unknown, meta: Parameters<App['call']>[2], locale: Locale) {
  const m = Object.hasOwn(desktop, name) ? desktop[name] : undefined;
  // Who is asking, by the same session: auth.me answers UNAUTHENTICATED for no session.
  const me = await app.call('auth.me', {}, meta);
  if (!me.ok) return me;
  if (!m) return app.call(name, input, meta); // the registry's own "unknown method" answer
  const roles = (me.value as { user: { roles: Role[] } }).user.roles;
  if (m.admin && !roles.includes('admin')) return forbidden(locale);
  try {
    return { ok: true, value: await m.run(input, locale) };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'VALIDATION') return { ok: false, error: { code: 'VALIDATION', message: err.message ?? '' } };
    app.services.log.error('desktop method failed', { method: name, error: String(e) });
    return { ok: false, error: { code: 'INTERNAL', message: locale === 'en' ? 'Something went wrong in the desktop shell; see the log.' : '桌面程序出现错误，详见日志。' } };
  }
}

const forbidden = (locale: Locale) => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: locale === 'en' ? 'Only an administrator can change this.' : '只有管理员可以修改此项。' },
});
