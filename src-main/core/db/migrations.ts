/**
 * Every domain keeps its migrations beside its code: `core/<domain>/migrations/NNNN_name.sql`.
 * Numbers are global and unique; ranges are reserved per domain so parallel work never collides:
 * 0001–0099 foundation (db/), 0100 roster, 0200 incidents, 0300 reports, 0400 materials, 0500 sync, 0600 stats, 1000–1099 resources and plans.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const files = import.meta.glob('../**/migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export function loadMigrations(): Migration[] {
  const list = Object.entries(files).map(([p, sql]) => {
    const base = p.split('/').pop()!;
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(base);
    if (!m) throw new Error(`Bad migration file name: ${p} (want NNNN_name.sql)`);
    return { id: Number(m[1]), name: m[2], sql };
  });
  list.sort((a, b) => a.id - b.id);
  for (let i = 1; i < list.length; i++) {
    if (list[i].id === list[i - 1].id) throw new Error(`Duplicate migration number ${list[i].id}`);
  }
  return list;
}

export const MIGRATIONS = loadMigrations();
export const CODE_SCHEMA_VERSION = MIGRATIONS.length ? MIGRATIONS[MIGRATIONS.length - 1].id : 0;
