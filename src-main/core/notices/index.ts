import type { DomainModule } from '../module';
import { noticesHandlers } from './handlers';
import { noticesDutyLog, noticesOpenMatters } from './board';

/** 通知: district notices down to townships (sync), receipts up, per-recipient follow-up. */
export const noticesModule = { name: 'notices', handlers: noticesHandlers, openMatters: [noticesOpenMatters], dutyLog: [noticesDutyLog] } satisfies DomainModule;
