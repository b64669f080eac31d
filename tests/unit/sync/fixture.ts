import { createApp } from '../../../src-main/core/app';
import { loadDemoData } from '../../../src-main/core/devtools/parts';
import { memoryLogger } from '../../../src-main/core/util/logger';
import type { CallMeta } from '../../../src-main/core/api/types';
import type { DB } from '../../../src-main/core/db/open';
import { startServer, type RunningServer } from '../../../src-main/server/http';
import { canonicalJson, newId, sha256 } from '../../../src-main/core/util/ids';
import { mirrorName } from '../../../src-main/core/sync/mirror';
import { rowJsonSql, tableColumns, tableExists } from '../../../src-main/core/sync/capture';
import { pusherFor } from '../../../src-main/core/sync/pusher';
import type { HubStore } from '../../../src-main/core/sync/store/hub-store';
import type { PgHubStore } from '../../../src-main/core/sync/pg/store';
import { ADMIN_PASSWORD, ManualClock, tempDir, type Caller, type TestApp } from '../helpers';

/** Like helpers.testApp, but the pusher is driven by hand (no timer). */
export function syncTestApp(dir = tempDir('wr-sync-'), clock = new ManualClock(), hubStore?: HubStore): TestApp {
  const logs = memoryLogger();
  const app = createApp({ dataDir: dir, clock, log: logs, autoBackup: false, autoSync: false, demo: loadDemoData, hubStore });
  const as = (token: string | null, locale: CallMeta['locale'] = 'en'): Caller => {
    const meta: CallMeta = { token, transport: 'test', locale, remote: 'test' };
    return {
      call: (m, input) => app.call(m, input ?? {}, meta) as never,
      raw: (m, input) => app.call(m, input, meta),
      async ok(m, input) {
        const r = await app.call(m, input ?? {}, meta);
        if (!r.ok) throw new Error(`${m} failed: ${JSON.stringify(r.error)}`);
        return r.value as never;
      },
    };
  };
  return Object.assign(app, { dir, clock, logs, as, anon: as(null) }) as TestApp;
}

export interface Hub {
  t: TestApp;
  admin: Caller;
  srv: RunningServer;
  stationId: string;
  adminId: string;
}

/** The district hub; with `hubStore` (the PostgreSQL store) its registry and copies live there. */
export async function startHub(dir?: string, hubStore?: HubStore): Promise<Hub> {
  const t = syncTestApp(dir, undefined, hubStore);
  const r = await t.anon.ok('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
    loadDemo: false,
  });
  await t.hub.claim({ id: r.station.id, name: r.station.name, level: 'district' }, t.clock.now());
  const srv = await startServer({ app: t, port: 0 });
  return { t, admin: t.as(r.token), srv, stationId: r.station.id, adminId: r.user.id };
}

export interface Town {
  t: TestApp;
  admin: Caller;
  stationId: string;
  adminId: string;
}

export async function startTown(name = '新站镇应急办', code = '220502101', clock?: ManualClock): Promise<Town> {
  const t = syncTestApp(undefined, clock);
  const r = await t.anon.ok('auth.setup', {
    station: { name, code, level: 'township', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
    loadDemo: false,
  });
  return { t, admin: t.as(r.token), stationId: r.station.id, adminId: r.user.id };
}

/** Registers the township at the hub and enrolls it through `url` (the hub or a proxy in front of it). */
export async function enrollTown(hub: Hub, town: Town, url = hub.srv.url) {
  const reg = await hub.admin.ok('sync.stations.register', { name: town.t.db.prepare('SELECT name FROM station').pluck().get() as string, code: '220502101', level: 'township' });
  await town.admin.ok('sync.enroll', { hubUrl: url, oneTimeSecret: reg.oneTimeSecret });
  return reg;
}

/** Incidents + timeline entries written straight into the incidents domain's tables (n incidents, 1 entry each). */
export function addIncidents(db: DB, stationId: string, userId: string, n: number, start = 0, at = Date.UTC(2026, 10, 28)): string[] {
  const ids: string[] = [];
  const inc = db.prepare(
    `INSERT INTO incidents (id, station_id, year, seq, received_at, source, class_code, type_code, summary, created_by, created_by_name, created_at, updated_at)
     VALUES (?, ?, 2026, ?, ?, 'phone', '1', '1.1', ?, ?, '值班员', ?, ?)`,
  );
  const ent = db.prepare(
    `INSERT INTO incident_entries (id, station_id, incident_id, kind, at, body, author_id, author_name, created_at) VALUES (?, ?, ?, 'intake', ?, ?, ?, '值班员', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = newId();
      ids.push(id);
      const t = at + (start + i) * 1000;
      inc.run(id, stationId, start + i + 1, t, `第${start + i + 1}号 接报：村道塌方，交通中断`, userId, t, t);
      ent.run(newId(), stationId, id, t, '接报登记', userId, t);
    }
  })();
  return ids;
}

/** Count and checksum of a table's rows as the source holds them (or the hub's copies of one origin). */
export function tableDigest(db: DB, table: string, key: string[], origin?: string): { count: number; checksum: string } {
  const src = origin ? mirrorName(table) : table;
  if (!tableExists(db, src)) return { count: 0, checksum: '' };
  const cols = tableColumns(db, table);
  const where = origin ? 'WHERE _origin = ?' : '';
  const rows = db
    .prepare(`SELECT ${rowJsonSql(cols, 'T')} AS j FROM "${src}" AS T ${where} ORDER BY ${key.map((k) => `T."${k}"`).join(', ')}`)
    .pluck()
    .all(...(origin ? [origin] : [])) as string[];
  const h = sha256(rows.map((r) => canonicalJson(JSON.parse(r))).join('\n'));
  return { count: rows.length, checksum: h };
}

/** tableDigest of the hub's copies of one origin, whichever engine holds them. */
export async function copyDigest(hub: Hub, table: string, key: string[], origin: string): Promise<{ count: number; checksum: string }> {
  if (hub.t.hub.engine === 'sqlite') return tableDigest(hub.t.db, table, key, origin);
  const pool = (hub.t.hub as PgHubStore).pool;
  const rows = (await pool.query<{ key: string; row: Record<string, unknown> }>('SELECT key, row FROM hub_copies WHERE origin = $1 AND tbl = $2', [origin, table])).rows;
  if (!rows.length) return { count: 0, checksum: '' };
  const sorted = rows.map((r) => r.row).sort((a, b) => cmpKeys(key.map((k) => a[k]), key.map((k) => b[k])));
  return { count: rows.length, checksum: sha256(sorted.map((r) => canonicalJson(r)).join('\n')) };
}
const cmpKeys = (a: unknown[], b: unknown[]) => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    // SQLite's ORDER BY: numbers before text, text by bytes (UUIDs and codes are ASCII).
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
};

/** The hub's applied sequence of a station, whichever engine. */
export async function appliedSeq(hub: Hub, stationId: string): Promise<number> {
  if (hub.t.hub.engine === 'sqlite') return (hub.t.db.prepare('SELECT applied_seq FROM sync_stations WHERE station_id = ?').pluck().get(stationId) as number | undefined) ?? 0;
  const r = await (hub.t.hub as PgHubStore).pool.query<{ applied_seq: number }>('SELECT applied_seq FROM hub_stations WHERE station_id = $1', [stationId]);
  return r.rows[0]?.applied_seq ?? 0;
}

export const pusher = (t: TestApp, opts?: Parameters<typeof pusherFor>[3]) => pusherFor(t.db, t.clock, t.logs, opts);
