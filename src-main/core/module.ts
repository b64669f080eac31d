import type { MethodName } from '../contract';
import type { Registration } from './api/types';
import type { DutyLogSource, LeaderQueueSource, NearbySource, OpenMatterSource, WorkingCalendarSource } from './board/types';

/**
 * The one shape of a domain: `core/<domain>/index.ts` exports a `DomainModule` and
 * `core/modules.ts` lists them. Migrations are found by file name (`<domain>/migrations/NNNN_*.sql`),
 * messages are data in `<domain>/messages.ts` joined by `i18n/messages.ts`, demo and scale data
 * are in `<domain>/demo.ts` / `scale.ts`, joined by `devtools/parts.ts` for the CLI only.
 */
export interface DomainModule {
  /** The method prefix, e.g. 'roster'. */
  name: string;
  /** Its methods' registrations (core/api/handlers.ts joins them into the registry). */
  handlers: { readonly [M in MethodName]?: Registration<M> };
  /** Matters still open, for the handover and the duty board. */
  openMatters?: readonly OpenMatterSource[];
  /** Lines this domain adds to the duty log of a shift. */
  dutyLog?: readonly DutyLogSource[];
  /** The station calendar's working days, for other domains' deadlines (one module provides it: the roster). */
  calendar?: WorkingCalendarSource;
  /** What this domain has waiting for the leader on duty (领导待办). */
  leaderQueue?: readonly LeaderQueueSource[];
  /** Places that can help at an incident (teams, shelters, warehouses), for its detail. */
  nearby?: readonly NearbySource[];
}
