import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { tableColumns, tableExists } from './capture';
import type { TravellingTable } from './travelling';

/**
 * Read-only copies at the hub: one mirror table per travelling table, `sync_copy_<table>`, with
 * the source's columns (typed ANY, no constraints: a township's row references users, places and
 * counters that do not exist at the district) plus `_origin` (owning station), `_seq` (the
 * owner's outbox sequence of this snapshot) and `_received_at`. The key is (_origin, key...).
 * Nothing local writes to them, and the domain tables (whose uniques — incident numbers, document
 * numbers — are per station) stay the station's own.
 */
export const mirrorName = (table: string) => `sync_copy_${table}`;
const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const META = ['_origin', '_seq', '_received_at'];

/** Creates the mirror, or adds columns the source gained since. Returns its data columns. */
export function ensureMirror(db: DB, def: TravellingTable): string[] {
  const src = tableColumns(db, def.table).map((c) => c.name);
  const name = mirrorName(def.table);
  if (!tableExists(db, name)) {
    const cols = src.map((c) => `${q(c)} ANY`).join(',\n  ');
    db.exec(`CREATE TABLE ${q(name)} (
  _origin TEXT NOT NULL,
  _seq INTEGER NOT NULL,
  _received_at INTEGER NOT NULL,
  ${cols},
  PRIMARY KEY (_origin, ${def.key.map(q).join(', ')})
) STRICT`);
    return src;
  }
  const have = new Set(tableColumns(db, name).map((c) => c.name));
  for (const c of src) if (!have.has(c)) db.exec(`ALTER TABLE ${q(name)} ADD COLUMN ${q(c)} ANY`);
  return src;
}

export function mirrorColumns(db: DB, def: TravellingTable): string[] {
  return tableColumns(db, mirrorName(def.table))
    .map((c) => c.name)
    .filter((c) => !META.includes(c));
}

/** Upsert of one snapshot: a newer sequence wins, an older or equal one changes nothing. */
export function upsertSql(def: TravellingTable, cols: readonly string[]): string {
  const name = mirrorName(def.table);
  const all = [...META, ...cols];
  const keys = new Set(['_origin', ...def.key]);
  const sets = all.filter((c) => !keys.has(c)).map((c) => `${q(c)} = excluded.${q(c)}`);
  return `INSERT INTO ${q(name)} (${all.map(q).join(', ')}) VALUES (${all.map(() => '?').join(', ')})
ON CONFLICT (_origin, ${def.key.map(q).join(', ')}) DO UPDATE SET ${sets.join(', ')} WHERE excluded._seq > ${q(name)}._seq`;
}

/** A writer for one table's copies: the statement is compiled once per batch, not per row. */
export function mirrorWriter(db: DB, def: TravellingTable, cols: readonly string[]) {
  const st = stmt(db, upsertSql(def, cols));
  const vals: unknown[] = new Array(cols.length + 3);
  return (origin: string, seq: number, now: number, row: Record<string, unknown>): number => {
    vals[0] = origin;
    vals[1] = seq;
    vals[2] = now;
    for (let i = 0; i < cols.length; i++) {
      const v = row[cols[i]];
      vals[i + 3] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    }
    return st.run(...vals).changes;
  };
}

export function upsertCopy(db: DB, def: TravellingTable, cols: readonly string[], origin: string, seq: number, now: number, row: Record<string, unknown>): number {
  return mirrorWriter(db, def, cols)(origin, seq, now, row);
}
