import data from 'chinese-days/dist/chinese-days.json';
import type { DB } from '../db/open';
import type { CalendarStatus, CalendarYearSource, CalendarYearStatus, DayInfo, DayKind } from '../../contract/roster';
import { weekday } from '../../contract/time';
import type { NoticeDay } from './calendar-notice';
import { calendarFixes, districtCalendarYears, stationCalendarYears } from './repo-calendar';

/**
 * The statutory holiday and make-up workday (调休) calendar, in layers, per date:
 *   1. the station's day-by-day correction (roster_calendar);
 *   2. a year the station imported from the State Council General Office's notice;
 *   3. a year the district imported and sent down by sync;
 *   4. the maintained `chinese-days` package (newer package data is used for every year no
 *      notice overrides).
 * A year none of them knows is "not covered": its days fall back to plain weekdays/weekends and
 * every month shown, generated, published or printed for it carries a warning (standards §6:
 * the holiday roster is filed in advance, which needs the holidays).
 */
const official = data as { holidays: Record<string, string>; workdays: Record<string, string> };

const zhName = (s: string | undefined) => (s ? (s.split(',')[1] ?? s) : null);

const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(official.holidays), ...Object.keys(official.workdays)].map((d) => Number(d.slice(0, 4))),
);
export const packageYears = (): number[] => [...PACKAGE_YEARS].sort((a, b) => a - b);

function plain(date: string): { kind: DayKind; name: string | null } {
  const wd = weekday(date);
  return { kind: wd === 0 || wd === 6 ? 'weekend' : 'workday', name: null };
}

function packageDay(date: string): { kind: DayKind; name: string | null } {
  const h = official.holidays[date];
  if (h) return { kind: 'holiday', name: zhName(h) };
  const w = official.workdays[date];
  if (w) return { kind: 'makeup', name: zhName(w) };
  return plain(date);
}

interface NoticeLayer {
  years: Map<number, { importedAt: number; importedByName: string | null }>;
  days: Map<string, NoticeDay>;
}

function layer(list: { year: number; days: NoticeDay[]; importedAt: number; importedByName: string | null }[]): NoticeLayer {
  const l: NoticeLayer = { years: new Map(), days: new Map() };
  for (const y of list) {
    l.years.set(y.year, { importedAt: y.importedAt, importedByName: y.importedByName });
    for (const d of y.days) l.days.set(d.date, d);
  }
  return l;
}

/** Everything the lookup needs for one station, read once per call. */
export interface CalendarSources {
  station: NoticeLayer;
  district: NoticeLayer;
}

export function loadSources(db: DB, stationId: string): CalendarSources {
  return {
    station: layer(
      stationCalendarYears(db, stationId).map((r) => ({ year: r.year, days: JSON.parse(r.days) as NoticeDay[], importedAt: r.imported_at, importedByName: r.imported_by_name })),
    ),
    district: layer(districtCalendarYears(db).map((r) => ({ year: r.year, days: r.days, importedAt: r.importedAt, importedByName: null }))),
  };
}

/** Which source decides a year, or null when none covers it. */
export function yearSource(src: CalendarSources, year: number): CalendarYearSource | null {
  if (src.station.years.has(year)) return 'station';
  if (src.district.years.has(year)) return 'district';
  if (PACKAGE_YEARS.has(year)) return 'package';
  return null;
}

/** The day as the notices / package say (no correction). */
export function officialDay(src: CalendarSources, date: string): { kind: DayKind; name: string | null } {
  const year = Number(date.slice(0, 4));
  const s = yearSource(src, year);
  // A notice may name a day of the neighbouring year (a 元旦 from 12-31): a notice layer's day wins there too.
  const named = src.station.days.get(date) ?? (s === 'station' ? undefined : src.district.days.get(date));
  if (named) return { kind: named.kind, name: named.name };
  if (s === 'package') return packageDay(date);
  return plain(date);
}

export function calendarDays(db: DB, stationId: string, dates: string[], sources?: CalendarSources): DayInfo[] {
  if (!dates.length) return [];
  const src = sources ?? loadSources(db, stationId);
  const fixes = new Map(calendarFixes(db, stationId, dates[0], dates[dates.length - 1]).map((r) => [r.date, r]));
  return dates.map((date) => {
    const o = officialDay(src, date);
    const f = fixes.get(date);
    const wd = weekday(date);
    if (f && f.kind !== 'auto') return { date, weekday: wd, kind: f.kind, name: f.name || o.name, corrected: true };
    return { date, weekday: wd, kind: o.kind, name: o.name, corrected: false };
  });
}

/** Years among `dates` that no source covers: the month shown/generated/published/printed for them warns. */
export function uncoveredYears(db: DB, stationId: string, dates: readonly string[]): number[] {
  const src = loadSources(db, stationId);
  return [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter((y) => !yearSource(src, y)).sort((a, b) => a - b);
}

/** From 1 November the board warns when next year is not covered. */
export const WARN_NEXT_YEAR_FROM_MONTH = 11;

export function calendarStatus(db: DB, stationId: string, today: string): CalendarStatus {
  const src = loadSources(db, stationId);
  const thisYear = Number(today.slice(0, 4));
  const all = new Set<number>([...PACKAGE_YEARS, ...src.station.years.keys(), ...src.district.years.keys(), thisYear, thisYear + 1]);
  const years: CalendarYearStatus[] = [...all]
    .filter((y) => y >= thisYear - 3)
    .sort((a, b) => a - b)
    .map((year) => {
      const source = yearSource(src, year);
      const meta = source === 'station' ? src.station.years.get(year) : source === 'district' ? src.district.years.get(year) : undefined;
      return { year, source, importedAt: meta?.importedAt ?? null, importedByName: meta?.importedByName ?? null, packageHasYear: PACKAGE_YEARS.has(year) };
    });
  const warnNext = Number(today.slice(5, 7)) >= WARN_NEXT_YEAR_FROM_MONTH;
  const missing = [thisYear, ...(warnNext ? [thisYear + 1] : [])].filter((y) => !yearSource(src, y));
  return { years, missing };
}

export const isHolidayKind = (k: DayKind) => k === 'holiday';
