import type { DB } from '../db/open';
import type { NoticeDetail, NoticeRecipientRow, NoticeRow } from '../../contract/notices';
import { arrivedReceipts, noticeDownSeq, recipientsOf, regById, type NoticeRec, type ReceiptRec, type RecipientRec } from './repo';

/** How the district reads one recipient line: a receipt that came up, or a mark made by hand. */
export function recipientLine(db: DB, n: NoticeRec, r: RecipientRec, arrived: Map<string, ReceiptRec>, downSeq: number | null, now: number): NoticeRecipientRow {
  const got = r.to_station_id ? arrived.get(r.to_station_id) : undefined;
  const reg = r.reg_id ? regById(db, r.reg_id) : undefined;
  const receivedAt = got?.received_at ?? r.manual_at;
  const reply = got?.reply ?? r.manual_reply ?? null;
  const state: NoticeRecipientRow['state'] = receivedAt == null ? 'missing' : reply ? 'replied' : 'received';
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    phone: r.phone,
    connected: !!r.to_station_id,
    delivered: !!r.to_station_id && downSeq !== null && !!reg && reg.pulled_seq >= downSeq,
    state,
    receivedAt: receivedAt ?? null,
    receivedByName: got?.received_by_name ?? (r.manual_at ? r.manual_note : null),
    reply,
    manual: !got && r.manual_at !== null,
    manualNote: r.manual_note,
    overdue: state === 'missing' && n.receipt_due_at !== null && now > n.receipt_due_at,
    remindedAt: r.reminded_at,
    reminders: r.reminders,
  };
}

export function districtLines(db: DB, n: NoticeRec, now: number): NoticeRecipientRow[] {
  const arrived = arrivedReceipts(db, n.id);
  const down = noticeDownSeq(db, n.id);
  return recipientsOf(db, n.id).map((r) => recipientLine(db, n, r, arrived, down, now));
}

const base = (n: NoticeRec) => ({
  id: n.id,
  no: n.no,
  title: n.title,
  body: n.body,
  issuedAt: n.issued_at,
  issuedByName: n.issued_by_name,
  originName: n.origin_name,
  receiptDueAt: n.receipt_due_at,
});

export function districtDetail(db: DB, n: NoticeRec, now: number): NoticeDetail {
  const lines = districtLines(db, n, now);
  return {
    ...base(n),
    recipients: lines.length,
    received: lines.filter((l) => l.state !== 'missing').length,
    overdue: lines.some((l) => l.overdue),
    myReceipt: null,
    lines,
  };
}

export function townshipRow(n: NoticeRec, mine: ReceiptRec | undefined, now: number): NoticeRow {
  return {
    ...base(n),
    recipients: 1,
    received: mine ? 1 : 0,
    overdue: !mine && n.receipt_due_at !== null && now > n.receipt_due_at,
    myReceipt: mine ? { receivedAt: mine.received_at, receivedByName: mine.received_by_name, reply: mine.reply } : null,
  };
}
