import type { DomainModule } from '../module';
import { zeroreportsHandlers } from './handlers';
import { zeroreportsDutyLog, zeroreportsOpenMatters } from './board';

/** 零报告: district periods down, daily township reports up, the district's township × day grid. */
export const zeroreportsModule = {
  name: 'zeroreports',
  handlers: zeroreportsHandlers,
  openMatters: [zeroreportsOpenMatters],
  dutyLog: [zeroreportsDutyLog],
} satisfies DomainModule;
