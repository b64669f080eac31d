import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from './open';
import { ApiError } from '../util/errors';
import { assertSqliteFile } from './open';
import { MIGRATIONS } from './migrations';
import type { BackupInfo } from '../../contract/system';
import { ANCHOR_FILE, headOfFile, readAnchorFile, sidecarOf, writeAnchorFile } from '../audit/anchor';

export const DB_FILE = 'watchroom.sqlite';

/**
 * Maintenance commands work on an existing database only: a mistyped --data-dir must fail with a
 * clear message and create nothing (no folder, no empty database reported as "ok").
 */
export function requireDatabase(dataDir: string): string {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ApiError('NOT_FOUND', 'cli.noDatabase', { dir: path.resolve(dataDir), file: DB_FILE });
  return file;
}
export const DEFAULT_KEEP = 14;
const PENDING_RESTORE = 'restore-pending.json';
const NAME = /^watchroom-\d{8}T\d{6}(-\d+)?\.sqlite$/;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return { file: f, bytes: st.size, createdAt: st.mtimeMs };
    })
    .sort((a, b) => b.file.localeCompare(a.file));
}

/** Online backup (SQLite backup API): consistent while the app keeps writing. Keeps the newest `keep`. */
export async function backupNow(db: DB, dir: string, now: number, keep = DEFAULT_KEEP): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  let file = `watchroom-${stamp(now)}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, file)); i++) file = `watchroom-${stamp(now)}-${i}.sqlite`;
  const tmp = path.join(dir, `${file}.partial`);
  try {
    await db.backup(tmp);
    fs.renameSync(tmp, path.join(dir, file)); // a half-written backup never carries a backup's name
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new ApiError('UNAVAILABLE', 'backup.failed', { reason: (e as Error).message });
  }
  const st = fs.statSync(path.join(dir, file));
  writeSidecar(path.join(dir, file), now);
  // Rotation never removes the backup just made (names within one second sort by suffix, not age).
  for (const old of listBackups(dir).filter((x) => x.file !== file).slice(keep - 1)) {
    fs.rmSync(path.join(dir, old.file), { force: true });
    fs.rmSync(sidecarOf(path.join(dir, old.file)), { force: true });
  }
  return { file, bytes: st.size, createdAt: now };
}

/**
 * The audit head the backup itself holds (read from the finished file, so it is exactly what a
 * restore would bring back): one more anchor outside the live database. Best effort — a backup
 * without its sidecar is still a backup.
 */
function writeSidecar(backupFile: string, now: number): void {
  try {
    const h = headOfFile(backupFile);
    if (h) writeAnchorFile(sidecarOf(backupFile), { seq: h.seq, hash: h.hash, at: now });
  } catch {
    // the next backup writes its own
  }
}

export function lastBackupAt(dir: string): number | null {
  const b = listBackups(dir)[0];
  return b ? b.createdAt : null;
}

/** Checks a candidate restore: an SQLite file, intact, not written by newer code. */
export function checkBackupFile(file: string): void {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', 'backup.notFound', { file: path.basename(file) });
  assertSqliteFile(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new ApiError('UNAVAILABLE', 'db.corrupt', { file });
    const known = new Set(MIGRATIONS.map((m) => m.id));
    const ids = (db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id);
    if (ids.some((id) => !known.has(id))) {
      throw new ApiError('UNAVAILABLE', 'db.newerThanCode', { dbVersion: Math.max(...ids), codeVersion: Math.max(...known) });
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('UNAVAILABLE', 'db.corrupt', { file }, { reason: (e as Error).message });
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup while nothing has it open (CLI, or start-up after
 * `system.scheduleRestore`). The replaced file is kept beside it, never deleted.
 */
export function restoreBackup(dataDir: string, backupFile: string, now: number): { keptAs: string | null } {
  checkBackupFile(backupFile);
  const target = path.join(dataDir, DB_FILE);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${stamp(now)}`;
    fs.renameSync(target, keptAs);
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(target + ext)) fs.renameSync(target + ext, keptAs + ext);
    }
  }
  fs.copyFileSync(backupFile, target + '.restoring');
  fs.renameSync(target + '.restoring', target);
  reanchor(dataDir, target, now);
  return { keptAs };
}

/**
 * A restore moves the audit chain back on purpose: the anchor follows the restored file and says
 * when, so backups taken before it (the branch left behind) are not read as a cut tail. The old
 * anchor is kept beside it, never deleted.
 */
function reanchor(dataDir: string, dbFile: string, now: number): void {
  const file = path.join(dataDir, ANCHOR_FILE);
  if (readAnchorFile(file)) fs.copyFileSync(file, path.join(dataDir, `audit-anchor.before-restore-${stamp(now)}.json`));
  const h = headOfFile(dbFile);
  writeAnchorFile(file, { seq: h?.seq ?? 0, hash: h?.hash ?? '0'.repeat(64), at: now, restoredAt: now });
}

export function scheduleRestore(dataDir: string, backupDir: string, file: string): string {
  const full = path.join(backupDir, path.basename(file));
  checkBackupFile(full);
  fs.writeFileSync(path.join(dataDir, PENDING_RESTORE), JSON.stringify({ file: full }));
  return full;
}

/** Applies a restore staged by the settings screen; called before the database is opened. */
export function applyPendingRestore(dataDir: string, now: number): string | null {
  const marker = path.join(dataDir, PENDING_RESTORE);
  if (!fs.existsSync(marker)) return null;
  const { file } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { file: string };
  fs.rmSync(marker);
  restoreBackup(dataDir, file, now);
  return file;
}

/** The newest backup that passes the integrity and version checks (offered when the database is damaged). */
export function latestGoodBackup(dir: string): (BackupInfo & { path: string }) | null {
  for (const b of listBackups(dir)) {
    const file = path.join(dir, b.file);
    try {
      checkBackupFile(file);
      return { ...b, path: file };
    } catch {
      // damaged or newer than this code: try the next older one
    }
  }
  return null;
}
