/**
 * Shared machinery of the proving ground (fuzzing, role matrix, LAN checks, durability).
 * Everything here iterates over the registry — `describeMethods()` (names, access, JSON
 * Schemas) and `HANDLERS` — so a method a domain adds is covered without touching these files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { describeMethods } from '../../../src-main/core/api/describe';
import { HANDLERS } from '../../../src-main/core/api/handlers';
import { createSession, resolveSession } from '../../../src-main/core/auth/sessions';
import { ROLES, type Role } from '../../../src-main/contract/roles';
import type { MethodInfo } from '../../../src-main/contract/system';
import { setUpStation, tempDir, testApp, userWithRoles, type TestApp } from '../helpers';

export type DB = Database.Database;

/** Every registered method, sorted by name, with its access rule and input JSON Schema. */
export function registry(): MethodInfo[] {
  // HANDLERS is imported for its side effect (it hands the access table to describe.ts).
  if (Object.keys(HANDLERS).length !== describeMethods().length) throw new Error('registry and describeMethods() disagree');
  return describeMethods();
}

/** Who calls: each single-role account, the set-up administrator (admin+leader+operator), nobody, a forged token. */
export type CallerName = 'setupAdmin' | Role | 'anonymous' | 'forged';
export const ROLE_CALLERS: readonly Role[] = ROLES;

/** The rule as the registry states it, for one caller's role set (null = not signed in). */
export function ruleAllows(m: MethodInfo, roles: readonly string[] | null): boolean {
  if (m.access === 'public') return true;
  if (!roles) return false;
  if (m.access === 'authenticated') return true;
  return m.access.some((r) => roles.includes(r));
}

// ---------------------------------------------------------------------------------------------
// Database digest

/**
 * Columns that legitimately change on reads: the sliding session expiry is written by
 * `resolveSession` (at most once a minute) — it is bookkeeping, not user data.
 */
const VOLATILE: Record<string, string[]> = { sessions: ['last_seen_at', 'expires_at'] };

/** Tables of user data: every ordinary table (FTS shadow tables included), no SQLite internals, no virtual tables. */
export function userTables(db: DB): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

interface TableScan {
  name: string;
  stmt: Database.Statement;
  columns: string[];
}
const prepared = new WeakMap<DB, { schema: number; master: Database.Statement; tables: TableScan[] }>();

function statements(db: DB) {
  const schema = db.pragma('schema_version', { simple: true }) as number;
  let p = prepared.get(db);
  if (!p || p.schema !== schema) {
    const tables = userTables(db).map((name): TableScan => {
      let stmt: Database.Statement;
      try {
        stmt = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`);
      } catch {
        stmt = db.prepare(`SELECT * FROM "${name}"`); // WITHOUT ROWID: key order
      }
      return { name, stmt: stmt.raw(true), columns: stmt.columns().map((c) => c.name) };
    });
    p = { schema, master: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"), tables };
    prepared.set(db, p);
  }
  return p;
}

/**
 * SHA-256 over the contents of every user table (rows in rowid order; WITHOUT ROWID tables in
 * key order) and the schema. `ignore` removes more columns (table → columns) for callers that
 * document a side effect on failure.
 */
export function dbDigest(db: DB, ignore: Record<string, string[]> = {}): string {
  const h = createHash('sha256');
  const p = statements(db);
  h.update(JSON.stringify(p.master.all()));
  for (const t of p.tables) {
    const drop = [...(VOLATILE[t.name] ?? []), ...(ignore[t.name] ?? [])];
    const keep = t.columns.map((c) => !drop.includes(c));
    h.update(`\u001d${t.name}\u001d${t.columns.join(',')}`);
    for (const row of t.stmt.iterate() as IterableIterator<unknown[]>) {
      for (let i = 0; i < row.length; i++) {
        if (!keep[i]) continue;
        const v = row[i];
        if (Buffer.isBuffer(v)) {
          h.update('b');
          h.update(v);
        } else h.update(`${v === null ? 'n' : typeof v === 'string' ? 's' : 'i'}${String(v)}`);
        h.update('\u001f');
      }
      h.update('\u001e');
    }
  }
  return h.digest('hex');
}

/** Rows changed by this connection since it opened (rolled-back changes included) and the schema version. */
export function changeCounter(db: DB): string {
  return `${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${db.pragma('schema_version', { simple: true }) as number}`;
}

export const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// ---------------------------------------------------------------------------------------------
// A set-up station with demo data and one account per role, made once and copied per test

export interface Template {
  dir: string;
  /** Tokens by caller (the role accounts hold exactly one role each). */
  tokens: Record<Exclude<CallerName, 'anonymous' | 'forged'>, string>;
  userIds: Record<Exclude<CallerName, 'anonymous' | 'forged'>, string>;
  roles: Record<CallerName, readonly string[] | null>;
}

export async function makeTemplate(loadDemo = true): Promise<Template> {
  const t = testApp();
  const { admin, token, user } = await setUpStation(t, loadDemo);
  const tokens = { setupAdmin: token } as Template['tokens'];
  const userIds = { setupAdmin: user.id } as Template['userIds'];
  const roles: Partial<Template['roles']> = { setupAdmin: user.roles, anonymous: null, forged: null };
  for (const r of ROLE_CALLERS) {
    const u = await userWithRoles(t, admin, `r_${r}`, [r]);
    tokens[r] = u.token;
    userIds[r] = u.user.id;
    roles[r] = [r];
  }
  t.close();
  return { dir: t.dir, tokens, userIds, roles: roles as Template['roles'] };
}

/** A fresh app over a byte copy of the template's database (sessions stay valid: same clock start). */
export function openCopy(tpl: Template): TestApp {
  const dir = tempDir('wr-prove-');
  fs.copyFileSync(path.join(tpl.dir, 'watchroom.sqlite'), path.join(dir, 'watchroom.sqlite'));
  return testApp(dir);
}

/** Re-issues a session for any role account whose session a successful call ended (logout, reset, …). */
export function keepSessionsAlive(t: TestApp, tpl: Template, tokens: Template['tokens']): void {
  const now = t.clock.now();
  for (const k of Object.keys(tokens) as (keyof Template['tokens'])[]) {
    if (!resolveSession(t.db, tokens[k], now)) tokens[k] = createSession(t.db, tpl.userIds[k], 'test', now).token;
  }
}

/** Every value of the template that looks like an id, a name or a code: fuzzing reaches past "not found". */
export function knownValues(db: DB): { uuids: string[]; strings: string[]; ints: number[] } {
  const uuids = new Set<string>();
  const strings = new Set<string>();
  const ints = new Set<number>([0, 1, 2, 3]);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const t of userTables(db)) {
    if (t === 'audit_log' || t === 'audit_head' || t === 'sessions' || t === 'schema_migrations') continue;
    for (const r of db.prepare(`SELECT * FROM "${t}" LIMIT 200`).all() as Record<string, unknown>[]) {
      for (const [k, v] of Object.entries(r)) {
        if (typeof v === 'string' && UUID.test(v)) uuids.add(v);
        else if (typeof v === 'string' && v.length <= 40 && !k.includes('hash') && !v.startsWith('{') && !v.startsWith('[')) strings.add(v);
        else if (typeof v === 'number' && Number.isInteger(v) && (k === 'version' || k.endsWith('_no') || k === 'seq')) ints.add(v);
      }
    }
  }
  return { uuids: [...uuids], strings: [...strings].slice(0, 400), ints: [...ints] };
}

export const envInt = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
};

/**
 * A private copy of the built main process (out/main), so another build running meanwhile
 * (electron-vite empties out/ first) cannot pull the files from under a long test. Externals
 * (better-sqlite3) resolve through NODE_PATH. Null when there is no build with `needle` in it.
 */
export function snapshotBuild(needle: string): { cli: string; launcher: string; env: NodeJS.ProcessEnv } | null {
  const root = path.resolve(__dirname, '../../..');
  const cli = path.join(root, 'out/main/cli.js');
  if (!fs.existsSync(cli) || !fs.readFileSync(cli, 'utf8').includes(needle)) return null;
  // Tests mix in-process code (the source) with the built one: a build older than the source
  // (a new migration, say) fails in confusing ways, so say what is wrong.
  const built = fs.statSync(cli).mtimeMs;
  const newer = newestSource(path.join(root, 'src-main'));
  if (newer && newer.mtime > built + 1000) {
    throw new Error(`out/main is older than ${path.relative(root, newer.file)}: run \`npx electron-vite build\` (npm test builds first)`);
  }
  const dir = tempDir('wr-build-');
  fs.cpSync(path.join(root, 'out/main'), path.join(dir, 'main'), { recursive: true });
  if (fs.existsSync(path.join(root, 'out/renderer'))) fs.cpSync(path.join(root, 'out/renderer'), path.join(dir, 'renderer'), { recursive: true });
  const nodePath = [path.join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  return { cli: path.join(dir, 'main/cli.js'), launcher: path.join(dir, 'main/launcher.js'), env: { ...process.env, NODE_PATH: nodePath } };
}

function newestSource(dir: string): { file: string; mtime: number } | null {
  let best: { file: string; mtime: number } | null = null;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const cand = e.isDirectory() ? newestSource(p) : /\.(ts|sql|json)$/.test(e.name) && !e.name.endsWith('.test.ts') ? { file: p, mtime: fs.statSync(p).mtimeMs } : null;
    if (cand && (!best || cand.mtime > best.mtime)) best = cand;
  }
  return best;
}
