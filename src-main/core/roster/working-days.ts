import type { WorkingCalendarSource } from '../board/types';
import { calendarDays, uncoveredYears } from './calendar';

/**
 * The roster's answer to "is this a working day", offered to the other domains through the module's
 * `calendar` (ctx.board / an open-matter source's board), so none of them imports the roster: every
 * layer counts (day-by-day correction, the station's and the district's imported notices, the package).
 */
export const rosterWorkingCalendar: WorkingCalendarSource = {
  workingDays(db, stationId, dates) {
    if (!dates.length) return [];
    const sorted = [...dates].sort();
    const byDate = new Map(calendarDays(db, stationId, sorted).map((d) => [d.date, d.kind === 'workday' || d.kind === 'makeup']));
    return dates.map((d) => byDate.get(d) ?? false);
  },
  uncoveredYears: (db, stationId, dates) => uncoveredYears(db, stationId, dates),
};
