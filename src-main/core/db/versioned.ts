import type { DB } from './open';
import { stmt } from './stmt';
import { conflict } from '../util/errors';

/** A value SQLite stores as is. */
export type SqlValue = string | number | bigint | Buffer | null;
/** Columns to change (undefined: leave as is). */
export type Patch = Record<string, SqlValue | undefined>;

const IDENT = /^[a-z][a-z0-9_]*$/;

/**
 * The one optimistic-concurrency write: `UPDATE t SET …, version = version + 1, updated_at = now
 * WHERE id = ? AND version = ? [AND guard]`. A stale version (someone saved first) or a failed
 * guard is CONFLICT and nothing changes. Column and table names come from code, never input;
 * they are still checked so a typo cannot become SQL.
 */
export function updateVersioned(
  db: DB,
  table: string,
  id: string,
  version: number,
  patch: Readonly<Patch>,
  now: number,
  opts: { guard?: string; conflictKey?: string; conflictParams?: Record<string, string | number> } = {},
): void {
  if (!IDENT.test(table)) throw new Error(`bad table name ${table}`);
  const cols = Object.keys(patch).filter((c) => patch[c] !== undefined);
  for (const c of cols) if (!IDENT.test(c)) throw new Error(`bad column name ${c}`);
  const sets = [...cols.map((c) => `${c} = ?`), 'version = version + 1', 'updated_at = ?'].join(', ');
  const sql = `UPDATE ${table} SET ${sets} WHERE id = ? AND version = ?${opts.guard ? ` AND (${opts.guard})` : ''}`;
  const r = stmt(db, sql).run(...cols.map((c) => patch[c] as SqlValue), now, id, version);
  if (r.changes !== 1) throw conflict(opts.conflictKey, opts.conflictParams);
}

/**
 * Moves a record's version without a version check (e.g. a timeline append), so forms open on the
 * old version notice the change when they save.
 */
export function bumpVersion(db: DB, table: string, id: string, now: number, patch: Readonly<Patch> = {}): void {
  if (!IDENT.test(table)) throw new Error(`bad table name ${table}`);
  const cols = Object.keys(patch).filter((c) => patch[c] !== undefined);
  for (const c of cols) if (!IDENT.test(c)) throw new Error(`bad column name ${c}`);
  const sets = [...cols.map((c) => `${c} = ?`), 'version = version + 1', 'updated_at = ?'].join(', ');
  stmt(db, `UPDATE ${table} SET ${sets} WHERE id = ?`).run(...cols.map((c) => patch[c] as SqlValue), now, id);
}
