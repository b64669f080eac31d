import type { DomainModule } from '../module';
import { rosterHandlers } from './handlers';

/** Duty roster, on duty, handover and duty log (standards §6). */
export const rosterModule = { name: 'roster', handlers: rosterHandlers } satisfies DomainModule;
