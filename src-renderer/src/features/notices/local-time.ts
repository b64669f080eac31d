import { localDate, localMinuteOfDay, localToUtc } from '@contract/time';

/** `<input type="datetime-local">` value ↔ an instant, read in the station's time zone (not the browser's). */
export function fromLocalInput(v: string, timeZone: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  return localToUtc(m[1], Number(m[2]) * 60 + Number(m[3]), timeZone);
}
export function toLocalInput(ms: number, timeZone: string): string {
  const min = localMinuteOfDay(ms, timeZone);
  return `${localDate(ms, timeZone)}T${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
