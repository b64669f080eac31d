import type Database from 'better-sqlite3';
import { ApiError } from '../util/errors';
import { MIGRATIONS, type Migration } from './migrations';

type DB = Database.Database;

export function appliedMigrations(db: DB): number[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get();
  if (!has) return [];
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export function schemaVersion(db: DB): number {
  const ids = appliedMigrations(db);
  return ids.length ? ids[ids.length - 1] : 0;
}

/**
 * Applies every pending migration in ONE transaction (all or nothing). A database that has
 * migrations this code does not know was written by a newer Watchroom: it is refused and left
 * exactly as it was, so the newer version can still open it.
 */
export function migrate(db: DB, migrations: Migration[] = MIGRATIONS): { applied: number[] } {
  const known = new Set(migrations.map((m) => m.id));
  const done = appliedMigrations(db);
  const unknown = done.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ApiError('UNAVAILABLE', 'db.newerThanCode', {
      dbVersion: Math.max(...done),
      codeVersion: migrations.length ? migrations[migrations.length - 1].id : 0,
    });
  }
  const doneSet = new Set(done);
  const pending = migrations.filter((m) => !doneSet.has(m.id));
  if (!pending.length) return { applied: [] };
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    const ins = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      ins.run(m.id, m.name, Date.now());
    }
  });
  run.immediate();
  return { applied: pending.map((m) => m.id) };
}
