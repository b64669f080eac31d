import pg from 'pg';
import type { PoolClient } from 'pg';
import type { DB } from '../../db/open';
import { ApiError, conflict } from '../../util/errors';
import { canonicalJson, newId, sha256 } from '../../util/ids';
import type { DispatchRow, StationRegRow } from '../../../contract/sync';
import { regRowOf } from '../district';
import { checkBatch, dispatchMessage, fileKey, newCredential, newOneTimeSecret, normalizeOtc, OTC_TTL_MS, parseRecords, travellingDef, type StationReg } from '../hub';
import type { DownMessage, PushRequest, PushResponse } from '../protocol';
import type { HubIdentity, HubStore } from '../store/hub-store';
import { migratePg } from './migrate';
import { pgOverview } from './overview';

/** bigint columns hold epoch ms and sequences: all well inside 2^53, read as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
};

/** Transaction-scoped advisory lock of one station: its pushes queue, other stations' do not. */
const STATION_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('watchroom.station:' || $1, 0))";

export interface ChangeRow {
  origin: string;
  table: string;
  key: string;
  seq: number;
  row: Record<string, unknown>;
}
export interface ChangePage {
  rows: ChangeRow[];
  /** Opaque; pass back to continue. */
  cursor: string;
  more: boolean;
}

export interface PgHubStore extends HubStore {
  readonly pool: pg.Pool;
  /** Records the district this database serves; refuses a database that serves another one. */
  claim(hub: HubIdentity, now: number): Promise<void>;
  /**
   * Every copy written since `cursor`, each version once, in transaction order: the feed a tier
   * above (or a replica) reads. See the comment on the query for why nothing committed late is skipped.
   */
  changesSince(cursor: string | null, limit: number): Promise<ChangePage>;
  /**
   * Copies the district's new master-data messages (captured by triggers into its SQLite
   * sync_down) into the hub's down-flow, each once: the relayed position is kept in the same
   * PostgreSQL transaction as the rows. Returns how many were relayed.
   */
  relayDown(local: DB): Promise<number>;
  /** A file carried from a station with no network: the batch as a push, by the station id. */
  importBatch(
    stationId: string,
    batch: Omit<PushRequest, 'protocol' | 'schemaVersion'>,
    digest: string,
    by: string,
    now: number,
    checkKey: (fileKey: string | null) => void,
  ): Promise<{ reg: StationReg; res: PushResponse; before: boolean }>;
}

export async function openPgHubStore(url: string, opts: { max?: number } = {}): Promise<PgHubStore> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types, application_name: 'watchroom-hub' });
  pool.on('error', () => undefined); // an idle client lost (server restart): the pool replaces it
  try {
    await migratePg(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return pgHubStore(pool);
}

type Q = Pick<PoolClient, 'query'>;

async function tx<T>(pool: pg.Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

const regById = async (c: Q, id: string) => (await c.query<StationReg>('SELECT * FROM hub_stations WHERE id = $1', [id])).rows[0] as StationReg | undefined;

async function copiesOf(c: Q, stationIds: (string | null)[]): Promise<Map<string, number>> {
  const ids = stationIds.filter((s): s is string => !!s);
  const m = new Map<string, number>();
  if (!ids.length) return m;
  for (const r of (await c.query<{ origin: string; n: number }>('SELECT origin, count(*)::bigint AS n FROM hub_copies WHERE origin = ANY($1) GROUP BY origin', [ids])).rows) m.set(r.origin, r.n);
  return m;
}

async function rowOf(c: Q, r: StationReg): Promise<StationRegRow> {
  return regRowOf(r, (await copiesOf(c, [r.station_id])).get(r.station_id ?? '') ?? 0);
}

async function authIn(c: Q, credential: string | null): Promise<StationReg> {
  if (!credential) throw new ApiError('UNAUTHENTICATED', 'sync.badCredential');
  const reg = (await c.query<StationReg>('SELECT * FROM hub_stations WHERE cred_hash = $1', [sha256(credential)])).rows[0];
  if (!reg || !reg.station_id) throw new ApiError('UNAUTHENTICATED', 'sync.badCredential');
  if (reg.revoked_at) throw new ApiError('UNAUTHENTICATED', 'sync.revoked');
  return reg;
}

/** Locks the station, then reads its registration afresh (what an earlier push of it committed). */
async function lockStation(c: Q, reg: StationReg): Promise<StationReg> {
  await c.query(STATION_LOCK, [reg.station_id]);
  const fresh = await regById(c, reg.id);
  if (!fresh || fresh.revoked_at || fresh.station_id !== reg.station_id) throw new ApiError('UNAUTHENTICATED', 'sync.revoked');
  return fresh;
}

/**
 * One batch for one station, inside the caller's transaction, after lockStation(): the same
 * rules as the SQLite hub's applyBatch (hub.ts), the copies upserted per table in one statement.
 */
async function applyBatchPg(c: Q, reg: StationReg, b: Pick<PushRequest, 'stationId' | 'batchId' | 'fromSeq' | 'toSeq' | 'waiting' | 'records'>, via: 'http' | 'file', now: number): Promise<PushResponse> {
  const digest = checkBatch(reg, b);
  const seen = (await c.query<{ digest: string }>('SELECT digest FROM hub_batches WHERE batch_id = $1', [b.batchId])).rows[0];
  const touch = (applied: number) =>
    c.query('UPDATE hub_stations SET applied_seq = greatest(applied_seq, $1), waiting = $2, last_seen_at = $3, last_push_at = $3 WHERE id = $4', [applied, b.waiting, now, reg.id]);
  if (seen) {
    if (seen.digest !== digest) throw new ApiError('FORBIDDEN', 'sync.forgedBatch');
    await touch(reg.applied_seq);
    return { appliedSeq: reg.applied_seq, applied: 0, duplicate: true };
  }
  if (b.toSeq <= reg.applied_seq) {
    await touch(reg.applied_seq);
    return { appliedSeq: reg.applied_seq, applied: 0, duplicate: true };
  }
  if (b.fromSeq > reg.applied_seq + 1) throw new ApiError('CONFLICT', 'sync.gap', { appliedSeq: reg.applied_seq }, { appliedSeq: reg.applied_seq });

  const parsed = parseRecords(b.stationId, reg.applied_seq, b.records);
  // Group by table in dependency order; the last snapshot of a key in the batch is the one kept
  // (every record here is newer than the copy: copies never run ahead of applied_seq).
  const groups: { table: string; byKey: Map<string, { seq: number; row: Record<string, unknown>; n: number; ord: number }> }[] = [];
  let ord = 0;
  for (const p of parsed) {
    let g = groups[groups.length - 1];
    if (!g || g.table !== p.def.table) groups.push((g = { table: p.def.table, byKey: new Map() }));
    const key = canonicalJson(p.def.key.map((k) => p.row[k] ?? null));
    const had = g.byKey.get(key);
    g.byKey.set(key, { seq: p.seq, row: p.row, n: (had?.n ?? 0) + 1, ord: ord++ });
  }
  let applied = 0;
  for (const g of groups) {
    const def = travellingDef(g.table)!;
    const entries = [...g.byKey.entries()];
    if ('via' in def.owner) {
      // The row belongs to its parent's owner: the parent must be this station's copy already (or earlier in this batch).
      const v = def.owner.via;
      const parents = [...new Set(entries.map(([, e]) => String(e.row[v.column] ?? '')))];
      const owners = new Map<string, unknown>();
      for (const r of (
        await c.query<{ k: string; o: unknown }>(`SELECT row->>$3 AS k, row->$4 AS o FROM hub_copies WHERE origin = $1 AND tbl = $2 AND row->>$3 = ANY($5)`, [
          b.stationId,
          v.table,
          v.parentKey,
          v.parentOwner,
          parents,
        ])
      ).rows)
        owners.set(r.k, r.o);
      for (const [, e] of entries) {
        if (owners.get(String(e.row[v.column] ?? '')) !== b.stationId) throw new ApiError('FORBIDDEN', 'sync.notOwner', { table: g.table, key: String(e.row[v.column]).slice(0, 80) });
      }
    }
    const res = await c.query<{ key: string }>(
      `INSERT INTO hub_copies (origin, tbl, key, seq, row, received_at, ord)
       SELECT $1, $2, u.k, u.s, u.r::jsonb, $3, u.o FROM unnest($4::text[], $5::bigint[], $6::text[], $7::int[]) AS u(k, s, r, o)
       ON CONFLICT (origin, tbl, key) DO UPDATE SET seq = excluded.seq, row = excluded.row, received_at = excluded.received_at, xid = pg_current_xact_id(), ord = excluded.ord
       WHERE excluded.seq > hub_copies.seq
       RETURNING key`,
      [b.stationId, g.table, now, entries.map(([k]) => k), entries.map(([, e]) => e.seq), entries.map(([, e]) => JSON.stringify(e.row)), entries.map(([, e]) => e.ord)],
    );
    for (const r of res.rows) applied += g.byKey.get(r.key)!.n;
  }
  await c.query('INSERT INTO hub_batches (batch_id, station_id, from_seq, to_seq, records, digest, via, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    b.batchId,
    b.stationId,
    b.fromSeq,
    b.toSeq,
    b.records.length,
    digest,
    via,
    now,
  ]);
  await touch(b.toSeq);
  return { appliedSeq: b.toSeq, applied, duplicate: false };
}

/**
 * The next down-flow sequence. A plain sequence is not commit-ordered: a transaction that took 7
 * may commit after one that took 8, and a station that pulled up to 8 would never see 7. Here
 * the number comes from one counter row updated in the same transaction: its row lock is held
 * until commit, so the next writer waits and numbers are handed out in commit order; whatever a
 * reader sees at or below the counter's committed value is committed. Down-flow writes are rare
 * (dispatch orders, master data), so that short queue costs nothing; the up-flow does not use it.
 */
async function nextDownSeq(c: Q): Promise<number> {
  return (await c.query<{ seq: number }>('UPDATE hub_down_clock SET seq = seq + 1 RETURNING seq')).rows[0].seq;
}

function dispatchRowOf(r: { id: string; order_no: string; to_reg_id: string; to_name: string; from_name: string; lines: DispatchRow['lines']; deadline_at: number | null; note: string; created_at: number; created_by_name: string; down_seq: number; pulled: number }): DispatchRow {
  return {
    id: r.id,
    orderNo: r.order_no,
    toRegId: r.to_reg_id,
    toName: r.to_name,
    fromName: r.from_name,
    lines: r.lines,
    deadlineAt: r.deadline_at,
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    delivered: r.pulled >= r.down_seq,
  };
}
const DISPATCH_SQL = `SELECT d.*, s.name AS to_name, s.pulled_seq AS pulled FROM hub_dispatch_orders d JOIN hub_stations s ON s.id = d.to_reg_id WHERE d.voided_at IS NULL`;

export function pgHubStore(pool: pg.Pool): PgHubStore {
  const t = <T>(fn: (c: PoolClient) => Promise<T>) => tx(pool, fn);
  const updateVersionedPg = async (c: Q, id: string, version: number, sets: Record<string, unknown>, now: number, guard = 'true') => {
    const cols = Object.keys(sets);
    const sql = `UPDATE hub_stations SET ${cols.map((k, i) => `${k} = $${i + 4}`).join(', ')}, version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2 AND (${guard})`;
    const r = await c.query(sql, [id, version, now, ...cols.map((k) => sets[k])]);
    if (r.rowCount !== 1) throw conflict();
  };
  const store: PgHubStore = {
    engine: 'pg',
    pool,
    async identity() {
      const r = (await pool.query<{ station_id: string; name: string; level: string }>('SELECT station_id, name, level FROM hub_identity')).rows[0];
      return r ? { id: r.station_id, name: r.name, level: r.level } : null;
    },
    async claim(hub, now) {
      await t(async (c) => {
        await c.query('INSERT INTO hub_identity (station_id, name, level, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (singleton) DO NOTHING', [hub.id, hub.name, hub.level, now]);
        const r = (await c.query<{ station_id: string }>('SELECT station_id FROM hub_identity FOR UPDATE')).rows[0];
        if (r.station_id !== hub.id) throw new ApiError('CONFLICT', 'sync.hubTaken');
        await c.query('UPDATE hub_identity SET name = $1, level = $2', [hub.name, hub.level]);
      });
    },
    async takeRate(key, perMinute, now) {
      // One row per key, shared by every hub process: the window restarts after a minute.
      const r = await pool.query<{ count: number }>(
        `INSERT INTO hub_rate_limits AS l (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN $2 - l.window_start >= 60000 THEN 1 ELSE l.count + 1 END,
           window_start = CASE WHEN $2 - l.window_start >= 60000 THEN $2 ELSE l.window_start END
         RETURNING count`,
        [key, now],
      );
      return r.rows[0].count <= perMinute;
    },
    enroll: (req, hub, now) =>
      t(async (c) => {
        if (hub.level !== 'district') throw new ApiError('FORBIDDEN', 'sync.notHub');
        const reg = (await c.query<StationReg>('SELECT * FROM hub_stations WHERE otc_hash = $1 FOR UPDATE', [sha256(normalizeOtc(req.oneTimeSecret))])).rows[0];
        if (!reg || reg.otc_expires_at === null || reg.otc_expires_at < now) throw new ApiError('UNAUTHENTICATED', 'sync.badSecret');
        if (req.stationId === hub.id) throw new ApiError('CONFLICT', 'sync.selfEnroll');
        const other = (await c.query('SELECT id FROM hub_stations WHERE station_id = $1 AND id <> $2', [req.stationId, reg.id])).rows[0];
        if (other || (reg.station_id && reg.station_id !== req.stationId)) throw new ApiError('CONFLICT', 'sync.stationTaken');
        const credential = newCredential();
        await c.query(
          `UPDATE hub_stations SET station_id = $2, otc_hash = NULL, otc_expires_at = NULL, cred_hash = $3, file_key = $4, enrolled_at = $5, last_seen_at = $5,
             version = version + 1, updated_at = $5 WHERE id = $1`,
          [reg.id, req.stationId, sha256(credential), fileKey(credential), now],
        );
        return { credential, hubStationId: hub.id, hubName: hub.name, registrationId: reg.id };
      }),
    authenticate: (credential) => authIn(pool, credential),
    push: (credential, batch, now) =>
      t(async (c) => {
        // The lock comes before any write: a station's transactions then get their xids in commit order.
        const reg = await lockStation(c, await authIn(c, credential));
        return applyBatchPg(c, reg, batch, 'http', now);
      }),
    pull: (credential, req, now) =>
      t(async (c) => {
        const reg = await authIn(c, credential);
        if (reg.station_id !== req.stationId) throw new ApiError('FORBIDDEN', 'sync.wrongStation');
        const rows = (
          await c.query<{ seq: number; type: 'master' | 'dispatch'; kind: string; key: string; data: unknown }>(
            'SELECT seq, type, kind, key, data FROM hub_down WHERE seq > $1 AND (to_station IS NULL OR to_station = $2) ORDER BY seq LIMIT $3',
            [req.cursor, reg.id, req.limit + 1],
          )
        ).rows;
        const more = rows.length > req.limit;
        const page = rows.slice(0, req.limit);
        // Every number up to the committed counter is committed (nextDownSeq): safe to move past.
        const top = (await c.query<{ seq: number }>('SELECT seq FROM hub_down_clock')).rows[0].seq;
        const next = more ? page[page.length - 1].seq : Math.max(req.cursor, top);
        await c.query('UPDATE hub_stations SET pulled_seq = greatest(pulled_seq, $1), last_seen_at = $2 WHERE id = $3', [req.cursor, now, reg.id]);
        return { messages: page.map((r) => ({ seq: r.seq, type: r.type, kind: r.kind, key: r.key, data: r.data }) as DownMessage), cursor: next, more };
      }),
    stations: () =>
      t(async (c) => {
        const regs = (await c.query<StationReg>('SELECT * FROM hub_stations ORDER BY name')).rows;
        const n = await copiesOf(c, regs.map((r) => r.station_id));
        return regs.map((r) => regRowOf(r, n.get(r.station_id ?? '') ?? 0));
      }),
    station: (id) =>
      t(async (c) => {
        const r = await regById(c, id);
        return r ? rowOf(c, r) : null;
      }),
    register: (f, by, now) =>
      t(async (c) => {
        const secret = newOneTimeSecret();
        const id = newId();
        await c.query(
          'INSERT INTO hub_stations (id, name, code, level, otc_hash, otc_expires_at, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)',
          [id, f.name, f.code, f.level, sha256(normalizeOtc(secret)), now + OTC_TTL_MS, by, now],
        );
        return { station: await rowOf(c, (await regById(c, id))!), secret };
      }),
    reissue: (id, version, now) =>
      t(async (c) => {
        const secret = newOneTimeSecret();
        await updateVersionedPg(c, id, version, { otc_hash: sha256(normalizeOtc(secret)), otc_expires_at: now + OTC_TTL_MS, revoked_at: null, revoked_by: null, revoke_reason: null }, now);
        return { station: await rowOf(c, (await regById(c, id))!), secret };
      }),
    revoke: (id, version, reason, by, now) =>
      t(async (c) => {
        await updateVersionedPg(c, id, version, { revoked_at: now, revoked_by: by, revoke_reason: reason, file_key: null, otc_hash: null }, now, 'revoked_at IS NULL');
        return rowOf(c, (await regById(c, id))!);
      }),
    createDispatch: (input, hub, user, now) =>
      t(async (c) => {
        const reg = await regById(c, input.toRegId);
        if (!reg) throw new ApiError('NOT_FOUND', 'notFound', { entity: 'station', id: input.toRegId });
        if (reg.revoked_at) throw new ApiError('CONFLICT', 'sync.stationRevoked');
        const year = new Date(now).getUTCFullYear();
        // One counter row per year, bumped in place: two hub processes never hand out one number twice.
        const n = (
          await c.query<{ n: number }>('INSERT INTO hub_counters AS k (name, n) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET n = k.n + 1 RETURNING n', [`dispatch:${year}`])
        ).rows[0].n;
        const data = dispatchMessage(input, hub, year, n, newId(), now);
        const { id, orderNo } = data;
        const seq = await nextDownSeq(c);
        await c.query("INSERT INTO hub_down (seq, to_station, type, kind, key, data, created_at) VALUES ($1, $2, 'dispatch', 'dispatch_order', $3, $4, $5)", [seq, reg.id, id, JSON.stringify(data), now]);
        await c.query(
          `INSERT INTO hub_dispatch_orders (id, station_id, order_no, to_reg_id, from_name, lines, deadline_at, note, down_seq, created_by, created_by_name, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [id, hub.id, orderNo, reg.id, input.fromName, JSON.stringify(input.lines), input.deadlineAt ?? null, input.note ?? '', seq, user.id, user.displayName, now],
        );
        return dispatchRowOf((await c.query(`${DISPATCH_SQL} AND d.id = $1`, [id])).rows[0]);
      }),
    dispatchList: async () => (await pool.query(`${DISPATCH_SQL} ORDER BY d.created_at DESC LIMIT 500`)).rows.map(dispatchRowOf),
    overview: async (hub, local: DB) => pgOverview(pool, hub, local, await store.stations(), await store.dispatchList()),
    async changesSince(cursor, limit) {
      const [x, o] = (cursor ?? '0:-1').split(':');
      if (!/^\d+$/.test(x ?? '') || !/^-?\d+$/.test(o ?? '')) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'cursor' });
      // Rows are stamped with the xid of the transaction that wrote them (a column default, and
      // set again on update). xids are handed out at a transaction's first write, not at commit,
      // so reading "xid > cursor" alone would skip a transaction that took an earlier xid and
      // commits after a later one was read. Only rows below the snapshot's xmin are served: every
      // transaction below xmin has ended, so each one is either entirely visible or aborted, and
      // nothing can appear behind the cursor afterwards. A long transaction holds the feed back
      // (never forward). Within a station the order is its commit order: its pushes take the
      // station lock before their first write, so they get their xids one after the other.
      const rows = (
        await pool.query<{ origin: string; tbl: string; key: string; seq: number; row: Record<string, unknown>; x: string; ord: number }>(
          `SELECT origin, tbl, key, seq, row, xid::text AS x, ord FROM hub_copies
           WHERE (xid, ord) > ($1::text::xid8, $2::int) AND xid < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY xid, ord LIMIT $3`,
          [x, Number(o), limit + 1],
        )
      ).rows;
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        rows: page.map((r) => ({ origin: r.origin, table: r.tbl, key: r.key, seq: r.seq, row: r.row })),
        cursor: last ? `${last.x}:${last.ord}` : `${x}:${o}`,
        more,
      };
    },
    relayDown: (local) =>
      t(async (c) => {
        const from = (await c.query<{ local_seq: number }>('SELECT local_seq FROM hub_relay FOR UPDATE')).rows[0].local_seq;
        const rows = local
          .prepare("SELECT seq, kind, key, data, created_at FROM sync_down WHERE seq > ? AND type = 'master' AND to_station IS NULL ORDER BY seq LIMIT 5000")
          .all(from) as { seq: number; kind: string; key: string; data: string; created_at: number }[];
        for (const r of rows) {
          const seq = await nextDownSeq(c);
          await c.query("INSERT INTO hub_down (seq, to_station, type, kind, key, data, created_at) VALUES ($1, NULL, 'master', $2, $3, $4::jsonb, $5)", [seq, r.kind, r.key, r.data, r.created_at]);
        }
        if (rows.length) await c.query('UPDATE hub_relay SET local_seq = $1', [rows[rows.length - 1].seq]);
        return rows.length;
      }),
    importBatch: (stationId, batch, digest, by, now, checkKey) =>
      t(async (c) => {
        const r0 = (await c.query<StationReg>('SELECT * FROM hub_stations WHERE station_id = $1', [stationId])).rows[0];
        if (!r0 || !r0.file_key || r0.revoked_at) throw new ApiError('FORBIDDEN', 'sync.fileUnknownStation');
        checkKey(r0.file_key);
        const reg = await lockStation(c, r0);
        const before = (await c.query('SELECT applied FROM hub_files WHERE digest = $1', [digest])).rows.length > 0;
        const res = await applyBatchPg(c, reg, batch, 'file', now);
        if (!before) {
          await c.query('INSERT INTO hub_files (digest, station_id, records, applied, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6)', [digest, stationId, batch.records.length, res.applied, now, by]);
        }
        return { reg, res, before };
      }),
    close: () => pool.end(),
  };
  return store;
}
