import type { DutyLogItem, DutyLogSource, OpenMatter, OpenMatterSource } from '../board/types';
import { translate } from '../i18n/messages';
import { connectedNames, recipientCount, thisStation, manualMarksBetween, noticeById, noticesFor, noticesIssued, receiptOf, receiptsArrivedBetween, receiptsBetween, noticesIssuedBetween } from './repo';
import { districtLines } from './views';

const station = thisStation;
const short = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/**
 * Following up (跟, standards §6): at the district, each notice with recipients still silent; at a
 * township, each notice it has not confirmed. Urgent once the receipt deadline has passed.
 */
export const noticesOpenMatters: OpenMatterSource = {
  id: 'notices',
  collect(db, now): OpenMatter[] {
    const st = station(db);
    if (!st) return [];
    const out: OpenMatter[] = [];
    if (st.level === 'district') {
      for (const n of noticesIssued(db, st.id, 100)) {
        const missing = districtLines(db, n, now).filter((l) => l.state === 'missing').length;
        if (!missing) continue;
        const over = n.receipt_due_at !== null && now > n.receipt_due_at;
        out.push({
          source: 'notices',
          kind: over ? 'noticeReceiptsOverdue' : 'noticeReceiptsMissing',
          refId: n.id,
          title: translate('zh-CN', 'notices.openMatter', { title: short(n.title), missing }),
          dueAt: n.receipt_due_at,
          severity: over ? 'urgent' : 'warn',
        });
      }
      return out;
    }
    for (const a of noticesFor(db, st.id)) {
      if (receiptOf(db, st.id, a.row.id)) continue;
      const over = a.row.receipt_due_at !== null && now > a.row.receipt_due_at;
      out.push({
        source: 'notices',
        kind: over ? 'noticeReceiptOverdue' : 'noticeReceiptDue',
        refId: a.row.id,
        title: translate('zh-CN', 'notices.openMatterTown', { title: short(a.row.title) }),
        dueAt: a.row.receipt_due_at,
        severity: over ? 'urgent' : 'warn',
      });
    }
    return out;
  },
};

/** Duty-log lines: notices issued, receipts that came up or were taken by phone; a township's own receipts. */
export const noticesDutyLog: DutyLogSource = {
  id: 'notices',
  collect(db, from, to): DutyLogItem[] {
    const st = station(db);
    if (!st) return [];
    const out: DutyLogItem[] = [];
    if (st.level === 'district') {
      for (const n of noticesIssuedBetween(db, from, to)) {
        const recipients = recipientCount(db, n.id);
        out.push({ at: n.issued_at, kind: 'notice', text: translate('zh-CN', 'notices.log.issued', { title: short(n.title), n: recipients }), user: n.issued_by_name });
      }
      const names = connectedNames(db);
      for (const r of receiptsArrivedBetween(db, from, to)) {
        const n = noticeById(db, r.notice_id);
        if (n) out.push({ at: r._received_at, kind: 'notice', text: translate('zh-CN', 'notices.log.receipt', { name: names.get(r._origin) ?? r.received_by_name, title: short(n.title) }), user: null });
      }
      for (const m of manualMarksBetween(db, from, to)) {
        out.push({ at: m.manual_at!, kind: 'notice', text: translate('zh-CN', 'notices.log.manual', { name: m.name, title: short(m.title), note: m.manual_note ?? '' }), user: m.manual_by_name });
      }
      return out;
    }
    const titles = new Map(noticesFor(db, st.id).map((a) => [a.row.id, a.row.title]));
    for (const r of receiptsBetween(db, st.id, from, to)) {
      out.push({ at: r.received_at, kind: 'notice', text: translate('zh-CN', 'notices.log.myReceipt', { title: short(titles.get(r.notice_id) ?? '') }), user: r.received_by_name });
    }
    return out;
  },
};
