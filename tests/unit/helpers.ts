import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOptions } from '../../src-main/core/app';
import { loadDemoData } from '../../src-main/core/devtools/parts';
import { memoryLogger } from '../../src-main/core/util/logger';
import type { CallMeta } from '../../src-main/core/api/types';
import type { InputOf, MethodName, OutputOf } from '../../src-main/contract';
import type { ApiResult } from '../../src-main/contract/errors';

export function tempDir(prefix = 'wr-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export class ManualClock {
  constructor(public t = Date.UTC(2026, 10, 28, 1, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TestApp extends App {
  dir: string;
  clock: ManualClock;
  logs: ReturnType<typeof memoryLogger>;
  as(token: string | null, locale?: CallMeta['locale']): Caller;
  anon: Caller;
}

export interface Caller {
  call<M extends MethodName>(m: M, input?: InputOf<M>): Promise<ApiResult<OutputOf<M>>>;
  ok<M extends MethodName>(m: M, input?: InputOf<M>): Promise<OutputOf<M>>;
  raw(m: string, input: unknown): Promise<ApiResult<unknown>>;
}

/** A real app over a real SQLite file in a temp dir. */
export function testApp(dir = tempDir(), opts: Partial<AppOptions> = {}): TestApp {
  const clock = new ManualClock();
  const logs = memoryLogger();
  const app = createApp({ dataDir: dir, clock, log: logs, autoBackup: false, demo: loadDemoData, ...opts });
  const as = (token: string | null, locale: CallMeta['locale'] = 'en'): Caller => {
    const meta: CallMeta = { token, transport: 'test', locale, remote: 'test' };
    return {
      call: (m, input) => app.call(m, input ?? {}, meta) as never,
      raw: (m, input) => app.call(m, input, meta),
      async ok(m, input) {
        const r = await app.call(m, input ?? {}, meta);
        if (!r.ok) throw new Error(`${m} failed: ${JSON.stringify(r.error)}`);
        return r.value as never;
      },
    };
  };
  return Object.assign(app, { dir, clock, logs, as, anon: as(null) }) as TestApp;
}

export const ADMIN_PASSWORD = 'correct horse battery';

/** A set-up station (Dongchang district) with an admin session. */
export async function setUpStation(t: TestApp, loadDemo = false) {
  const r = await t.anon.ok('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
    loadDemo,
  });
  return { admin: t.as(r.token), token: r.token, station: r.station, user: r.user };
}

/** Creates a user with the roles given and signs them in (password change done). */
export async function userWithRoles(t: TestApp, admin: Caller, username: string, roles: InputOf<'users.create'>['roles']) {
  await admin.ok('users.create', { username, displayName: username, password: 'initial-pass-1', roles });
  const l = await t.anon.ok('auth.login', { username, password: 'initial-pass-1' });
  const c = t.as(l.token);
  await c.ok('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' });
  return { caller: c, token: l.token, user: l.user };
}
