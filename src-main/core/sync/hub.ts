import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { bumpVersion, updateVersioned } from '../db/versioned';
import { CODE_SCHEMA_VERSION } from '../db/migrations';
import { ApiError } from '../util/errors';
import { canonicalJson, newId, sha256 } from '../util/ids';
import { ensureMirror, mirrorName, mirrorWriter } from './mirror';
import { TRAVELLING, SYNC_PROTOCOL, type TravellingTable } from './travelling';
import type { DownMessage, EnrollRequest, EnrollResponse, PullResponse, PushRequest, PushResponse, WireRecord } from './protocol';

export interface StationReg {
  id: string;
  station_id: string | null;
  name: string;
  code: string;
  level: string;
  otc_hash: string | null;
  otc_expires_at: number | null;
  cred_hash: string | null;
  file_key: string | null;
  enrolled_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  applied_seq: number;
  pulled_seq: number;
  waiting: number;
  last_seen_at: number | null;
  last_push_at: number | null;
  created_by: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export const OTC_TTL_MS = 72 * 3600_000;
const OTC_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

export const normalizeOtc = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
export function newOneTimeSecret(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += OTC_ALPHABET[randomInt(OTC_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
export const newCredential = () => `wrs1.${randomBytes(32).toString('base64url')}`;
/** The key that authenticates exported files: derived from the credential, never the credential itself. */
export const fileKey = (credential: string) => createHmac('sha256', credential).update('watchroom-sync-file-v1').digest('hex');

/** Every exchange: a different protocol or schema is a clear error before anything is applied. */
export function checkVersions(v: { protocol: number; schemaVersion: number }): void {
  if (v.protocol !== SYNC_PROTOCOL) throw new ApiError('CONFLICT', 'sync.protocolMismatch', { theirs: v.protocol, ours: SYNC_PROTOCOL });
  if (v.schemaVersion !== CODE_SCHEMA_VERSION) throw new ApiError('CONFLICT', 'sync.schemaMismatch', { theirs: v.schemaVersion, ours: CODE_SCHEMA_VERSION });
}

export const getReg = (db: DB, id: string) => stmt(db, 'SELECT * FROM sync_stations WHERE id = ?').get(id) as StationReg | undefined;
export const regByStationId = (db: DB, stationId: string) => stmt(db, 'SELECT * FROM sync_stations WHERE station_id = ?').get(stationId) as StationReg | undefined;
/** Stations registered and not revoked. */
export const activeRegCount = (db: DB) => (stmt(db, 'SELECT count(*) AS n FROM sync_stations WHERE revoked_at IS NULL').get() as { n: number }).n;

/** A carried file already imported (by its checksum), with how many records it applied then. */
export const importedFile = (db: DB, digest: string) => stmt(db, 'SELECT applied FROM sync_files WHERE digest = ?').get(digest) as { applied: number } | undefined;
export function recordImportedFile(db: DB, f: { digest: string; stationId: string; records: number; applied: number; by: string }, now: number): void {
  stmt(db, 'INSERT INTO sync_files (digest, station_id, records, applied, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)').run(f.digest, f.stationId, f.records, f.applied, now, f.by);
}

export const listRegs = (db: DB) => stmt(db, 'SELECT * FROM sync_stations ORDER BY name').all() as StationReg[];

export function registerStation(db: DB, f: { name: string; code: string; level: 'township' | 'depot' | 'district' }, by: string, now: number): { reg: StationReg; secret: string } {
  const secret = newOneTimeSecret();
  const id = newId();
  stmt(db,
    `INSERT INTO sync_stations (id, name, code, level, otc_hash, otc_expires_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, f.name, f.code, f.level, sha256(normalizeOtc(secret)), now + OTC_TTL_MS, by, now, now);
  return { reg: getReg(db, id)!, secret };
}

/** A new one-time code (the old one stops working). Re-enrolling replaces the credential. */
export function reissueSecret(db: DB, id: string, version: number, now: number): { reg: StationReg; secret: string } {
  const secret = newOneTimeSecret();
  updateVersioned(
    db,
    'sync_stations',
    id,
    version,
    { otc_hash: sha256(normalizeOtc(secret)), otc_expires_at: now + OTC_TTL_MS, revoked_at: null, revoked_by: null, revoke_reason: null },
    now,
  );
  return { reg: getReg(db, id)!, secret };
}

export function revokeStation(db: DB, id: string, version: number, reason: string, by: string, now: number): StationReg {
  updateVersioned(db, 'sync_stations', id, version, { revoked_at: now, revoked_by: by, revoke_reason: reason, file_key: null, otc_hash: null }, now, {
    guard: 'revoked_at IS NULL',
  });
  return getReg(db, id)!;
}

/** The township exchanges its one-time code, once, for a station credential. */
export function enroll(db: DB, req: EnrollRequest, hub: { id: string; name: string; level: string }, now: number): EnrollResponse {
  checkVersions(req);
  if (hub.level !== 'district') throw new ApiError('FORBIDDEN', 'sync.notHub');
  const reg = stmt(db, 'SELECT * FROM sync_stations WHERE otc_hash = ?').get(sha256(normalizeOtc(req.oneTimeSecret))) as StationReg | undefined;
  if (!reg || reg.otc_expires_at === null || reg.otc_expires_at < now) throw new ApiError('UNAUTHENTICATED', 'sync.badSecret');
  if (req.stationId === hub.id) throw new ApiError('CONFLICT', 'sync.selfEnroll');
  const other = stmt(db, 'SELECT id FROM sync_stations WHERE station_id = ? AND id <> ?').get(req.stationId, reg.id) as { id: string } | undefined;
  if (other) throw new ApiError('CONFLICT', 'sync.stationTaken');
  if (reg.station_id && reg.station_id !== req.stationId) throw new ApiError('CONFLICT', 'sync.stationTaken');
  const credential = newCredential();
  bumpVersion(db, 'sync_stations', reg.id, now, {
    station_id: req.stationId,
    otc_hash: null,
    otc_expires_at: null,
    cred_hash: sha256(credential),
    file_key: fileKey(credential),
    enrolled_at: now,
    last_seen_at: now,
  });
  return { credential, hubStationId: hub.id, hubName: hub.name, registrationId: reg.id };
}

/** Station credential → its registration. Sessions of users play no part here. */
export function authStation(db: DB, credential: string | null): StationReg {
  if (!credential) throw new ApiError('UNAUTHENTICATED', 'sync.badCredential');
  const reg = stmt(db, 'SELECT * FROM sync_stations WHERE cred_hash = ?').get(sha256(credential)) as StationReg | undefined;
  if (!reg || !reg.station_id) throw new ApiError('UNAUTHENTICATED', 'sync.badCredential');
  if (reg.revoked_at) throw new ApiError('UNAUTHENTICATED', 'sync.revoked');
  return reg;
}

const RANK = new Map(TRAVELLING.map((d, i) => [d.table, i]));
const DEFS = new Map(TRAVELLING.map((d) => [d.table, d]));

/** SHA-256 over the batch, streamed record by record (no re-serialisation of the row text). */
export function batchDigest(stationId: string, fromSeq: number, toSeq: number, records: readonly WireRecord[]): string {
  const h = createHash('sha256').update(`${stationId}\n${fromSeq}\n${toSeq}\n`);
  for (const [seq, tbl, pk, row] of records) h.update(`${seq}\t${tbl}\t${pk.length}:${pk}\t${row.length}:${row}\n`);
  return h.digest('hex');
}

export interface ParsedRecord {
  seq: number;
  def: TravellingTable;
  row: Record<string, unknown>;
}

/** The checks every engine makes before reading the store: station, range, order. Returns the batch digest. */
export function checkBatch(reg: Pick<StationReg, 'station_id'>, b: Pick<PushRequest, 'stationId' | 'fromSeq' | 'toSeq' | 'records'>): string {
  if (reg.station_id !== b.stationId) throw new ApiError('FORBIDDEN', 'sync.wrongStation');
  if (b.toSeq < b.fromSeq) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'range' });
  let prev = b.fromSeq - 1;
  for (const r of b.records) {
    if (r[0] <= prev || r[0] > b.toSeq) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'order' });
    prev = r[0];
  }
  return batchDigest(b.stationId, b.fromSeq, b.toSeq, b.records);
}

/** Records after the applied sequence, parsed and checked (known table, key matches row, owner column), parents first. */
export function parseRecords(stationId: string, appliedSeq: number, records: readonly WireRecord[]): ParsedRecord[] {
  const parsed: ParsedRecord[] = [];
  for (const [seq, table, pk, rowText] of records) {
    if (seq <= appliedSeq) continue;
    const def = DEFS.get(table);
    if (!def) throw new ApiError('VALIDATION', 'sync.unknownTable', { table: table.slice(0, 64) });
    let row: Record<string, unknown>;
    let key: unknown;
    try {
      row = JSON.parse(rowText) as Record<string, unknown>;
      key = JSON.parse(pk);
    } catch {
      throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'json' });
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'row' });
    if (canonicalJson(key) !== canonicalJson(def.key.map((k) => row[k] ?? null))) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'key' });
    if ('column' in def.owner && row[def.owner.column] !== stationId) {
      throw new ApiError('FORBIDDEN', 'sync.notOwner', { table, key: pk.slice(0, 80) });
    }
    parsed.push({ seq, def, row });
  }
  parsed.sort((x, y) => RANK.get(x.def.table)! - RANK.get(y.def.table)! || x.seq - y.seq);
  return parsed;
}

export const travellingDef = (table: string) => DEFS.get(table);

/**
 * Applies one batch for one station. Must run inside a transaction: any refusal throws and
 * nothing is applied. Idempotent: sequences at or below the station's applied sequence are
 * skipped; a replayed batch id is acknowledged; a different batch under a known id is refused.
 */
export function applyBatch(
  db: DB,
  reg: StationReg,
  b: Pick<PushRequest, 'stationId' | 'batchId' | 'fromSeq' | 'toSeq' | 'waiting' | 'records'>,
  via: 'http' | 'file',
  now: number,
): PushResponse {
  const digest = checkBatch(reg, b);
  const seen = stmt(db, 'SELECT digest FROM sync_batches WHERE batch_id = ?').get(b.batchId) as { digest: string } | undefined;
  const touch = (applied: number) =>
    stmt(db, 'UPDATE sync_stations SET applied_seq = max(applied_seq, ?), waiting = ?, last_seen_at = ?, last_push_at = ? WHERE id = ?').run(
      applied,
      b.waiting,
      now,
      now,
      reg.id,
    );
  if (seen) {
    if (seen.digest !== digest) throw new ApiError('FORBIDDEN', 'sync.forgedBatch');
    touch(reg.applied_seq);
    return { appliedSeq: reg.applied_seq, applied: 0, duplicate: true };
  }
  if (b.toSeq <= reg.applied_seq) {
    touch(reg.applied_seq);
    return { appliedSeq: reg.applied_seq, applied: 0, duplicate: true };
  }
  if (b.fromSeq > reg.applied_seq + 1) throw new ApiError('CONFLICT', 'sync.gap', { appliedSeq: reg.applied_seq }, { appliedSeq: reg.applied_seq });

  const parsed = parseRecords(b.stationId, reg.applied_seq, b.records);
  const writers = new Map<string, ReturnType<typeof mirrorWriter>>();
  let applied = 0;
  for (const p of parsed) {
    let write = writers.get(p.def.table);
    if (!write) {
      const made = ensureMirror(db, p.def);
      writers.set(p.def.table, (write = mirrorWriter(db, p.def, made)));
    }
    if ('via' in p.def.owner) {
      const v = p.def.owner.via;
      const parent = DEFS.get(v.table)!;
      ensureMirror(db, parent);
      const owner = stmt(db, `SELECT "${v.parentOwner}" AS o FROM ${mirrorName(v.table)} WHERE _origin = ? AND "${v.parentKey}" = ?`).get(b.stationId, p.row[v.column]) as
        | { o: unknown }
        | undefined;
      if (!owner || owner.o !== b.stationId) throw new ApiError('FORBIDDEN', 'sync.notOwner', { table: p.def.table, key: String(p.row[v.column]).slice(0, 80) });
    }
    applied += write(b.stationId, p.seq, now, p.row);
  }
  stmt(db, 'INSERT INTO sync_batches (batch_id, station_id, from_seq, to_seq, records, digest, via, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    b.batchId,
    b.stationId,
    b.fromSeq,
    b.toSeq,
    b.records.length,
    digest,
    via,
    now,
  );
  touch(b.toSeq);
  return { appliedSeq: b.toSeq, applied, duplicate: false };
}

/** Down-flow for one station: broadcast master data and the dispatch orders addressed to it. */
export function pullFor(db: DB, reg: StationReg, cursor: number, limit: number, now: number): PullResponse {
  const rows = stmt(db,
    `SELECT seq, type, kind, key, data FROM sync_down WHERE seq > ? AND (to_station IS NULL OR to_station = ?) ORDER BY seq LIMIT ?`,
  ).all(cursor, reg.id, limit + 1) as { seq: number; type: 'master' | 'dispatch'; kind: string; key: string; data: string }[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const maxSeq = (stmt(db, 'SELECT coalesce(max(seq), 0) AS m FROM sync_down').get() as { m: number }).m;
  const next = more ? page[page.length - 1].seq : Math.max(cursor, maxSeq);
  stmt(db, 'UPDATE sync_stations SET pulled_seq = max(pulled_seq, ?), last_seen_at = ? WHERE id = ?').run(cursor, now, reg.id);
  return {
    messages: page.map((r) => ({ seq: r.seq, type: r.type, kind: r.kind, key: r.key, data: JSON.parse(r.data) }) as DownMessage),
    cursor: next,
    more,
  };
}

export interface DispatchInput {
  toRegId: string;
  fromName: string;
  deadlineAt?: number | null;
  note?: string;
  lines: { itemCode: string; itemName: string; unit: string; qty: number }[];
}

/** The dispatch order as it travels down to the township; both hub engines build it here. */
export function dispatchMessage(input: DispatchInput, hub: { id: string; name: string }, year: number, n: number, id: string, now: number): Extract<DownMessage, { type: 'dispatch' }>['data'] {
  return {
    id,
    orderNo: `DB${year}-${String(n).padStart(4, '0')}`,
    fromName: input.fromName,
    lines: input.lines,
    deadlineAt: input.deadlineAt ?? null,
    note: input.note ?? '',
    issuedAt: now,
    originName: hub.name,
    origin: hub.id,
  };
}

export function createDispatch(db: DB, input: DispatchInput, hub: { id: string; name: string }, user: { id: string; displayName: string }, now: number) {
  const reg = getReg(db, input.toRegId);
  if (!reg) throw new ApiError('NOT_FOUND', 'notFound', { entity: 'station', id: input.toRegId });
  if (reg.revoked_at) throw new ApiError('CONFLICT', 'sync.stationRevoked');
  const year = new Date(now).getUTCFullYear();
  const n = (stmt(db, "SELECT count(*) AS n FROM sync_dispatch_orders WHERE order_no LIKE ?").get(`DB${year}-%`) as { n: number }).n + 1;
  const data = dispatchMessage(input, hub, year, n, newId(), now);
  const { id, orderNo } = data;
  const down = stmt(db, "INSERT INTO sync_down (to_station, type, kind, key, data, created_at) VALUES (?, 'dispatch', 'dispatch_order', ?, ?, ?)").run(
    reg.id,
    id,
    JSON.stringify(data),
    now,
  );
  stmt(db,
    `INSERT INTO sync_dispatch_orders (id, station_id, order_no, to_reg_id, from_name, lines, deadline_at, note, down_seq, created_by, created_by_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, hub.id, orderNo, reg.id, input.fromName, JSON.stringify(input.lines), input.deadlineAt ?? null, input.note ?? '', Number(down.lastInsertRowid), user.id, user.displayName, now);
  return { id, orderNo, downSeq: Number(down.lastInsertRowid), reg };
}
