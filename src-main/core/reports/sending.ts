/**
 * When a send may be recorded (standards §1: the 时限 are measured by the time a report went out,
 * so that time must be honest). Pure: the handler passes the record's times and the clock.
 *
 * - Nothing goes out before the incident (or disaster process) was received.
 * - A written send (fax, document, sync) carries the signed text, so it cannot be earlier than the
 *   signing (签发): backdating it would record a 迟报 as on time. Times are typed to the minute, so
 *   the signing minute itself is accepted (the handler records the signing time then).
 * - A phone report is often recorded after the call: its time may lie in the past, but more than
 *   `PHONE_BACKDATE_TOLERANCE_MS` back only with a reason, which is kept on the send's record.
 */
export const PHONE_BACKDATE_TOLERANCE_MS = 10 * 60_000;

export type SendTimeProblem =
  | { key: 'reports.sentBeforeReceived'; path: 'sentAt'; at: number }
  | { key: 'reports.sentBeforeSigned'; path: 'sentAt'; at: number }
  | { key: 'reports.backdateReasonRequired'; path: 'backdateReason'; at: number };

export function sendTimeProblem(
  s: { via: string; sentAt: number; now: number; receivedAt: number; signedAt: number | null; backdateReason: string | null },
): SendTimeProblem | null {
  if (s.sentAt < s.receivedAt) return { key: 'reports.sentBeforeReceived', path: 'sentAt', at: s.receivedAt };
  if (s.via !== 'phone') {
    if (s.signedAt !== null && s.sentAt < Math.floor(s.signedAt / 60_000) * 60_000) return { key: 'reports.sentBeforeSigned', path: 'sentAt', at: s.signedAt };
    return null;
  }
  if (s.sentAt < s.now - PHONE_BACKDATE_TOLERANCE_MS && !s.backdateReason) {
    return { key: 'reports.backdateReasonRequired', path: 'backdateReason', at: s.sentAt };
  }
  return null;
}
