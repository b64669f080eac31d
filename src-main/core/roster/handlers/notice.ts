import type { Ctx, Handlers } from '../../api/types';
import type { NoticePreview } from '../../../contract/roster';
import type { OpenMatterSource } from '../../board/types';
import { ApiError } from '../../util/errors';
import { getStation } from '../../station/repo';
import { translate } from '../../i18n/messages';
import { addDays, localDate } from '../../../contract/time';
import { parseNotice, type ParsedNotice } from '../calendar-notice';
import { calendarDays, calendarStatus, loadSources, yearSource, type CalendarSources } from '../calendar';
import { calendarYearRec, saveCalendarYear } from '../repo-calendar';

/**
 * Station calendar years (issue 15): the holiday notice pasted or loaded by the station is parsed,
 * shown as the year it gives, and stored (audited). Standards §6: holidays have 24-hour duty with
 * a leader and the holiday roster is filed in advance, which needs the year's holidays.
 */

function parsedOrRefused(text: string, year: number | undefined): ParsedNotice {
  const r = parseNotice(text, year);
  if (!r.ok) throw new ApiError('VALIDATION', r.error.key, r.error.params);
  return r.notice;
}

function yearDates(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The sources as they will be once the notice is stored. */
function withNotice(src: CalendarSources, n: ParsedNotice): CalendarSources {
  const days = new Map(src.station.days);
  for (const d of [...days.keys()]) if (d.startsWith(String(n.year))) days.delete(d);
  for (const d of n.days) days.set(d.date, d);
  const years = new Map(src.station.years);
  years.set(n.year, { importedAt: 0, importedByName: null });
  return { ...src, station: { years, days } };
}

function preview(ctx: Ctx, text: string, year: number | undefined): NoticePreview {
  const s = ctx.requireStation();
  const n = parsedOrRefused(text, year);
  const src = loadSources(ctx.db, s.id);
  return {
    year: n.year,
    days: n.days,
    festivals: n.festivals,
    advisories: n.advisories,
    calendar: calendarDays(ctx.db, s.id, yearDates(n.year), withNotice(src, n)),
    replaces: yearSource(src, n.year),
  };
}

export const noticeHandlers: Handlers<'roster.calendar.status' | 'roster.calendar.previewNotice' | 'roster.calendar.importNotice'> = {
  'roster.calendar.status': {
    handler: (ctx) => {
      const s = ctx.requireStation();
      return calendarStatus(ctx.db, s.id, localDate(ctx.clock.now(), s.timeZone));
    },
  },
  'roster.calendar.previewNotice': {
    handler: (ctx, i) => preview(ctx, i.text, i.year),
  },
  'roster.calendar.importNotice': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const n = parsedOrRefused(i.text, i.year);
      const before = calendarYearRec(ctx.db, s.id, n.year);
      const now = ctx.clock.now();
      saveCalendarYear(ctx.db, { stationId: s.id, year: n.year, days: n.days, sourceText: i.text, userId: user.id, userName: user.displayName, now });
      ctx.audit({
        entity: 'roster_calendar_year',
        entityId: String(n.year),
        before: before ? { year: before.year, days: JSON.parse(before.days) as unknown, version: before.version } : null,
        after: { year: n.year, days: n.days, festivals: n.festivals },
      });
      return calendarStatus(ctx.db, s.id, localDate(now, s.timeZone));
    },
  },
};

/** On the duty board and the handover list: this year (and from 1 November next year) not covered. */
export const calendarOpenMatters: OpenMatterSource = {
  id: 'roster-calendar',
  collect(db, now) {
    const st = getStation(db);
    if (!st) return [];
    return calendarStatus(db, st.id, localDate(now, st.timeZone)).missing.map((year) => ({
      source: 'roster',
      kind: 'calendarMissing',
      refId: String(year),
      title: translate('zh-CN', 'roster.calendarMissing', { year }),
      titles: { 'zh-CN': translate('zh-CN', 'roster.calendarMissing', { year }), en: translate('en', 'roster.calendarMissing', { year }) },
      dueAt: null,
      severity: 'warn' as const,
    }));
  },
};
