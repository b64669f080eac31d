import type Database from 'better-sqlite3';

type DB = Database.Database;
const caches = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection and reused: repository functions call
 * `stmt(db, sql)` instead of `db.prepare(sql)` so hot paths never re-parse SQL.
 */
export function stmt<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
  db: DB,
  sql: string,
): Database.Statement<BindParameters, Result> {
  let m = caches.get(db);
  if (!m) caches.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s as unknown as Database.Statement<BindParameters, Result>;
}
