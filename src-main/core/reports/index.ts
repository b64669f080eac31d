import type { DomainModule } from '../module';
import { reportsLeaderQueue } from './leader-queue';
import { reportsHandlers } from './handlers';
import { reportsOpenMatters } from './open-matters';
import { reportPhotoHandlers } from './photos';

/** Information reporting: forms, deadlines, sign-off, export (standards §1, §3). */
export const reportsModule = { name: 'reports', handlers: { ...reportsHandlers, ...reportPhotoHandlers }, openMatters: [reportsOpenMatters], leaderQueue: [reportsLeaderQueue] } satisfies DomainModule;
