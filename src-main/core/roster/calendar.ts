import data from 'chinese-days/dist/chinese-days.json';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { DayInfo, DayKind } from '../../contract/roster';
import { weekday } from '../../contract/time';

/**
 * The official holiday and make-up workday (调休) calendar comes from the maintained
 * `chinese-days` package; the station corrects single days in roster_calendar.
 */
const official = data as { holidays: Record<string, string>; workdays: Record<string, string> };

const zhName = (s: string | undefined) => (s ? (s.split(',')[1] ?? s) : null);

export function officialDay(date: string): { kind: DayKind; name: string | null } {
  const h = official.holidays[date];
  if (h) return { kind: 'holiday', name: zhName(h) };
  const w = official.workdays[date];
  if (w) return { kind: 'makeup', name: zhName(w) };
  const wd = weekday(date);
  return { kind: wd === 0 || wd === 6 ? 'weekend' : 'workday', name: null };
}

interface CalRow {
  date: string;
  kind: DayKind | 'auto';
  name: string;
}

export function calendarDays(db: DB, stationId: string, dates: string[]): DayInfo[] {
  if (!dates.length) return [];
  const fixes = new Map(
    (stmt(db, 'SELECT date, kind, name FROM roster_calendar WHERE station_id = ? AND date BETWEEN ? AND ?').all(stationId, dates[0], dates[dates.length - 1]) as CalRow[]).map(
      (r) => [r.date, r],
    ),
  );
  return dates.map((date) => {
    const o = officialDay(date);
    const f = fixes.get(date);
    const wd = weekday(date);
    if (f && f.kind !== 'auto') return { date, weekday: wd, kind: f.kind, name: f.name || o.name, corrected: true };
    return { date, weekday: wd, kind: o.kind, name: o.name, corrected: false };
  });
}

export const isHolidayKind = (k: DayKind) => k === 'holiday';
