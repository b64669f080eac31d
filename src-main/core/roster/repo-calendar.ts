import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { NoticeDay } from './calendar-notice';

/** SQL of the station calendar: day-by-day corrections and imported notice years (own and the district's). */

export interface CalendarFixRow {
  date: string;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup' | 'auto';
  name: string;
}

export function calendarFixes(db: DB, stationId: string, from: string, to: string): CalendarFixRow[] {
  return stmt(db, 'SELECT date, kind, name FROM roster_calendar WHERE station_id = ? AND date BETWEEN ? AND ?').all(stationId, from, to) as CalendarFixRow[];
}

export interface CalendarYearRec {
  id: string;
  station_id: string;
  year: number;
  days: string;
  source_text: string;
  imported_by: string;
  imported_by_name: string;
  imported_at: number;
  version: number;
}

export function calendarYearRec(db: DB, stationId: string, year: number): CalendarYearRec | undefined {
  return stmt(db, 'SELECT * FROM roster_calendar_years WHERE station_id = ? AND year = ?').get(stationId, year) as CalendarYearRec | undefined;
}

export function stationCalendarYears(db: DB, stationId: string): CalendarYearRec[] {
  return stmt(db, 'SELECT * FROM roster_calendar_years WHERE station_id = ? ORDER BY year').all(stationId) as CalendarYearRec[];
}

export function saveCalendarYear(
  db: DB,
  r: { stationId: string; year: number; days: NoticeDay[]; sourceText: string; userId: string; userName: string; now: number },
): void {
  stmt(db,
    `INSERT INTO roster_calendar_years (id, station_id, year, days, source_text, imported_by, imported_by_name, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (station_id, year) DO UPDATE SET days = excluded.days, source_text = excluded.source_text, imported_by = excluded.imported_by,
       imported_by_name = excluded.imported_by_name, imported_at = excluded.imported_at, version = version + 1`,
  ).run(`${r.stationId}:${r.year}`, r.stationId, r.year, JSON.stringify(r.days), r.sourceText, r.userId, r.userName, r.now);
}

/** A year the district sent down (sync_master, kind 'holiday_calendar'): its days and who it came from. */
export interface DistrictYear {
  year: number;
  days: NoticeDay[];
  importedAt: number;
  origin: string;
}

export function districtCalendarYears(db: DB): DistrictYear[] {
  const rows = stmt(db, "SELECT data, origin FROM sync_master WHERE kind = 'holiday_calendar'").all() as { data: string; origin: string }[];
  const out: DistrictYear[] = [];
  for (const r of rows) {
    const row = (JSON.parse(r.data) as { row?: { year?: unknown; days?: unknown; imported_at?: unknown } }).row;
    if (!row || typeof row.year !== 'number') continue;
    const days = typeof row.days === 'string' ? (JSON.parse(row.days) as NoticeDay[]) : Array.isArray(row.days) ? (row.days as NoticeDay[]) : null;
    if (!days) continue;
    out.push({ year: row.year, days, importedAt: Number(row.imported_at) || 0, origin: r.origin });
  }
  return out.sort((a, b) => a.year - b.year);
}
