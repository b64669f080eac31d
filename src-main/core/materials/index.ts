import type { DomainModule } from '../module';
import { materialsLeaderQueue } from './leader-queue';
import { materialsHandlers } from './handlers';
import { materialsOpenMatters } from './open-matters';
import { materialsNearby } from './repo-nearby';

/** Relief-materials ledger of the three-tier reserve (standards §5). */
export const materialsModule = { name: 'materials', handlers: materialsHandlers, openMatters: [materialsOpenMatters], leaderQueue: [materialsLeaderQueue], nearby: [materialsNearby] } satisfies DomainModule;
