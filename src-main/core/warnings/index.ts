import type { DomainModule } from '../module';
import { warningsHandlers } from './handlers';
import { warningsDutyLog, warningsLeaderQueue, warningsOpenMatters } from './board';

/** Early warnings (预警): intake, leader on duty, forwarding with receipts, changes (standards §1, §2). */
export const warningsModule = {
  name: 'warnings',
  handlers: warningsHandlers,
  openMatters: [warningsOpenMatters],
  dutyLog: [warningsDutyLog],
  leaderQueue: [warningsLeaderQueue],
} satisfies DomainModule;
