import type { DomainModule } from '../module';
import { incidentsLeaderQueue } from './leader-queue';
import { incidentsHandlers } from './handlers';
import { incidentsOpenMatters } from './open-matters';

/** Incident log: intake, timeline, escalation, attachments, search. */
export const incidentsModule = { name: 'incidents', handlers: incidentsHandlers, openMatters: [incidentsOpenMatters], leaderQueue: [incidentsLeaderQueue] } satisfies DomainModule;
