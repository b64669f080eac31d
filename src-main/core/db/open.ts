import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../util/errors';
import { migrate } from './migrate';

export type DB = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Skip migrations (tools that only read, e.g. backup inspection). */
  readonly?: boolean;
  /**
   * PRAGMA quick_check on open: a damaged file is refused, never repaired silently. 'auto'
   * (default) checks every file up to FULL_CHECK_MAX_BYTES, and a larger one unless it was closed
   * cleanly last time — quick_check reads the whole file, which at gigabytes costs tens of seconds
   * at every start of a duty-room PC.
   */
  check?: boolean | 'auto';
  /** Size above which a cleanly closed file skips the full check (tests lower it). */
  fullCheckMaxBytes?: number;
}

/** Refuses anything that is not an SQLite database before SQLite gets to touch (and maybe "fix") it. */
export function assertSqliteFile(file: string): void {
  if (!fs.existsSync(file)) return;
  const size = fs.statSync(file).size;
  if (size === 0) return;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (!head.equals(SQLITE_HEADER)) throw new ApiError('UNAVAILABLE', 'db.notSqlite', { file });
  } finally {
    fs.closeSync(fd);
  }
}

export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed ledger document or report survives a power cut (WAL + NORMAL may lose the tail).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    assertSqliteFile(file);
  }
  let db: DB;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (e) {
    throw new ApiError('UNAVAILABLE', 'db.cannotOpen', { file, reason: (e as Error).message });
  }
  try {
    const check = opts.check ?? 'auto';
    const clean = file !== ':memory:' && fs.existsSync(cleanMarker(file));
    if (file !== ':memory:' && !opts.readonly) fs.rmSync(cleanMarker(file), { force: true }); // set again only by a clean close
    const big = file !== ':memory:' && (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > (opts.fullCheckMaxBytes ?? FULL_CHECK_MAX_BYTES);
    if (check === true || (check === 'auto' && !(big && clean))) {
      const rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
      if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
        throw new ApiError('UNAVAILABLE', 'db.corrupt', { file }, { problems: rows.slice(0, 10) });
      }
    }
    if (!opts.readonly) {
      applyPragmas(db);
      migrate(db);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof ApiError) throw e;
    // SQLITE_NOTADB / SQLITE_CORRUPT surface here on the first real read.
    throw new ApiError('UNAVAILABLE', 'db.corrupt', { file }, { reason: (e as Error).message });
  }
}

/** Flushes the WAL into the main file; called on clean shutdown and before backups. */
/**
 * A read-pool connection to a file the writer has already opened, checked and migrated: read-only
 * (a write is refused by SQLite itself), no checks or migrations of its own.
 */
export function openReader(file: string): DB {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -16000');
  return db;
}

export function checkpoint(db: DB): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export const FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024;
const cleanMarker = (file: string) => `${file}.clean`;

/**
 * Checkpoints and closes; leaves the marker that lets the next start skip the full check of a
 * large file. Never throws: at shutdown a failed step (a full disk, an I/O error) must not stop
 * the later ones, and the caller records what failed. The marker is written only after a
 * successful checkpoint, so a shutdown that could not checkpoint gets the full check next time.
 */
export function closeCleanly(db: DB): { ok: boolean; failures: string[] } {
  const file = db.name;
  const failures: string[] = [];
  let checkpointed = false;
  try {
    checkpoint(db);
    checkpointed = true;
  } catch (e) {
    failures.push(`checkpoint: ${String(e)}`);
  }
  try {
    db.close();
  } catch (e) {
    failures.push(`close: ${String(e)}`);
  }
  if (checkpointed && file && file !== ':memory:') {
    try {
      fs.writeFileSync(cleanMarker(file), String(Date.now()));
    } catch (e) {
      failures.push(`clean marker: ${String(e)}`);
    }
  }
  return { ok: failures.length === 0, failures };
}
