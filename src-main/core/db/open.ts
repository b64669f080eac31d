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
  /** Run PRAGMA quick_check on open (default true): a damaged file is refused, never repaired silently. */
  check?: boolean;
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
    if (opts.check !== false) {
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
export function checkpoint(db: DB): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
