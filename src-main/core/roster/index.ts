import type { DomainModule } from '../module';
import { rosterHandlers } from './handlers';
import { calendarOpenMatters } from './handlers/notice';
import { rosterWorkingCalendar } from './working-days';

/** Duty roster, on duty, handover and duty log (standards §6); the station's working-day calendar for the others. */
export const rosterModule = { name: 'roster', handlers: rosterHandlers, openMatters: [calendarOpenMatters], calendar: rosterWorkingCalendar } satisfies DomainModule;
