import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned, type Patch } from '../db/versioned';
import { FIELDS, type ListName, type Values } from '../../contract/resources';

/*
 * Every statement of the resources directory and the plan register. The lists share one shape
 * (contract FIELDS → columns), so one set of statements serves all five; table and column names
 * come from code only (and updateVersioned checks them again).
 */

export const TABLES: Record<ListName, string> = {
  teams: 'res_teams',
  experts: 'res_experts',
  shelters: 'res_shelters',
  hazards: 'res_hazards',
  plans: 'res_plans',
};

/** 'townshipCode' → 'township_code'. */
export const columnOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface RecordRow {
  id: string;
  station_id: string;
  version: number;
  voided_at: number | null;
  void_reason: string | null;
  updated_at: number;
  created_by: string;
  [col: string]: string | number | null;
}

const selectCols = (list: ListName) =>
  ['id', 'station_id', 'version', 'voided_at', 'void_reason', 'updated_at', 'created_by', ...FIELDS[list].map((d) => columnOf(d.key))].join(', ');

export function listRecords(db: DB, list: ListName, includeVoided: boolean): RecordRow[] {
  const where = includeVoided ? '' : 'WHERE voided_at IS NULL';
  return stmt(db, `SELECT ${selectCols(list)} FROM ${TABLES[list]} ${where} ORDER BY voided_at IS NOT NULL, name, id`).all() as RecordRow[];
}

export const recordById = (db: DB, list: ListName, id: string) =>
  stmt(db, `SELECT ${selectCols(list)} FROM ${TABLES[list]} WHERE id = ?`).get(id) as RecordRow | undefined;

/** The live record of this station with this name (imports update it instead of adding a second). */
export const liveRecordByName = (db: DB, list: ListName, stationId: string, name: string) =>
  stmt(db, `SELECT ${selectCols(list)} FROM ${TABLES[list]} WHERE station_id = ? AND name = ? AND voided_at IS NULL`).get(stationId, name) as RecordRow | undefined;

export const valuesOf = (list: ListName, r: RecordRow): Values => Object.fromEntries(FIELDS[list].map((d) => [d.key, r[columnOf(d.key)] ?? null]));

function patchOf(list: ListName, v: Values): Patch {
  return Object.fromEntries(FIELDS[list].map((d) => [columnOf(d.key), v[d.key] ?? null]));
}

export function insertRecord(db: DB, list: ListName, id: string, stationId: string, by: string, v: Values, now: number): void {
  const p = patchOf(list, v);
  const cols = Object.keys(p);
  stmt(db, `INSERT INTO ${TABLES[list]} (id, station_id, created_by, created_at, updated_at, ${cols.join(', ')}) VALUES (?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')})`).run(
    id,
    stationId,
    by,
    now,
    now,
    ...cols.map((c) => p[c] ?? null),
  );
}

/** CONFLICT when stale, voided, or another station's record (a district never edits a township's copy). */
export function updateRecord(db: DB, list: ListName, id: string, version: number, stationId: string, v: Values, now: number): void {
  updateVersioned(db, TABLES[list], id, version, patchOf(list, v), now, { guard: `voided_at IS NULL AND station_id = '${stationId.replace(/'/g, "''")}'` });
}

export function voidRecord(db: DB, list: ListName, id: string, version: number, by: string, reason: string, now: number): void {
  updateVersioned(db, TABLES[list], id, version, { voided_at: now, voided_by: by, void_reason: reason }, now, { guard: 'voided_at IS NULL' });
}

/** Live teams and shelters with their place, for the nearest-resource search. */
export interface PlaceRow {
  id: string;
  name: string;
  township_code: string | null;
  lat: number | null;
  lng: number | null;
  contact: string | null;
  phone: string | null;
  kind: string;
  size: number;
  status: string | null;
  address: string | null;
}

export const liveTeams = (db: DB) =>
  stmt(db, 'SELECT id, name, township_code, lat, lng, leader AS contact, phone, kind, strength AS size, NULL AS status, address FROM res_teams WHERE voided_at IS NULL').all() as PlaceRow[];

export const liveShelters = (db: DB) =>
  stmt(db, 'SELECT id, name, township_code, lat, lng, manager AS contact, phone, kind, capacity AS size, status, address FROM res_shelters WHERE voided_at IS NULL').all() as PlaceRow[];

/** Live plans of an incident class, for the incident detail. */
export const livePlansOfClass = (db: DB, classCode: string) =>
  stmt(db, `SELECT ${selectCols('plans')} FROM res_plans WHERE voided_at IS NULL AND class_code = ? ORDER BY name`).all(classCode) as RecordRow[];

export const livePlans = (db: DB) => stmt(db, `SELECT ${selectCols('plans')} FROM res_plans WHERE voided_at IS NULL ORDER BY name`).all() as RecordRow[];

export interface SettingsRow {
  plan_review_years: number;
  plan_review_notice_days: number;
  version: number;
}

export const DEFAULT_SETTINGS: SettingsRow = { plan_review_years: 3, plan_review_notice_days: 60, version: 0 };

export const settingsRow = (db: DB, stationId: string) =>
  (stmt(db, 'SELECT plan_review_years, plan_review_notice_days, version FROM res_settings WHERE station_id = ?').get(stationId) as SettingsRow | undefined) ?? DEFAULT_SETTINGS;

/** Version 0 is the defaults (no row yet): the first save inserts it. CONFLICT when stale. */
export function saveSettings(db: DB, stationId: string, version: number, years: number, noticeDays: number, now: number): void {
  if (version === 0) {
    const r = stmt(
      db,
      'INSERT INTO res_settings (station_id, plan_review_years, plan_review_notice_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id) DO NOTHING',
    ).run(stationId, years, noticeDays, now, now);
    if (r.changes === 1) return;
  }
  updateVersioned(db, 'res_settings', { station_id: stationId }, version, { plan_review_years: years, plan_review_notice_days: noticeDays }, now);
}

export const stationNames = (db: DB) => new Map((stmt(db, 'SELECT id, name FROM station').all() as { id: string; name: string }[]).map((s) => [s.id, s.name]));
