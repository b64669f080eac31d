import type { DomainModule } from '../module';
import { rosterHandlers } from './handlers';
import { calendarHandlers, calendarOpenMatters } from './calendar-handlers';

/** Duty roster, on duty, handover and duty log (standards §6). */
export const rosterModule = { name: 'roster', handlers: { ...rosterHandlers, ...calendarHandlers }, openMatters: [calendarOpenMatters] } satisfies DomainModule;
