import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../core/app';
import { loadDemoData } from '../core/devtools/parts';
import { startServer, type RunningServer } from './http';
import { translate } from '../core/i18n/messages';
import { ApiError } from '../core/util/errors';
import { latestGoodBackup } from '../core/db/backup';
import { getStation } from '../core/station/repo';
import { openPgHubStore, type PgHubStore } from '../core/sync/pg/store';

export interface WebModeOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir: string;
  /** PEM files: serve HTTPS (needed for the sync hub on a network address). */
  tlsCert?: string;
  tlsKey?: string;
  allowPlainHttp?: boolean;
  /** The hub's registry and copies in this PostgreSQL database instead of the station's SQLite file. */
  hubPg?: string;
  /** Reader threads for queries (default: one per core but one, 1–4; 0 = none). */
  readWorkers?: number;
  /** Folder of the built main process, where the reader script (read-worker.js) lives. */
  mainOutDir?: string;
}

/** Readers for a LAN station: the writer keeps one core, the readers share the rest. */
export function defaultReadWorkers(cores = os.cpus().length): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Runs the app as a local web server (no Electron). Binds 127.0.0.1 unless told otherwise;
 * SIGTERM/SIGINT close the server and checkpoint the WAL before exit.
 */
export async function runWebMode(o: WebModeOptions): Promise<{ app: App; server: RunningServer }> {
  let app: App;
  let hubStore: PgHubStore | undefined;
  try {
    hubStore = o.hubPg ? await openPgHubStore(o.hubPg) : undefined;
    const script = o.mainOutDir ? path.join(o.mainOutDir, 'read-worker.js') : null;
    const workers = o.readWorkers ?? defaultReadWorkers();
    app = createApp({ dataDir: o.dataDir, demo: loadDemoData, hubStore, readers: script && workers > 0 && fs.existsSync(script) ? { workers, script } : undefined });
    const st = getStation(app.db);
    if (hubStore && st?.level === 'district') await hubStore.claim({ id: st.id, name: st.name, level: st.level }, Date.now());
  } catch (e) {
    if (e instanceof ApiError) {
      console.error(translate('zh-CN', e.key, e.params));
      console.error(translate('en', e.key, e.params));
      if (e.key === 'db.corrupt' || e.key === 'db.notSqlite') offerLatestGoodBackup(o.dataDir);
      await hubStore?.close().catch(() => undefined);
      process.exit(2);
    }
    throw e;
  }
  if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
    console.warn(
      `警告 / Warning: listening on ${o.host}: other computers on the network can reach this station. Every call still needs a signed-in session.`,
    );
  }
  if (!!o.tlsCert !== !!o.tlsKey) throw new Error('--tls-cert and --tls-key go together');
  const tls = o.tlsCert && o.tlsKey ? { cert: fs.readFileSync(o.tlsCert), key: fs.readFileSync(o.tlsKey) } : null;
  const server = await startServer({ app, host: o.host, port: o.port, staticDir: o.staticDir, tls, allowPlainHttp: o.allowPlainHttp });
  // Master data the district edits lands in its SQLite down-flow; the PostgreSQL hub serves it once relayed.
  const relay = hubStore
    ? setInterval(() => {
        hubStore.relayDown(app.db).catch((e) => app.services.log.warn('hub relay failed', { error: String(e) }));
      }, 5_000)
    : null;
  relay?.unref();
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    // Close as much as can be closed; a failed step is logged and the process still exits
    // cleanly (the WAL left behind is replayed at the next start).
    let failed = false;
    app.services.log.info('stopping', { signal: sig });
    if (relay) clearInterval(relay);
    try {
      await server.close();
    } catch (e) {
      failed = true;
      app.services.log.error('shutdown: server did not close', { error: String(e) });
    }
    await app.closeReaders();
    try {
      app.close();
      await hubStore?.close();
    } catch (e) {
      failed = true;
      app.services.log.error('shutdown: app did not close', { error: String(e) });
    }
    process.exit(failed ? 1 : 0);
  };
  // Every write is a transaction in SQLite, so nothing half-done outlives an error thrown from a
  // timer or a stray promise: log it and keep serving rather than drop every connected PC.
  process.on('uncaughtException', (e) => app.services.log.error('uncaught exception', { error: e instanceof Error ? e.stack : String(e) }));
  process.on('unhandledRejection', (e) => app.services.log.error('unhandled rejection', { error: e instanceof Error ? e.stack : String(e) }));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return { app, server };
}

/**
 * A damaged database is refused and left as it is; name the newest backup that passes an
 * integrity check and the command that restores it (the damaged file is kept beside it).
 */
export function offerLatestGoodBackup(dataDir: string): string | null {
  const dir = path.join(dataDir, 'backups');
  const b = latestGoodBackup(dir);
  if (!b) {
    console.error(`未找到可用的备份（${dir}）。/ No usable backup found in ${dir}.`);
    return null;
  }
  const when = new Date(b.createdAt).toISOString();
  const cmd = `npm run cli -- restore ${b.file} --data-dir "${dataDir}"`;
  console.error(`最近一份完好的备份：${b.path}（${when}）。恢复命令：${cmd}（损坏的文件会保留在原处，不会被覆盖）`);
  console.error(`Latest good backup: ${b.path} (${when}). To restore it: ${cmd} (the damaged file is kept, never overwritten)`);
  return b.path;
}

export const builtRendererDir = (mainOutDir: string) => path.join(mainOutDir, '..', 'renderer');
