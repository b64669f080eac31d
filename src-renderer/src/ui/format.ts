import i18n from '../i18n';

/** Times are stored as UTC ms and always shown in the station's zone. */
export function formatDateTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(i18n.language, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);
}

export function formatClock(ms: number, timeZone: string): { date: string; time: string } {
  const lang = i18n.language;
  return {
    date: new Intl.DateTimeFormat(lang, { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(ms),
    time: new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms),
  };
}
