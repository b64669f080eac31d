import type { DB } from './open';
import { stmt } from './stmt';
import { conflict } from '../util/errors';

/** A value SQLite stores as is. */
export type SqlValue = string | number | bigint | Buffer | null;
/** Columns to change (undefined: leave as is). */
export type Patch = Record<string, SqlValue | undefined>;

/** A row's key: its `id`, or the columns of another primary key (e.g. `{ station_id, date }`). */
export type RowKey = string | Readonly<Record<string, SqlValue>>;

const IDENT = /^[a-z][a-z0-9_]*$/;

function checkName(kind: 'table' | 'column', name: string): void {
  if (!IDENT.test(name)) throw new Error(`bad ${kind} name ${name}`);
}

/** `SET a = ?, …, version = version + 1, updated_at = ?` and `WHERE key = ? …`, with their values in order. */
function versionedWrite(table: string, key: RowKey, patch: Readonly<Patch>, now: number) {
  checkName('table', table);
  const cols = Object.keys(patch).filter((c) => patch[c] !== undefined);
  const keys: [string, SqlValue][] = typeof key === 'string' ? [['id', key]] : Object.entries(key);
  if (!keys.length) throw new Error('empty row key');
  for (const c of [...cols, ...keys.map(([k]) => k)]) checkName('column', c);
  const sets = [...cols.map((c) => `${c} = ?`), 'version = version + 1', 'updated_at = ?'].join(', ');
  const where = keys.map(([k]) => `${k} = ?`).join(' AND ');
  return { sql: `UPDATE ${table} SET ${sets} WHERE ${where}`, params: [...cols.map((c) => patch[c] as SqlValue), now, ...keys.map(([, v]) => v)] };
}

/**
 * The one optimistic-concurrency write: `UPDATE t SET …, version = version + 1, updated_at = now
 * WHERE id = ? AND version = ? [AND guard]`. A stale version (someone saved first) or a failed
 * guard is CONFLICT and nothing changes. Column and table names come from code, never input;
 * they are still checked so a typo cannot become SQL.
 */
export function updateVersioned(
  db: DB,
  table: string,
  id: RowKey,
  version: number,
  patch: Readonly<Patch>,
  now: number,
  opts: { guard?: string; conflictKey?: string; conflictParams?: Record<string, string | number> } = {},
): void {
  if (!tryUpdateVersioned(db, table, id, version, patch, now, opts.guard)) throw conflict(opts.conflictKey, opts.conflictParams);
}

/** The same write, answering false instead of throwing when the version is stale or the guard fails. */
export function tryUpdateVersioned(db: DB, table: string, id: RowKey, version: number, patch: Readonly<Patch>, now: number, guard?: string): boolean {
  const w = versionedWrite(table, id, patch, now);
  const sql = `${w.sql} AND version = ?${guard ? ` AND (${guard})` : ''}`;
  return stmt(db, sql).run(...w.params, version).changes === 1;
}

/**
 * Moves a record's version without a version check (e.g. a timeline append), so forms open on the
 * old version notice the change when they save.
 */
export function bumpVersion(db: DB, table: string, id: RowKey, now: number, patch: Readonly<Patch> = {}): void {
  const w = versionedWrite(table, id, patch, now);
  stmt(db, w.sql).run(...w.params);
}
