import type { DB } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * Every SQL statement of notices. Three sources meet here without importing the sync domain:
 * at a township, the notices arrive as sync_master rows of kind 'notice' (the district's `notices`
 * row as `data.row`); at the district, receipts arrive as the hub's read-only copies
 * `sync_copy_notice_receipts` (core/sync/mirror.ts naming, `_origin` = township station id), and
 * townships are the hub's registrations `sync_stations`.
 */

export interface NoticeRec {
  id: string;
  station_id: string;
  no: string;
  title: string;
  body: string;
  to_stations: string;
  receipt_due_at: number | null;
  origin_name: string;
  issued_by: string;
  issued_by_name: string;
  issued_at: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface RecipientRec {
  id: string;
  station_id: string;
  notice_id: string;
  kind: 'station' | 'person';
  reg_id: string | null;
  to_station_id: string | null;
  name: string;
  phone: string;
  unit: string | null;
  manual_at: number | null;
  manual_by: string | null;
  manual_by_name: string | null;
  manual_note: string | null;
  manual_reply: string | null;
  reminded_at: number | null;
  reminders: number;
  version: number;
}

export interface ReceiptRec {
  id: string;
  station_id: string;
  notice_id: string;
  received_by: string;
  received_by_name: string;
  received_at: number;
  reply: string | null;
  replied_at: number | null;
  version: number;
}

// ── District side ───────────────────────────────────────────────────────────────────────────
export const noticesIssued = (db: DB, stationId: string, limit = 300) =>
  stmt(db, 'SELECT * FROM notices WHERE station_id = ? ORDER BY issued_at DESC LIMIT ?').all(stationId, limit) as NoticeRec[];
export const noticeById = (db: DB, id: string) => stmt(db, 'SELECT * FROM notices WHERE id = ?').get(id) as NoticeRec | undefined;

export function nextNoticeNo(db: DB, stationId: string, year: number): string {
  const n = (stmt(db, 'SELECT count(*) AS n FROM notices WHERE station_id = ? AND no LIKE ?').get(stationId, `${year}-%`) as { n: number }).n + 1;
  return `${year}-${String(n).padStart(3, '0')}`;
}

export function insertNotice(db: DB, r: Omit<NoticeRec, 'version' | 'created_at' | 'updated_at'>, now: number): void {
  stmt(db,
    `INSERT INTO notices (id, station_id, no, title, body, to_stations, receipt_due_at, origin_name, issued_by, issued_by_name, issued_at, created_at, updated_at)
     VALUES (@id, @station_id, @no, @title, @body, @to_stations, @receipt_due_at, @origin_name, @issued_by, @issued_by_name, @issued_at, @now, @now)`,
  ).run({ ...r, now });
}

export function insertRecipient(
  db: DB,
  r: Pick<RecipientRec, 'id' | 'station_id' | 'notice_id' | 'kind' | 'reg_id' | 'to_station_id' | 'name' | 'phone' | 'unit'>,
  now: number,
): void {
  stmt(db,
    `INSERT INTO notice_recipients (id, station_id, notice_id, kind, reg_id, to_station_id, name, phone, unit, created_at, updated_at)
     VALUES (@id, @station_id, @notice_id, @kind, @reg_id, @to_station_id, @name, @phone, @unit, @now, @now)`,
  ).run({ ...r, now });
}

export const recipientsOf = (db: DB, noticeId: string) =>
  stmt(db, "SELECT * FROM notice_recipients WHERE notice_id = ? ORDER BY kind = 'person', rowid").all(noticeId) as RecipientRec[];
export const recipientById = (db: DB, id: string) => stmt(db, 'SELECT * FROM notice_recipients WHERE id = ?').get(id) as RecipientRec | undefined;

export function markRecipient(db: DB, id: string, f: { by: string; byName: string; note: string; reply: string | null }, now: number): void {
  stmt(db,
    `UPDATE notice_recipients SET manual_at = ?, manual_by = ?, manual_by_name = ?, manual_note = ?, manual_reply = ?, version = version + 1, updated_at = ?
     WHERE id = ? AND manual_at IS NULL`,
  ).run(now, f.by, f.byName, f.note, f.reply, now, id);
}

export function addReminder(db: DB, r: { id: string; stationId: string; recipientId: string; by: string; byName: string; note: string }, now: number): void {
  stmt(db, 'INSERT INTO notice_reminders (id, station_id, recipient_id, at, by_id, by_name, note) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    r.id,
    r.stationId,
    r.recipientId,
    now,
    r.by,
    r.byName,
    r.note,
  );
  stmt(db, 'UPDATE notice_recipients SET reminded_at = ?, reminders = reminders + 1, version = version + 1, updated_at = ? WHERE id = ?').run(now, now, r.recipientId);
}

export interface RegRec {
  id: string;
  station_id: string | null;
  name: string;
  revoked_at: number | null;
  pulled_seq: number;
}
export const regById = (db: DB, id: string) =>
  stmt(db, 'SELECT id, station_id, name, revoked_at, pulled_seq FROM sync_stations WHERE id = ?').get(id) as RegRec | undefined;

/** The newest down-message of this notice: delivered to a station once it pulled past it. */
export const noticeDownSeq = (db: DB, noticeId: string) =>
  (stmt(db, "SELECT max(seq) AS s FROM sync_down WHERE kind = 'notice' AND key = ?").get(noticeId) as { s: number | null }).s;

const COPY = 'sync_copy_notice_receipts';
const copiesArrived = (db: DB) => !!stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(COPY);

/** The receipts townships sent up for a notice, by their station id. */
export function arrivedReceipts(db: DB, noticeId: string): Map<string, ReceiptRec> {
  const out = new Map<string, ReceiptRec>();
  if (!copiesArrived(db)) return out;
  for (const r of db.prepare(`SELECT * FROM ${COPY} WHERE notice_id = ?`).all(noticeId) as (ReceiptRec & { _origin: string })[]) out.set(r._origin, r);
  return out;
}

/** Receipts that arrived in a window (duty log). */
export function receiptsArrivedBetween(db: DB, from: number, to: number): (ReceiptRec & { _origin: string; _received_at: number })[] {
  if (!copiesArrived(db)) return [];
  return db.prepare(`SELECT * FROM ${COPY} WHERE _received_at >= ? AND _received_at < ? ORDER BY _received_at LIMIT 200`).all(from, to) as (ReceiptRec & {
    _origin: string;
    _received_at: number;
  })[];
}

export const noticesIssuedBetween = (db: DB, from: number, to: number) =>
  stmt(db, 'SELECT * FROM notices WHERE issued_at >= ? AND issued_at < ? ORDER BY issued_at').all(from, to) as NoticeRec[];
export const manualMarksBetween = (db: DB, from: number, to: number) =>
  stmt(db, 'SELECT r.*, n.title AS title FROM notice_recipients r JOIN notices n ON n.id = r.notice_id WHERE r.manual_at >= ? AND r.manual_at < ? ORDER BY r.manual_at').all(
    from,
    to,
  ) as (RecipientRec & { title: string })[];

// ── Township side ───────────────────────────────────────────────────────────────────────────
export interface ArrivedNotice {
  row: NoticeRec;
  receivedAt: number;
}

/** Notices the district sent down that name this station. */
export function noticesFor(db: DB, stationId: string): ArrivedNotice[] {
  const rows = stmt(db,
    `SELECT data, received_at FROM sync_master WHERE kind = 'notice'
       AND EXISTS (SELECT 1 FROM json_each(json_extract(data, '$.row.to_stations')) WHERE value = ?)
     ORDER BY json_extract(data, '$.row.issued_at') DESC LIMIT 300`,
  ).all(stationId) as { data: string; received_at: number }[];
  return rows.map((r) => ({ row: (JSON.parse(r.data) as { row: NoticeRec }).row, receivedAt: r.received_at }));
}

export const receiptOf = (db: DB, stationId: string, noticeId: string) =>
  stmt(db, 'SELECT * FROM notice_receipts WHERE station_id = ? AND notice_id = ?').get(stationId, noticeId) as ReceiptRec | undefined;

export function insertReceipt(db: DB, r: Omit<ReceiptRec, 'version'>, now: number): void {
  stmt(db,
    `INSERT INTO notice_receipts (id, station_id, notice_id, received_by, received_by_name, received_at, reply, replied_at, created_at, updated_at)
     VALUES (@id, @station_id, @notice_id, @received_by, @received_by_name, @received_at, @reply, @replied_at, @now, @now)`,
  ).run({ ...r, now });
}

export function setReply(db: DB, id: string, reply: string, now: number): void {
  stmt(db, 'UPDATE notice_receipts SET reply = ?, replied_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(reply, now, now, id);
}

export const receiptsBetween = (db: DB, stationId: string, from: number, to: number) =>
  stmt(db, 'SELECT * FROM notice_receipts WHERE station_id = ? AND received_at >= ? AND received_at < ? ORDER BY received_at').all(stationId, from, to) as ReceiptRec[];

// ── Board helpers ───────────────────────────────────────────────────────────────────────────
export const thisStation = (db: DB) => stmt(db, 'SELECT id, level FROM station WHERE singleton = 1').get() as { id: string; level: string } | undefined;
export const recipientCount = (db: DB, noticeId: string) => (stmt(db, 'SELECT count(*) AS c FROM notice_recipients WHERE notice_id = ?').get(noticeId) as { c: number }).c;
export const connectedNames = (db: DB) =>
  new Map((stmt(db, 'SELECT station_id, name FROM sync_stations WHERE station_id IS NOT NULL').all() as { station_id: string; name: string }[]).map((r) => [r.station_id, r.name]));
