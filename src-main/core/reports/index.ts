import type { DomainModule } from '../module';
import { reportsHandlers } from './handlers';
import { reportsOpenMatters } from './open-matters';

/** Information reporting: forms, deadlines, sign-off, export (standards §1, §3). */
export const reportsModule = { name: 'reports', handlers: reportsHandlers, openMatters: [reportsOpenMatters] } satisfies DomainModule;
