import { createHmac } from 'node:crypto';
import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { CODE_SCHEMA_VERSION } from '../db/migrations';
import { canonicalJson, sha256 } from '../util/ids';
import { ApiError } from '../util/errors';
import { fileKey } from './hub';
import { SYNC_PROTOCOL } from './travelling';
import type { DownMessage, SyncFile, WireRecord } from './protocol';

/** The station side of the link to its hub: persistent cursors, outbox reading, down-flow. */
export interface LinkRow {
  hub_url: string | null;
  hub_name: string | null;
  credential: string | null;
  allow_plain_http: number;
  enrolled_at: number | null;
  acked_seq: number;
  pull_cursor: number;
  last_ok_at: number | null;
  last_attempt_at: number | null;
  last_error_key: string | null;
  last_error_params: string | null;
  last_error_at: number | null;
  failures: number;
  next_attempt_at: number | null;
  version: number;
  updated_at: number;
}

export function getLink(db: DB): LinkRow {
  const r = stmt(db, 'SELECT * FROM sync_link WHERE singleton = 1').get() as LinkRow | undefined;
  if (r) return r;
  stmt(db, 'INSERT OR IGNORE INTO sync_link (singleton, updated_at) VALUES (1, 0)').run();
  return stmt(db, 'SELECT * FROM sync_link WHERE singleton = 1').get() as LinkRow;
}

export function setLink(db: DB, patch: Partial<LinkRow>, now: number): void {
  getLink(db);
  const keys = Object.keys(patch) as (keyof LinkRow)[];
  if (!keys.length) return;
  const sql = `UPDATE sync_link SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @__now WHERE singleton = 1`;
  stmt(db, sql).run({ ...patch, __now: now });
}

export const maxOutboxSeq = (db: DB) => (stmt(db, 'SELECT coalesce(max(seq), 0) AS m FROM sync_outbox').get() as { m: number }).m;
export const waitingCount = (db: DB, acked: number) => (stmt(db, 'SELECT count(*) AS n FROM sync_outbox WHERE seq > ?').get(acked) as { n: number }).n;

const MAX_BATCH_BYTES = 4 * 1024 * 1024;
/** The next contiguous slice of the outbox after `after`, bounded by count and bytes. */
export function readBatch(db: DB, after: number, maxRecords = 500): WireRecord[] {
  const rows = stmt(db, 'SELECT seq, tbl, pk, row FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?').all(after, maxRecords) as {
    seq: number;
    tbl: string;
    pk: string;
    row: string;
  }[];
  const out: WireRecord[] = [];
  let bytes = 0;
  for (const r of rows) {
    bytes += r.row.length + r.pk.length + 40;
    if (out.length && bytes > MAX_BATCH_BYTES) break;
    out.push([r.seq, r.tbl, r.pk, r.row]);
  }
  return out;
}

/**
 * The hub is the truth about what it applied. If it reports more than this station ever wrote
 * (this database was restored from an older backup), the outbox sequence jumps past it so new
 * records are not mistaken for ones already delivered.
 */
export function adoptHubCursor(db: DB, appliedSeq: number, now: number): void {
  if (appliedSeq > maxOutboxSeq(db)) {
    const has = stmt(db, "SELECT 1 FROM sqlite_sequence WHERE name = 'sync_outbox'").get();
    if (has) stmt(db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sync_outbox'").run(appliedSeq);
    else stmt(db, "INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ?)").run(appliedSeq);
  }
  setLink(db, { acked_seq: appliedSeq }, now);
}

/** Has the hub acknowledged the latest snapshot of this record? (a report is "sent" when it has) */
export function isAcknowledged(db: DB, table: string, key: readonly unknown[]): boolean | null {
  const r = stmt(db, 'SELECT max(seq) AS s FROM sync_outbox WHERE tbl = ? AND pk = ?').get(table, JSON.stringify(key)) as { s: number | null };
  if (r.s === null) return null;
  return r.s <= getLink(db).acked_seq;
}

/** Applies down-flow messages (in one transaction, by the caller) and moves the pull cursor. */
export function applyDown(db: DB, messages: readonly DownMessage[], cursor: number, now: number): { master: number; dispatch: number } {
  let master = 0;
  let dispatch = 0;
  for (const m of messages) {
    if (m.type === 'master') {
      stmt(db,
        `INSERT INTO sync_master (kind, key, origin, data, down_seq, received_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(kind, key) DO UPDATE SET data = excluded.data, origin = excluded.origin, down_seq = excluded.down_seq, received_at = excluded.received_at
         WHERE excluded.down_seq > sync_master.down_seq`,
      ).run(m.kind, m.key, String((m.data.row as { station_id?: unknown }).station_id ?? ''), JSON.stringify(m.data), m.seq, now);
      master++;
    } else if (m.type === 'dispatch') {
      const d = m.data;
      const r = stmt(db,
        `INSERT OR IGNORE INTO sync_inbound (id, origin, origin_name, order_no, from_name, lines, deadline_at, note, issued_at, down_seq, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.origin, d.originName, d.orderNo, d.fromName, JSON.stringify(d.lines), d.deadlineAt, d.note, d.issuedAt, m.seq, now);
      dispatch += r.changes;
    }
  }
  setLink(db, { pull_cursor: Math.max(getLink(db).pull_cursor, cursor) }, now);
  return { master, dispatch };
}

/** Versions every exchange carries. */
export const versions = () => ({ protocol: SYNC_PROTOCOL, schemaVersion: CODE_SCHEMA_VERSION });

export function signFilePayload(payload: Omit<SyncFile, 'checksum' | 'hmac'>, key: string): SyncFile {
  const checksum = sha256(canonicalJson(payload));
  const hmac = createHmac('sha256', key).update(checksum).digest('hex');
  return { ...payload, checksum, hmac };
}

/** Everything not yet acknowledged, as one authenticated file (no network at all). */
export function exportFile(db: DB, station: { id: string; name: string }, now: number): { file: SyncFile; fileName: string } {
  const link = getLink(db);
  if (!link.credential) throw new ApiError('CONFLICT', 'sync.notEnrolled');
  const records: WireRecord[] = (stmt(db, 'SELECT seq, tbl, pk, row FROM sync_outbox WHERE seq > ? ORDER BY seq').all(link.acked_seq) as {
    seq: number;
    tbl: string;
    pk: string;
    row: string;
  }[]).map((r) => [r.seq, r.tbl, r.pk, r.row]);
  if (!records.length) throw new ApiError('CONFLICT', 'sync.nothingToExport');
  const payload = {
    format: 'watchroom-sync-batch' as const,
    ...versions(),
    stationId: station.id,
    stationName: station.name,
    createdAt: now,
    fromSeq: link.acked_seq + 1,
    toSeq: records[records.length - 1][0],
    waiting: 0,
    records,
  };
  const file = signFilePayload(payload, fileKey(link.credential));
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return { file, fileName: `watchroom-sync-${stamp}-${payload.fromSeq}-${payload.toSeq}.json` };
}
