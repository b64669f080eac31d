import { z } from 'zod';

/**
 * The one calendar and clock module (pure; main and renderer alike). Instants are UTC epoch
 * milliseconds; a station reads them in its own zone. Local calendar dates are 'YYYY-MM-DD'
 * strings, months 'YYYY-MM'; day arithmetic on them is zone-free (a date names a day, not an instant).
 * Every instant-and-zone function takes the instant first, then the zone.
 */

/** The zone of a station that has not chosen one (all of mainland China keeps Beijing time). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The zone a station works in. */
export const zoneOf = (station: { timeZone?: string } | null | undefined): string => station?.timeZone || DEFAULT_TIME_ZONE;

const DAY = 86_400_000;

/** A real calendar date 'YYYY-MM-DD' (2026-02-30 is refused). */
export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** The one date schema of the API; its message is the field message `field.date`. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date' }).refine(isLocalDate, { message: 'date' });
/** A calendar month 'YYYY-MM'. */
export const LocalMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' });

/* ---------- calendar dates (zone-free) ---------- */

export const dateToUtcMidnight = (date: string): number => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
export const utcMidnightToDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => utcMidnightToDate(dateToUtcMidnight(date) + n * DAY);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(dateToUtcMidnight(date)).getUTCDay();
/** Whole days from `a` to `b` (b − a). */
export const dayDiff = (a: string, b: string): number => Math.round((dateToUtcMidnight(b) - dateToUtcMidnight(a)) / DAY);
export const monthOf = (date: string): string => date.slice(0, 7);

/** Every date of a month, in order. */
export function monthDates(month: string): string[] {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/* ---------- instants in a zone ---------- */

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;
/**
 * Zone offset (local − UTC, ms) at an instant. Cached per UTC quarter hour: every zone's
 * transitions fall on a quarter-hour boundary, so the cache never straddles one.
 */
export function tzOffset(utcMs: number, tz: string): number {
  const key = `${tz}|${Math.floor(utcMs / QUARTER_HOUR)}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const p: Record<string, number> = {};
  for (const x of partsFormatter(tz).formatToParts(utcMs)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  const off = local - Math.floor(utcMs / 1000) * 1000;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** The local calendar date of an instant. */
export const localDate = (ms: number, tz: string): string => utcMidnightToDate(ms + tzOffset(ms, tz));
/** The local 'YYYY-MM' of an instant. */
export const localMonth = (ms: number, tz: string): string => localDate(ms, tz).slice(0, 7);
/** Minutes since local midnight of an instant. */
export function localMinuteOfDay(ms: number, tz: string): number {
  const local = ms + tzOffset(ms, tz);
  return Math.floor((((local % DAY) + DAY) % DAY) / 60_000);
}

/** The instant of local `date` at `minute` minutes past midnight (minute may exceed a day). */
export function localToUtc(date: string, minute: number, tz: string): number {
  const naive = dateToUtcMidnight(date) + minute * 60_000;
  let off = tzOffset(naive, tz);
  const off2 = tzOffset(naive - off, tz);
  if (off2 !== off) off = off2;
  return naive - off;
}

/** Local wall-clock `minuteOfDay` on the local day that contains `utcMs`, shifted by `dayShift` days. */
export const localTimeOnDay = (utcMs: number, tz: string, dayShift: number, minuteOfDay: number): number =>
  localToUtc(addDays(localDate(utcMs, tz), dayShift), minuteOfDay, tz);

/** 24:00 of the local day containing `ms`, minus 1 ms (the last instant of "the same day"). */
export const endOfLocalDay = (ms: number, tz: string): number => localTimeOnDay(ms, tz, 1, 0) - 1;

/** The first local 'HH:MM' slot strictly after `afterMs`. */
export function nextSlot(afterMs: number, tz: string, times: readonly string[]): number {
  const mins = times.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))).sort((a, b) => a - b);
  for (let d = 0; d < 3; d++) for (const m of mins) {
    const at = localTimeOnDay(afterMs, tz, d, m);
    if (at > afterMs) return at;
  }
  return afterMs + DAY;
}

/** The local year of an instant. */
export const localYear = (ms: number, tz: string): number => Number(localDate(ms, tz).slice(0, 4));

const displayFormatters = new Map<string, Intl.DateTimeFormat>();
/** Date and time of an instant as a person in `locale` reads it, in the station's zone (24-hour). */
export function formatDateTime(ms: number, tz: string, locale: string): string {
  const key = `${locale}|${tz}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    displayFormatters.set(key, f);
  }
  return f.format(ms);
}
