import path from 'node:path';
import os from 'node:os';
import type { DB } from './db/open';
import { closeCleanly, openDatabase } from './db/open';
import { applyPendingRestore, backupNow, DB_FILE, lastBackupAt } from './db/backup';
import { dispatch, type Core } from './api/dispatch';
import { RateLimiter } from './api/rate-limit';
import { startReadPool } from './api/read-pool';
import { runsOnReader } from './api/read-routing';
import { resolveSession } from './auth/sessions';
import type { CallMeta } from './api/types';
import { systemClock, type Clock } from './util/clock';
import { fileLogger, type Logger } from './util/logger';
import type { ApiResult } from '../contract/errors';
import { bootSync } from './sync/boot';
import { BOARD, MODULES } from './modules';
import { joinBoard } from './board/join';
import type { DomainModule } from './module';
import type { DemoLoader } from './devtools/demo';
import { guardAuditTail } from './audit/tail-guard';
import { METHODS } from '../contract';
import type { HubStore } from './sync/store/hub-store';
import { sqliteHubStore } from './sync/store/sqlite-store';

export const APP_VERSION = '0.1.0';

/** The OS user-data folder Electron would use (app name "Watchroom"), so both modes share data. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Watchroom');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Watchroom');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Watchroom');
}

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Automatic daily backup (default on). */
  autoBackup?: boolean;
  /** Test hook: raw better-sqlite3 options are not exposed; this only disables quick_check. */
  checkOnOpen?: boolean;
  /** Timer-driven sync pusher (default on; unit tests drive it by hand). */
  autoSync?: boolean;
  /** Demo data for the setup screen's checkbox; entry points that offer it pass `loadDemoData` (devtools/parts.ts). */
  demo?: DemoLoader;
  /**
   * Read pool: worker threads with read-only connections answer plain queries (core/api/read-pool.ts).
   * `script` is the built reader (out/main/read-worker.js). Readers use the system clock, so a
   * custom `clock` and readers do not go together.
   */
  readers?: { workers: number; script: string };
  /** Test hook: extra open-matter and duty-log sources beside the modules'. */
  extraBoardModules?: readonly Pick<DomainModule, 'name' | 'openMatters' | 'dutyLog'>[];
  /** The hub's store when it is not this station's SQLite file (the PostgreSQL hub, `--hub-pg`). */
  hubStore?: HubStore;
}

export interface App extends Core {
  /** The hub side of sync: this station's SQLite file, or the PostgreSQL store it was given. */
  hub: HubStore;
  call(method: string, input: unknown, meta: CallMeta): Promise<ApiResult<unknown>>;
  /** The read pool now: readers alive, calls they answered, calls handed back to the writer. */
  readers(): { alive: number; answered: number; handedBack: number };
  /** Ends the read pool; call before close() so the final checkpoint meets no reader. Never throws. */
  closeReaders(): Promise<void>;
  close(): void;
}

const DAY = 24 * 3600_000;

export function createApp(opts: AppOptions): App {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? fileLogger(path.join(opts.dataDir, 'logs'));
  const restored = applyPendingRestore(opts.dataDir, clock.now());
  if (restored) log.warn('restored backup at start-up', { file: restored });
  const db: DB = openDatabase(path.join(opts.dataDir, DB_FILE), { check: opts.checkOnOpen });
  const services = { dataDir: opts.dataDir, backupDir: path.join(opts.dataDir, 'backups'), log, version: APP_VERSION, demo: opts.demo, hubStore: opts.hubStore };
  const board = opts.extraBoardModules?.length ? joinBoard([...MODULES, ...opts.extraBoardModules]) : BOARD;
  const core: Core = { db, clock, services, limiter: new RateLimiter(), board };
  // Before anything writes: a chain cut at its tail is found against the anchors outside the file.
  const tail = guardAuditTail(db, opts.dataDir, services.backupDir, clock, log);
  const hub = opts.hubStore ?? sqliteHubStore(db, core.limiter);

  let timer: NodeJS.Timeout | null = null;
  let firstTick: NodeJS.Timeout | null = null;
  if (opts.autoBackup !== false) {
    const tick = () => {
      const last = lastBackupAt(services.backupDir);
      if (last !== null && clock.now() - last < DAY) return;
      backupNow(db, services.backupDir, clock.now()).then(
        (b) => log.info('daily backup', { file: b.file }),
        (e) => log.error('daily backup failed', { error: String(e) }),
      );
    };
    timer = setInterval(tick, 3600_000);
    timer.unref();
    firstTick = setTimeout(tick, 60_000); // not at start-up: let the first screen come up first
    firstTick.unref();
  }

  const sync = bootSync(db, clock, log, { autoSync: opts.autoSync });

  if (opts.readers && opts.clock) throw new Error('readers use the system clock: do not combine them with a custom clock');
  const pool =
    opts.readers && opts.readers.workers > 0
      ? startReadPool({ script: opts.readers.script, workers: opts.readers.workers, log, data: { file: path.join(opts.dataDir, DB_FILE), dataDir: opts.dataDir, version: APP_VERSION } })
      : null;
  const call = async (method: string, input: unknown, meta: CallMeta): Promise<ApiResult<unknown>> => {
    if (pool && db.open && runsOnReader(method, !!opts.hubStore) && !pool.sendsToWriter(method)) {
      // The sliding session expiry is a write: the writer keeps it (cheap, at most once a minute).
      if (meta.token) resolveSession(db, meta.token, clock.now());
      const r = await pool.run(method, input, meta);
      if (r) return r;
    }
    const r = await dispatch(core, method, input, meta);
    // The external audit anchor follows every committed write (core/audit/anchor.ts).
    if (r.ok && Object.prototype.hasOwnProperty.call(METHODS, method) && METHODS[method as keyof typeof METHODS].mutates) tail.afterWrite();
    return r;
  };

  let closed = false;
  return {
    ...core,
    hub,
    call,
    readers: () => ({ alive: pool?.size ?? 0, ...(pool?.stats() ?? { answered: 0, handedBack: 0 }) }),
    closeReaders: async () => {
      try {
        await pool?.close();
      } catch (e) {
        log.error('shutdown: readers did not stop', { error: String(e) });
      }
    },
    close() {
      if (closed) return;
      closed = true;
      void pool?.close().catch(() => undefined); // normally already closed by closeReaders()
      if (timer) clearInterval(timer);
      if (firstTick) clearTimeout(firstTick); // a closed database is not backed up a minute later
      // Shutdown closes as much as it can: a failing step is logged, never thrown past here.
      try {
        sync.stop();
      } catch (e) {
        log.error('shutdown: sync did not stop', { error: String(e) });
      }
      const shut = closeCleanly(db);
      if (!shut.ok) log.error('shutdown: database not closed cleanly', { failures: shut.failures });
    },
  };
}
