import type { DB } from '../db/open';
import type { ReportDetail } from '../../contract/reports';

/**
 * Hook for "sent through the sync outbox to the parent station". The sync module registers a
 * sender (from its own file) when a parent station is configured; reports.send with via 'sync'
 * calls it in the same transaction, so the report is marked sent exactly when its outbox row
 * exists. Without a sender, 'sync' is refused and the operator records a phone/fax send.
 */
export interface ReportSyncSender {
  /** Enqueue the signed report; returns the outbox reference stored on the send. */
  enqueue(db: DB, report: ReportDetail, meta: { recipient: string; sentAt: number }): { ref: string };
}

let sender: ReportSyncSender | null = null;
export function setReportSyncSender(s: ReportSyncSender | null): void {
  sender = s;
}
export const reportSyncSender = () => sender;
