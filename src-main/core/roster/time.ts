/** Local calendar dates ('YYYY-MM-DD') and station-zone ↔ UTC conversion for shifts. */
const DAY = 86_400_000;

export function dateToUtcMidnight(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

export function utcMidnightToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const addDays = (date: string, n: number): string => utcMidnightToDate(dateToUtcMidnight(date) + n * DAY);
export const weekday = (date: string): number => new Date(dateToUtcMidnight(date)).getUTCDay();
export const dayDiff = (a: string, b: string): number => Math.round((dateToUtcMidnight(b) - dateToUtcMidnight(a)) / DAY);

export function monthDates(month: string): string[] {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

const fmts = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmts.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmts.set(tz, f);
  }
  return f;
}

/** Zone offset (ms, local − UTC) at an instant. */
export function tzOffset(tz: string, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const x of fmt(tz).formatToParts(utcMs)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return local - Math.floor(utcMs / 1000) * 1000;
}

const offCache = new Map<string, number>();
/** UTC ms of local `date` + `minute` minutes in zone `tz`. */
export function localToUtc(date: string, minute: number, tz: string): number {
  const naive = dateToUtcMidnight(date) + minute * 60_000;
  const key = `${tz}|${date}|${minute}`;
  const c = offCache.get(key);
  if (c !== undefined) return naive - c;
  let off = tzOffset(tz, naive);
  const off2 = tzOffset(tz, naive - off);
  if (off2 !== off) off = off2;
  if (offCache.size > 50_000) offCache.clear();
  offCache.set(key, off);
  return naive - off;
}

/** The local calendar date of an instant. */
export function utcToLocalDate(ms: number, tz: string): string {
  return utcMidnightToDate(ms + tzOffset(tz, ms));
}

export const monthOf = (date: string) => date.slice(0, 7);
