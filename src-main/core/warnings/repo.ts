import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { tryUpdateVersioned, type Patch } from '../db/versioned';
import {
  LEVEL_COLOUR,
  statusAt,
  type Channel,
  type EntryKind,
  type Level,
  type ReceiptStatus,
  type RecipientRow,
  type WarningAttachment,
  type WarningEntry,
  type WarningRow,
  type WarningRule,
  type WarningRuleView,
} from '../../contract/warnings';
import rulesFile from '../../../resources/warnings/deadline-rules.json';

/* ---------------- rules ---------------- */

/** National defaults (standards §1), shipped as data. */
export const DEFAULT_RULES: readonly WarningRule[] = (rulesFile as { rules: WarningRule[] }).rules;

interface OverrideRecord { rule_id: string; enabled: number | null; minutes: number | null; note: string | null; version: number }

export function ruleViews(db: DB): WarningRuleView[] {
  const ov = new Map((stmt(db, 'SELECT rule_id, enabled, minutes, note, version FROM warning_rule_overrides').all() as OverrideRecord[]).map((o) => [o.rule_id, o]));
  return DEFAULT_RULES.map((r) => {
    const o = ov.get(r.id);
    return {
      ...r,
      minutes: o?.minutes ?? r.minutes,
      enabled: o && o.enabled !== null ? o.enabled === 1 : r.enabled,
      defaults: { minutes: r.minutes, enabled: r.enabled },
      overridden: !!o && (o.enabled !== null || o.minutes !== null),
      note: o?.note ?? null,
      version: o?.version ?? 0,
    };
  });
}

export function upsertRuleOverride(db: DB, o: { ruleId: string; stationId: string; enabled: boolean | null; minutes: number | null; note: string | null; by: string; now: number; version: number }): boolean {
  const cur = stmt(db, 'SELECT version FROM warning_rule_overrides WHERE rule_id = ?').get(o.ruleId) as { version: number } | undefined;
  if ((cur?.version ?? 0) !== o.version) return false;
  const enabled = o.enabled === null ? null : o.enabled ? 1 : 0;
  if (!cur) {
    stmt(db, 'INSERT INTO warning_rule_overrides (rule_id, station_id, enabled, minutes, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(o.ruleId, o.stationId, enabled, o.minutes, o.note, o.by, o.now);
    return true;
  }
  return tryUpdateVersioned(db, 'warning_rule_overrides', { rule_id: o.ruleId }, o.version, { enabled, minutes: o.minutes, note: o.note, updated_by: o.by }, o.now);
}

/* ---------------- warnings ---------------- */

export interface WarningRecord {
  id: string;
  station_id: string;
  year: number;
  seq: number;
  issuer: string;
  kind: string;
  level: Level;
  doc_no: string | null;
  valid_from: number;
  valid_until: number | null;
  received_at: number;
  text: string;
  lifted_at: number | null;
  leader_due_at: number | null;
  leader_notified_at: number | null;
  leader_via: 'app' | 'phone' | null;
  leader_name: string | null;
  leader_instruction: string | null;
  leader_late_reason: string | null;
  forward_due_at: number | null;
  created_by: string;
  created_by_name: string;
  version: number;
}

export const warningNo = (r: { year: number; seq: number }) => `${r.year}-Y${String(r.seq).padStart(4, '0')}`;

export function nextSeq(db: DB, year: number): number {
  return ((stmt(db, 'SELECT MAX(seq) AS m FROM warnings WHERE year = ?').get(year) as { m: number | null }).m ?? 0) + 1;
}

export function insertWarning(db: DB, r: Omit<WarningRecord, 'lifted_at' | 'leader_notified_at' | 'leader_via' | 'leader_name' | 'leader_instruction' | 'leader_late_reason' | 'version'>, areaCodes: string[], now: number): void {
  stmt(db, `INSERT INTO warnings (id, station_id, year, seq, issuer, kind, level, doc_no, valid_from, valid_until, received_at, text,
              leader_due_at, forward_due_at, created_by, created_by_name, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.id, r.station_id, r.year, r.seq, r.issuer, r.kind, r.level, r.doc_no, r.valid_from, r.valid_until, r.received_at, r.text,
    r.leader_due_at, r.forward_due_at, r.created_by, r.created_by_name, now, now,
  );
  const ins = stmt(db, 'INSERT OR IGNORE INTO warning_areas (warning_id, place_code) VALUES (?, ?)');
  for (const c of areaCodes) ins.run(r.id, c);
}

export const recordById = (db: DB, id: string) => stmt(db, 'SELECT * FROM warnings WHERE id = ?').get(id) as WarningRecord | undefined;

export function updateWarning(db: DB, id: string, version: number, patch: Readonly<Patch>, now: number): boolean {
  return tryUpdateVersioned(db, 'warnings', id, version, patch, now);
}

export function areaCodesOf(db: DB, id: string): string[] {
  return (stmt(db, `SELECT a.place_code AS code FROM warning_areas a JOIN places p ON p.code = a.place_code
                    WHERE a.warning_id = ? ORDER BY p.level DESC, p.sort, p.code`).all(id) as { code: string }[]).map((r) => r.code);
}

/** Area names as a person reads them: a village with its township (城区街道·东风社区). */
export function areaNamesOf(db: DB, id: string): string[] {
  return (stmt(db, `SELECT CASE WHEN p.level = 'village' THEN coalesce(t.name || '·', '') || p.name ELSE p.name END AS name
                    FROM warning_areas a JOIN places p ON p.code = a.place_code LEFT JOIN places t ON t.code = p.parent_code
                    WHERE a.warning_id = ? ORDER BY coalesce(t.sort, p.sort), p.level = 'village', p.sort`).all(id) as { name: string }[]).map((r) => r.name);
}

interface Counts { recipients: number; notified: number; confirmed: number; last: number | null; pending: number }
function countsOf(db: DB, id: string): Counts {
  return stmt(db, `SELECT count(*) AS recipients, sum(status <> 'pending') AS notified, sum(status = 'confirmed') AS confirmed,
                          sum(status = 'pending') AS pending, max(notified_at) AS last
                   FROM warning_recipients WHERE warning_id = ?`).get(id) as Counts;
}

/** When forwarding was complete: every listed recipient notified (null while one waits, or none listed). */
export function forwardedAt(c: { recipients: number; pending: number; last: number | null }): number | null {
  return c.recipients > 0 && (c.pending ?? 0) === 0 ? c.last : null;
}

export function toRow(db: DB, r: WarningRecord, now: number): WarningRow {
  const c = countsOf(db, r.id);
  return {
    id: r.id,
    no: warningNo(r),
    issuer: r.issuer,
    kind: r.kind,
    level: r.level,
    colour: LEVEL_COLOUR[r.level],
    docNo: r.doc_no,
    areaNames: areaNamesOf(db, r.id),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    receivedAt: r.received_at,
    status: statusAt({ liftedAt: r.lifted_at, validUntil: r.valid_until }, now),
    liftedAt: r.lifted_at,
    leaderDueAt: r.leader_due_at,
    leaderNotifiedAt: r.leader_notified_at,
    forwardDueAt: r.forward_due_at,
    forwardedAt: forwardedAt(c),
    recipients: c.recipients,
    notified: c.notified ?? 0,
    confirmed: c.confirmed ?? 0,
    version: r.version,
  };
}

export function listRecords(db: DB, o: { activeOnly: boolean; now: number; limit: number }): WarningRecord[] {
  if (o.activeOnly) {
    return stmt(db, `SELECT * FROM warnings WHERE lifted_at IS NULL AND (valid_until IS NULL OR valid_until > ?)
                     ORDER BY level, received_at DESC LIMIT ?`).all(o.now, o.limit) as WarningRecord[];
  }
  return stmt(db, 'SELECT * FROM warnings ORDER BY received_at DESC LIMIT ?').all(o.limit) as WarningRecord[];
}

/** Warnings still waiting for a deadline to be met: leader not told, or forwarding not complete (lifted ones stop). */
export function openDeadlineRecords(db: DB, now: number): (WarningRecord & { pending: number; recipients: number })[] {
  // Lifted or expired warnings stop waiting: passing on a warning no longer in force helps no one.
  return stmt(db, `SELECT * FROM (
                     SELECT w.*, (SELECT count(*) FROM warning_recipients r WHERE r.warning_id = w.id AND r.status = 'pending') AS pending,
                            (SELECT count(*) FROM warning_recipients r WHERE r.warning_id = w.id) AS recipients
                     FROM warnings w WHERE w.lifted_at IS NULL AND (w.valid_until IS NULL OR w.valid_until > ?))
                   WHERE (leader_due_at IS NOT NULL AND leader_notified_at IS NULL) OR (forward_due_at IS NOT NULL AND (recipients = 0 OR pending > 0))
                   ORDER BY received_at`).all(now) as (WarningRecord & { pending: number; recipients: number })[];
}

/* ---------------- timeline ---------------- */

export function appendEntry(db: DB, e: { id: string; stationId: string; warningId: string; kind: EntryKind; at: number; body: string; level?: Level | null; validUntil?: number | null; authorId: string; authorName: string; now: number }): void {
  stmt(db, `INSERT INTO warning_entries (id, station_id, warning_id, kind, at, body, level, valid_until, author_id, author_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(e.id, e.stationId, e.warningId, e.kind, e.at, e.body, e.level ?? null, e.validUntil ?? null, e.authorId, e.authorName, e.now);
}

export function entriesOf(db: DB, id: string): WarningEntry[] {
  return stmt(db, `SELECT id, kind, at, body, level, valid_until AS validUntil, author_name AS authorName
                   FROM warning_entries WHERE warning_id = ? ORDER BY at, n`).all(id) as WarningEntry[];
}

export function entriesBetween(db: DB, from: number, to: number): (WarningEntry & { warningId: string; year: number; seq: number; kindName: string; warnLevel: Level })[] {
  return stmt(db, `SELECT e.id, e.kind, e.at, e.body, e.level, e.valid_until AS validUntil, e.author_name AS authorName, e.warning_id AS warningId,
                          w.year, w.seq, w.kind AS kindName, w.level AS warnLevel
                   FROM warning_entries e JOIN warnings w ON w.id = e.warning_id
                   WHERE e.at >= ? AND e.at < ? ORDER BY e.at, e.n`).all(from, to) as never;
}

/* ---------------- recipients ---------------- */

interface RecipientRecord {
  id: string; name: string; unit: string; township_code: string | null; township_name: string | null; phone: string; channel: Channel; status: ReceiptStatus;
  notified_at: number | null; notified_by_name: string | null; late_reason: string | null; confirmed_at: number | null; confirmed_name: string | null; recorded_by_name: string | null;
}

export function recipientsOf(db: DB, id: string): RecipientRow[] {
  return (stmt(db, `SELECT r.*, p.name AS township_name FROM warning_recipients r LEFT JOIN places p ON p.code = r.township_code
                    WHERE r.warning_id = ? ORDER BY r.sort`).all(id) as RecipientRecord[]).map((r) => ({
    id: r.id, name: r.name, unit: r.unit, townshipCode: r.township_code, townshipName: r.township_name, phone: r.phone, channel: r.channel, status: r.status,
    notifiedAt: r.notified_at, notifiedByName: r.notified_by_name, lateReason: r.late_reason, confirmedAt: r.confirmed_at, confirmedName: r.confirmed_name,
    recordedByName: r.recorded_by_name,
  }));
}

export function insertRecipient(db: DB, r: { id: string; stationId: string; warningId: string; name: string; unit: string; townshipCode: string | null; phone: string; channel: Channel; by: string; now: number }): void {
  const sort = ((stmt(db, 'SELECT MAX(sort) AS m FROM warning_recipients WHERE warning_id = ?').get(r.warningId) as { m: number | null }).m ?? 0) + 1;
  stmt(db, `INSERT INTO warning_recipients (id, station_id, warning_id, sort, name, unit, township_code, phone, channel, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(r.id, r.stationId, r.warningId, sort, r.name, r.unit, r.townshipCode, r.phone, r.channel, r.by, r.now);
}

export const recipientById = (db: DB, id: string) =>
  stmt(db, 'SELECT id, warning_id, name, status, notified_at FROM warning_recipients WHERE id = ?').get(id) as
    { id: string; warning_id: string; name: string; status: ReceiptStatus; notified_at: number | null } | undefined;

export function markNotified(db: DB, id: string, o: { at: number; by: string; byName: string; lateReason: string | null }): void {
  stmt(db, `UPDATE warning_recipients SET status = 'notified', notified_at = ?, notified_by = ?, notified_by_name = ?, late_reason = ?
            WHERE id = ? AND status = 'pending'`).run(o.at, o.by, o.byName, o.lateReason, id);
}

export function markConfirmed(db: DB, id: string, o: { at: number; confirmedName: string; by: string; byName: string }): void {
  stmt(db, `UPDATE warning_recipients SET status = 'confirmed', confirmed_at = ?, confirmed_name = ?, recorded_by = ?, recorded_by_name = ?
            WHERE id = ? AND status = 'notified'`).run(o.at, o.confirmedName, o.by, o.byName, id);
}

/* ---------------- attachments ---------------- */

export function insertAttachment(db: DB, a: { id: string; stationId: string; warningId: string; sha256: string; name: string; mime: string; size: number; by: string; byName: string; at: number }): void {
  stmt(db, `INSERT INTO warning_attachments (id, station_id, warning_id, sha256, name, mime, size, created_by, created_by_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.id, a.stationId, a.warningId, a.sha256, a.name, a.mime, a.size, a.by, a.byName, a.at);
}

export function attachmentsOf(db: DB, id: string): WarningAttachment[] {
  return stmt(db, `SELECT id, name, mime, size, created_at AS createdAt, created_by_name AS createdByName
                   FROM warning_attachments WHERE warning_id = ? ORDER BY created_at`).all(id) as WarningAttachment[];
}

export const attachmentById = (db: DB, id: string) =>
  stmt(db, 'SELECT id, sha256, name, mime, size FROM warning_attachments WHERE id = ?').get(id) as { id: string; sha256: string; name: string; mime: string; size: number } | undefined;

/* ---------------- leader queue ---------------- */

/** Warnings the leader on duty has not yet been told of (or not yet decided on), oldest first. */
export function awaitingLeader(db: DB): WarningRecord[] {
  return stmt(db, 'SELECT * FROM warnings WHERE lifted_at IS NULL AND leader_notified_at IS NULL ORDER BY received_at').all() as WarningRecord[];
}
