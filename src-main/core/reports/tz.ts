/** Station-zone arithmetic for the deadline engine (daily slots, end of local day). */
const fmts = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmts.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    fmts.set(tz, f);
  }
  return f;
}
const offsets = new Map<string, number>();

/** Zone offset (local − UTC, ms) at an instant; cached per hour. */
export function tzOffset(tz: string, utcMs: number): number {
  const key = `${tz}|${Math.floor(utcMs / 3_600_000)}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const p: Record<string, number> = {};
  for (const x of fmt(tz).formatToParts(utcMs)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  const off = local - Math.floor(utcMs / 1000) * 1000;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

const DAY = 86_400_000;
/** UTC instant of local wall-clock time `minuteOfDay` on the local day that contains `utcMs` + `dayShift` days. */
export function localTimeOnDay(tz: string, utcMs: number, dayShift: number, minuteOfDay: number): number {
  const off = tzOffset(tz, utcMs);
  const localMidnight = Math.floor((utcMs + off) / DAY) * DAY + dayShift * DAY;
  const guess = localMidnight + minuteOfDay * 60_000 - off;
  return localMidnight + minuteOfDay * 60_000 - tzOffset(tz, guess);
}

/** The first local HH:MM slot strictly after `afterMs`. */
export function nextSlot(tz: string, afterMs: number, times: readonly string[]): number {
  const mins = times.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))).sort((a, b) => a - b);
  for (let d = 0; d < 3; d++) for (const m of mins) {
    const at = localTimeOnDay(tz, afterMs, d, m);
    if (at > afterMs) return at;
  }
  return afterMs + DAY;
}

/** 24:00 of the local day containing `ms` (the last instant of "the same day"). */
export const endOfLocalDay = (tz: string, ms: number): number => localTimeOnDay(tz, ms, 1, 0) - 1;

/** 'YYYY-MM' of an instant in the zone. */
export function localMonth(tz: string, ms: number): string {
  return new Date(ms + tzOffset(tz, ms)).toISOString().slice(0, 7);
}
