import type { DomainModule } from '../module';
import { statsHandlers } from './handlers';

/** 统计分析 and 规划指标: read-only figures over the other domains' records, plus the plan's entered denominators. */
export const statsModule = { name: 'stats', handlers: statsHandlers } satisfies DomainModule;
