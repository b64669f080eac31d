import type { DomainModule } from '../module';
import { rosterHandlers } from './handlers';
import { calendarOpenMatters } from './handlers/notice';

/** Duty roster, on duty, handover and duty log (standards §6). */
export const rosterModule = { name: 'roster', handlers: rosterHandlers, openMatters: [calendarOpenMatters] } satisfies DomainModule;
