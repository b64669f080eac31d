import type { Handlers } from '../../api/types';
import { calendarDays } from '../calendar';
import { setCalendarDay } from '../repo-setup';

/** Station corrections to the official holiday calendar. */
export const calendarHandlers: Handlers<
  | 'roster.calendar.set'
> = {
  'roster.calendar.set': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const [before] = calendarDays(ctx.db, s.id, [i.date]);
      setCalendarDay(ctx.db, { stationId: s.id, date: i.date, kind: i.kind, name: i.name ?? '', reason: i.reason, by: ctx.requireUser().id }, ctx.clock.now());
      const [after] = calendarDays(ctx.db, s.id, [i.date]);
      ctx.audit({ entity: 'roster_calendar', entityId: i.date, before, after });
      return after;
    },
  },
};
