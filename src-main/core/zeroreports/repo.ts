import type { DB } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * Every SQL statement of zero reporting. At a township the district's periods and deadline
 * overrides arrive as sync_master rows (kinds 'zero_report_period' / 'zero_report_rule', the
 * district's row as `data.row`); at the district the townships' reports arrive as the hub's copies
 * `sync_copy_zr_reports` (core/sync/mirror.ts naming, `_origin` = township station id) and the
 * townships are the hub's registrations `sync_stations`. The day's incidents are read from the
 * station's own incident log. No other domain is imported.
 */

export interface PeriodRec {
  id: string;
  station_id: string;
  name: string;
  kind: 'flood' | 'holiday' | 'event';
  start_date: string;
  end_date: string;
  deadline_minute: number;
  note: string;
  origin_name: string;
  voided_at: number | null;
  void_reason: string | null;
  version: number;
}

export interface RuleRec {
  id: string;
  station_id: string;
  period_id: string;
  reg_id: string;
  target_station_id: string | null;
  deadline_minute: number | null;
  version: number;
}

export interface ReportRec {
  id: string;
  station_id: string;
  for_reg_id: string;
  period_id: string;
  day: string;
  content: 'none' | 'incidents';
  incidents: string;
  note: string;
  filed_at: number;
  filed_by: string;
  filed_by_name: string;
  due_at: number;
  late: number;
  late_reason: string | null;
  via: 'app' | 'phone';
  caller: string | null;
  version: number;
}

export const thisStation = (db: DB) => stmt(db, 'SELECT id, name, level, time_zone FROM station WHERE singleton = 1').get() as
  | { id: string; name: string; level: string; time_zone: string }
  | undefined;

// ── Periods and overrides ─────────────────────────────────────────────────────────────────────
export const ownPeriods = (db: DB, stationId: string) =>
  stmt(db, 'SELECT * FROM zr_periods WHERE station_id = ? ORDER BY start_date DESC, name').all(stationId) as PeriodRec[];
export const periodById = (db: DB, id: string) => stmt(db, 'SELECT * FROM zr_periods WHERE id = ?').get(id) as PeriodRec | undefined;

export function insertPeriod(db: DB, p: Omit<PeriodRec, 'version' | 'voided_at' | 'void_reason'> & { created_by: string }, now: number): void {
  stmt(db,
    `INSERT INTO zr_periods (id, station_id, name, kind, start_date, end_date, deadline_minute, note, origin_name, created_by, created_at, updated_at)
     VALUES (@id, @station_id, @name, @kind, @start_date, @end_date, @deadline_minute, @note, @origin_name, @created_by, @now, @now)`,
  ).run({ ...p, now });
}

/** Periods the district sent down (voided ones included: the township shows none of them). */
export const arrivedPeriods = (db: DB) =>
  (stmt(db, "SELECT data FROM sync_master WHERE kind = 'zero_report_period'").all() as { data: string }[]).map((r) => (JSON.parse(r.data) as { row: PeriodRec }).row);

export const arrivedOverride = (db: DB, periodId: string, stationId: string) => {
  const r = stmt(db,
    `SELECT json_extract(data, '$.row.deadline_minute') AS m FROM sync_master WHERE kind = 'zero_report_rule'
       AND json_extract(data, '$.row.period_id') = ? AND json_extract(data, '$.row.target_station_id') = ?`,
  ).get(periodId, stationId) as { m: number | null } | undefined;
  return r?.m ?? null;
};

export const rulesOf = (db: DB, periodId: string) => stmt(db, 'SELECT * FROM zr_rules WHERE period_id = ?').all(periodId) as RuleRec[];
export const ruleOf = (db: DB, periodId: string, regId: string) =>
  stmt(db, 'SELECT * FROM zr_rules WHERE period_id = ? AND reg_id = ?').get(periodId, regId) as RuleRec | undefined;
export function insertRule(db: DB, r: Omit<RuleRec, 'version'>, now: number): void {
  stmt(db,
    'INSERT INTO zr_rules (id, station_id, period_id, reg_id, target_station_id, deadline_minute, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(r.id, r.station_id, r.period_id, r.reg_id, r.target_station_id, r.deadline_minute, now, now);
}

// ── Registrations (district) ─────────────────────────────────────────────────────────────────
export interface RegRec {
  id: string;
  station_id: string | null;
  name: string;
}
export const townshipRegs = (db: DB) =>
  stmt(db, "SELECT id, station_id, name FROM sync_stations WHERE level = 'township' AND revoked_at IS NULL ORDER BY code, name").all() as RegRec[];
export const regById = (db: DB, id: string) =>
  stmt(db, "SELECT id, station_id, name FROM sync_stations WHERE id = ? AND level = 'township' AND revoked_at IS NULL").get(id) as RegRec | undefined;

// ── Reports ──────────────────────────────────────────────────────────────────────────────────
export const ownReports = (db: DB, stationId: string, periodId: string) =>
  stmt(db, "SELECT * FROM zr_reports WHERE station_id = ? AND for_reg_id = '' AND period_id = ? ORDER BY day").all(stationId, periodId) as ReportRec[];
export const ownReport = (db: DB, stationId: string, periodId: string, day: string) =>
  stmt(db, "SELECT * FROM zr_reports WHERE station_id = ? AND for_reg_id = '' AND period_id = ? AND day = ?").get(stationId, periodId, day) as ReportRec | undefined;
export const phoneReports = (db: DB, stationId: string, periodId: string) =>
  stmt(db, "SELECT * FROM zr_reports WHERE station_id = ? AND for_reg_id <> '' AND period_id = ?").all(stationId, periodId) as ReportRec[];

export function insertReport(db: DB, r: Omit<ReportRec, 'version'>, now: number): void {
  stmt(db,
    `INSERT INTO zr_reports (id, station_id, for_reg_id, period_id, day, content, incidents, note, filed_at, filed_by, filed_by_name, due_at, late, late_reason, via, caller, created_at, updated_at)
     VALUES (@id, @station_id, @for_reg_id, @period_id, @day, @content, @incidents, @note, @filed_at, @filed_by, @filed_by_name, @due_at, @late, @late_reason, @via, @caller, @now, @now)`,
  ).run({ ...r, now });
}

const COPY = 'sync_copy_zr_reports';
const copiesArrived = (db: DB) => !!stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(COPY);
/** Reports townships sent up for a period. */
export const arrivedReports = (db: DB, periodId: string) =>
  copiesArrived(db) ? (db.prepare(`SELECT * FROM ${COPY} WHERE period_id = ?`).all(periodId) as (ReportRec & { _origin: string })[]) : [];
export const arrivedReportsBetween = (db: DB, from: number, to: number) =>
  copiesArrived(db)
    ? (db.prepare(`SELECT * FROM ${COPY} WHERE _received_at >= ? AND _received_at < ? ORDER BY _received_at LIMIT 200`).all(from, to) as (ReportRec & { _origin: string; _received_at: number })[])
    : [];
export const reportsFiledBetween = (db: DB, stationId: string, from: number, to: number) =>
  stmt(db, 'SELECT * FROM zr_reports WHERE station_id = ? AND filed_at >= ? AND filed_at < ? ORDER BY filed_at').all(stationId, from, to) as ReportRec[];

// ── Reminders ────────────────────────────────────────────────────────────────────────────────
export function insertReminder(db: DB, r: { id: string; stationId: string; periodId: string; regId: string; day: string; by: string; byName: string; note: string }, now: number): void {
  stmt(db, 'INSERT INTO zr_reminders (id, station_id, period_id, reg_id, day, at, by_id, by_name, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.id,
    r.stationId,
    r.periodId,
    r.regId,
    r.day,
    now,
    r.by,
    r.byName,
    r.note,
  );
}
export const remindersOf = (db: DB, periodId: string) =>
  stmt(db, 'SELECT reg_id, day, count(*) AS n, max(at) AS last FROM zr_reminders WHERE period_id = ? GROUP BY reg_id, day').all(periodId) as {
    reg_id: string;
    day: string;
    n: number;
    last: number;
  }[];

// ── The day's incidents (the station's own log) ─────────────────────────────────────────────
export const incidentsBetween = (db: DB, stationId: string, from: number, to: number) =>
  stmt(db,
    `SELECT year, seq, summary, received_at FROM incidents WHERE station_id = ? AND merged_into IS NULL AND received_at >= ? AND received_at < ?
     ORDER BY received_at LIMIT 100`,
  ).all(stationId, from, to) as { year: number; seq: number; summary: string; received_at: number }[];
