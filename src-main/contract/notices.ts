import { z } from 'zod';
import { query, mutation } from './method';
import { DUTY_OR_ADMIN } from './roles';
import { EpochMs, Id, optText, text } from './common';

/**
 * 通知 (notices): the district issues a notice down to township stations (through sync) and to
 * people it reaches by phone; each recipient's receipt (已收到, who/when, optional reply) comes back
 * up or is marked by hand at the district. Passing on and following up are half an operator's
 * work (接, 报, 传, 跟 — standards §6).
 */

/** 未收到 / 已收到 / 已回复 — as the district reads a recipient's line. */
export type NoticeReceiptState = 'missing' | 'received' | 'replied';

export interface NoticeRecipientRow {
  id: string;
  kind: 'station' | 'person';
  name: string;
  phone: string;
  /** Station recipients: the township is connected (sync), so the notice goes down to it. */
  connected: boolean;
  /** The township has pulled the notice (it is on its screen). */
  delivered: boolean;
  state: NoticeReceiptState;
  receivedAt: number | null;
  receivedByName: string | null;
  reply: string | null;
  /** Marked by hand at the district (reached by phone), with who answered. */
  manual: boolean;
  manualNote: string | null;
  overdue: boolean;
  remindedAt: number | null;
  reminders: number;
}

export interface NoticeRow {
  id: string;
  no: string;
  title: string;
  body: string;
  issuedAt: number;
  issuedByName: string;
  originName: string;
  receiptDueAt: number | null;
  /** District: recipients in total / with a receipt; township: 1 / 0 or 1. */
  recipients: number;
  received: number;
  overdue: boolean;
  /** Township: this station's own receipt. */
  myReceipt: { receivedAt: number; receivedByName: string; reply: string | null } | null;
}

export interface NoticeDetail extends NoticeRow {
  /** District only (a township sees its own receipt). */
  lines: NoticeRecipientRow[];
}

const Person = z.object({ name: text(50), phone: z.string().trim().max(30).default(''), unit: optText(100) }).strict();

export const noticesMethods = {
  /** District: lists what it issued; township: the notices it received. */
  'notices.list': query<NoticeRow[]>('authenticated')(z.object({ open: z.boolean().optional() }).strict()),
  'notices.get': query<NoticeDetail>('authenticated')(z.object({ id: Id }).strict()),
  /** District only. Township stations get it through sync; people are reached by phone and marked by hand. */
  'notices.issue': mutation<NoticeDetail>(DUTY_OR_ADMIN)(
    z
      .object({
        title: text(100),
        body: text(5000),
        stations: z.array(Id).max(200).default([]),
        people: z.array(Person).max(200).default([]),
        receiptDueAt: EpochMs.optional(),
      })
      .strict(),
  ),
  /** Township: 已收到 (with an optional reply); sent again with a reply later, it updates the receipt. */
  'notices.receipt': mutation<NoticeRow>(DUTY_OR_ADMIN)(z.object({ id: Id, reply: optText(1000) }).strict()),
  /** District: a recipient confirmed by phone (note: who answered). */
  'notices.markReceived': mutation<NoticeDetail>(DUTY_OR_ADMIN)(z.object({ lineId: Id, note: text(200), reply: optText(1000) }).strict()),
  /** District: a reminder given to a recipient who has not confirmed. */
  'notices.remind': mutation<NoticeDetail>(DUTY_OR_ADMIN)(z.object({ lineId: Id, note: optText(200) }).strict()),
};
