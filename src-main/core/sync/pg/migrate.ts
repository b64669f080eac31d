import type { Pool } from 'pg';
import { ApiError } from '../../util/errors';

/**
 * The PostgreSQL hub's schema: numbered SQL files in ./pg-migrations (NNNN_name.sql), the only
 * source of truth (no ORM model restates them). Applied in one transaction under an advisory
 * lock, so hub processes starting together migrate once. A database that carries migrations this
 * code does not know was written by a newer Watchroom: refused, left untouched — as SQLite's.
 * (Not named `migrations/`: that folder name is the SQLite loader's, core/db/migrations.ts.)
 */
export interface PgMigration {
  id: number;
  name: string;
  sql: string;
}

const files = import.meta.glob('./pg-migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const PG_MIGRATIONS: PgMigration[] = Object.entries(files)
  .map(([p, sql]) => {
    const m = /(\d{4})_([a-z0-9_]+)\.sql$/.exec(p);
    if (!m) throw new Error(`Bad migration file name: ${p} (want NNNN_name.sql)`);
    return { id: Number(m[1]), name: m[2], sql };
  })
  .sort((a, b) => a.id - b.id);

/** Any fixed number: the lock that serialises migrations of this hub database. */
const MIGRATE_LOCK = 0x77_72_68_75_62; // "wrhub"

export async function migratePg(pool: Pool, migrations: PgMigration[] = PG_MIGRATIONS): Promise<{ applied: number[] }> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
    const done = (await c.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => Number(r.id));
    const known = new Set(migrations.map((m) => m.id));
    const unknown = done.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new ApiError('UNAVAILABLE', 'db.newerThanCode', { dbVersion: Math.max(...done), codeVersion: migrations.length ? migrations[migrations.length - 1].id : 0 });
    }
    const have = new Set(done);
    const applied: number[] = [];
    for (const m of migrations) {
      if (have.has(m.id)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
      applied.push(m.id);
    }
    await c.query('COMMIT');
    return { applied };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
