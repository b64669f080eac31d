import i18n from '../i18n';
import { formatDateTime as formatInZone } from '@contract/time';

/** Times are stored as UTC ms and always shown in the station's zone. */
export const formatDateTime = (ms: number, timeZone: string): string => formatInZone(ms, timeZone, i18n.language);

export function formatClock(ms: number, timeZone: string): { date: string; time: string } {
  const lang = i18n.language;
  return {
    date: new Intl.DateTimeFormat(lang, { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(ms),
    time: new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms),
  };
}
