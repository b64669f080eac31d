import type { DomainModule } from '../module';
import { incidentsHandlers } from './handlers';
import { incidentsOpenMatters } from './open-matters';

/** Incident log: intake, timeline, escalation, attachments, search. */
export const incidentsModule = { name: 'incidents', handlers: incidentsHandlers, openMatters: [incidentsOpenMatters] } satisfies DomainModule;
