import type { DomainModule } from '../module';
import { resourcesHandlers } from './handlers';
import { planReviewMatters } from './open-matters';
import { resourcesNearby } from './nearby';

/** Emergency resources (teams, experts, shelters, hazard sites) and the contingency plan register. */
export const resourcesModule = { name: 'resources', handlers: resourcesHandlers, openMatters: [planReviewMatters], nearby: [resourcesNearby] } satisfies DomainModule;
