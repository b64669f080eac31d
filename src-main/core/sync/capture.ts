import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { sha256 } from '../util/ids';
import { DOWN_TABLES, TRAVELLING, type DownTable, type TravellingTable } from './travelling';

/**
 * Change capture by SQLite triggers (the transactional outbox): the outbox row is written by the
 * database in the same transaction as the change itself, whoever makes it — no domain code has to
 * remember to call us. Triggers are derived from travelling.ts + PRAGMA table_info and installed
 * idempotently after migrations. Every listed table exists (every domain's migrations run before
 * capture is installed), so a listed table that is missing is a mistake in the list, refused loudly.
 */

export interface ColumnInfo {
  name: string;
  type: string;
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const NOW_SQL = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
const STATION_ID_SQL = '(SELECT id FROM station WHERE singleton = 1)';
const NOT_DISTRICT_SQL = "coalesce((SELECT level FROM station WHERE singleton = 1), '') <> 'district'";

export function tableColumns(db: DB, table: string): ColumnInfo[] {
  return (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string; type: string }[]).map((c) => ({
    name: c.name,
    type: c.type.toUpperCase(),
  }));
}

/** Whether a table exists: only for tables made at run time (the hub's copy tables, sync/mirror.ts). */
export function tableExists(db: DB, table: string): boolean {
  return !!stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
}

/** `json_object('a', X.a, ...)`, chunked with json_insert so wide tables stay under SQLite's argument limit. */
export function rowJsonSql(cols: readonly ColumnInfo[], alias: string): string {
  const val = (c: ColumnInfo) => (c.type === 'BLOB' ? `hex(${alias}.${q(c.name)})` : `${alias}.${q(c.name)}`);
  const first = cols.slice(0, 60);
  let sql = `json_object(${first.map((c) => `${lit(c.name)}, ${val(c)}`).join(', ')})`;
  for (let i = 60; i < cols.length; i += 60) {
    const part = cols.slice(i, i + 60);
    sql = `json_insert(${sql}, ${part.map((c) => `${lit(`$."${c.name}"`)}, ${val(c)}`).join(', ')})`;
  }
  return sql;
}

export const keyJsonSql = (key: readonly string[], alias: string) => `json_array(${key.map((k) => `${alias}.${q(k)}`).join(', ')})`;

function ownerSql(def: TravellingTable, alias: string): string {
  if ('column' in def.owner) return `${alias}.${q(def.owner.column)} = ${STATION_ID_SQL}`;
  const v = def.owner.via;
  return `(SELECT ${q(v.parentOwner)} FROM ${q(v.table)} WHERE ${q(v.parentKey)} = ${alias}.${q(v.column)}) = ${STATION_ID_SQL}`;
}

/** Rewrites a condition written against NEW for another alias (cascades use NEW for the parent). */
const realias = (sql: string, alias: string) => (alias === 'NEW' ? sql : sql.replace(/\bNEW\./g, `${alias}.`));

export interface PlannedTable {
  def: TravellingTable;
  cols: ColumnInfo[];
  cond: string;
  triggers: string[];
  backfill: string;
}

export interface CapturePlan {
  up: PlannedTable[];
  down: { def: DownTable; triggers: string[]; backfill: string }[];
  skipped: { table: string; reason: string }[];
}

/** Columns of a table the capture list names; a table no migration made is a mistake in the list. */
function sourceColumns(db: DB, table: string): ColumnInfo[] {
  const cols = tableColumns(db, table);
  if (!cols.length) throw new Error(`sync capture lists ${table}, which no migration creates`);
  return cols;
}

function missing(cols: ColumnInfo[], needed: readonly string[]): string[] {
  const have = new Set(cols.map((c) => c.name));
  return needed.filter((n) => !have.has(n));
}

export function planCapture(db: DB, list: readonly TravellingTable[] = TRAVELLING, down: readonly DownTable[] = DOWN_TABLES): CapturePlan {
  const plan: CapturePlan = { up: [], down: [], skipped: [] };
  for (const def of list) {
    const cols = sourceColumns(db, def.table);
    const needed = [...def.key, ...('column' in def.owner ? [def.owner.column] : [def.owner.via.column]), ...(def.needs ?? [])];
    const miss = missing(cols, needed);
    if (miss.length) {
      plan.skipped.push({ table: def.table, reason: `missing ${miss.join(', ')}` });
      continue;
    }
    // The district hub has no parent: its own records never travel up, so nothing is captured there.
    const cond = `${NOT_DISTRICT_SQL} AND (${ownerSql(def, 'NEW')})${def.when ? ` AND (${def.when})` : ''}`;
    const insertOne = `INSERT INTO sync_outbox (tbl, pk, row, at) VALUES (${lit(def.table)}, ${keyJsonSql(def.key, 'NEW')}, ${rowJsonSql(cols, 'NEW')}, ${NOW_SQL});`;
    const cascades: string[] = [];
    for (const c of def.cascade ?? []) {
      const child = list.find((x) => x.table === c.table);
      if (!child) continue;
      const ccols = sourceColumns(db, c.table);
      if (missing(ccols, [...child.key, ...(c.needs ?? [])]).length) continue;
      cascades.push(
        `INSERT INTO sync_outbox (tbl, pk, row, at) SELECT ${lit(c.table)}, ${keyJsonSql(child.key, 'C')}, ${rowJsonSql(ccols, 'C')}, ${NOW_SQL} FROM ${q(c.table)} AS C WHERE (${c.match}) AND (${ownerSql(child, 'C')});`,
      );
    }
    const body = [insertOne, ...cascades].join('\n  ');
    const triggers = (['INSERT', 'UPDATE'] as const).map(
      (ev) =>
        `CREATE TRIGGER ${q(`sync_up_${def.table}_${ev === 'INSERT' ? 'ai' : 'au'}`)} AFTER ${ev} ON ${q(def.table)} FOR EACH ROW WHEN ${cond}\nBEGIN\n  ${body}\nEND`,
    );
    const backfill = `INSERT INTO sync_outbox (tbl, pk, row, at) SELECT ${lit(def.table)}, ${keyJsonSql(def.key, 'NEW')}, ${rowJsonSql(cols, 'NEW')}, ${NOW_SQL} FROM ${q(def.table)} AS NEW WHERE ${cond}`;
    plan.up.push({ def, cols, cond, triggers, backfill });
  }
  for (const def of down) {
    const cols = sourceColumns(db, def.table);
    if (missing(cols, [def.key, def.owner]).length) continue;
    const cond = `(SELECT level FROM station WHERE singleton = 1) = 'district' AND NEW.${q(def.owner)} = ${STATION_ID_SQL}`;
    const data = `json_object('table', ${lit(def.table)}, 'row', ${rowJsonSql(cols, 'NEW')})`;
    const ins = `INSERT INTO sync_down (to_station, type, kind, key, data, created_at) VALUES (NULL, 'master', ${lit(def.kind)}, NEW.${q(def.key)}, ${data}, ${NOW_SQL});`;
    const triggers = (['INSERT', 'UPDATE'] as const).map(
      (ev) => `CREATE TRIGGER ${q(`sync_down_${def.table}_${ev === 'INSERT' ? 'ai' : 'au'}`)} AFTER ${ev} ON ${q(def.table)} FOR EACH ROW WHEN ${cond}\nBEGIN\n  ${ins}\nEND`,
    );
    const backfill = `INSERT INTO sync_down (to_station, type, kind, key, data, created_at) SELECT NULL, 'master', ${lit(def.kind)}, NEW.${q(def.key)}, ${realias(data, 'NEW')}, ${NOW_SQL} FROM ${q(def.table)} AS NEW WHERE ${cond}`;
    plan.down.push({ def, triggers, backfill });
  }
  return plan;
}

export interface InstallResult {
  installed: string[];
  reinstalled: string[];
  backfilled: Record<string, number>;
  skipped: { table: string; reason: string }[];
}

/**
 * Installs (or refreshes) the capture triggers in one transaction. Idempotent: unchanged triggers
 * are left alone. A table captured for the first time is backfilled — its existing qualifying rows
 * enter the outbox, in dependency order — so records written before capture existed travel too.
 */
export function installCapture(db: DB, now: number, list: readonly TravellingTable[] = TRAVELLING, down: readonly DownTable[] = DOWN_TABLES): InstallResult {
  const res: InstallResult = { installed: [], reinstalled: [], backfilled: {}, skipped: [] };
  db.transaction(() => {
    const plan = planCapture(db, list, down);
    res.skipped = plan.skipped;
    const existing = new Map(
      (db.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'sync\\_up\\_%' ESCAPE '\\' OR name LIKE 'sync\\_down\\_%' ESCAPE '\\')").all() as {
        name: string;
        tbl_name: string;
      }[]).map((r) => [r.name, r.tbl_name]),
    );
    const wanted = new Set<string>();
    const apply = (direction: 'up' | 'down', table: string, triggers: string[], backfill: string) => {
      const hash = sha256(triggers.join('\n'));
      const names = triggers.map((t) => /^CREATE TRIGGER "([^"]+)"/.exec(t)![1]);
      names.forEach((n) => wanted.add(n));
      const cap = db.prepare('SELECT trigger_hash FROM sync_capture WHERE tbl = ? AND direction = ?').get(`${direction}:${table}`, direction) as
        | { trigger_hash: string }
        | undefined;
      const present = names.every((n) => existing.has(n));
      if (cap && cap.trigger_hash === hash && present) return;
      for (const n of names) db.exec(`DROP TRIGGER IF EXISTS ${q(n)}`);
      for (const t of triggers) db.exec(t);
      if (!cap) {
        const r = db.prepare(backfill).run();
        res.backfilled[`${direction}:${table}`] = r.changes;
        res.installed.push(`${direction}:${table}`);
      } else res.reinstalled.push(`${direction}:${table}`);
      db.prepare(
        'INSERT INTO sync_capture (tbl, direction, trigger_hash, installed_at) VALUES (?, ?, ?, ?) ON CONFLICT(tbl) DO UPDATE SET trigger_hash = excluded.trigger_hash, installed_at = excluded.installed_at',
      ).run(`${direction}:${table}`, direction, hash, now);
    };
    for (const p of plan.up) apply('up', p.def.table, p.triggers, p.backfill);
    for (const p of plan.down) apply('down', p.def.table, p.triggers, p.backfill);
    // Triggers for tables no longer listed (or gone) are removed.
    for (const name of existing.keys()) if (!wanted.has(name)) db.exec(`DROP TRIGGER IF EXISTS ${q(name)}`);
  }).immediate();
  return res;
}
