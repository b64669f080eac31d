import type { Ctx, Handlers } from '../api/types';
import { ApiError, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { localYear } from '../../contract/time';
import type { NoticeDetail } from '../../contract/notices';
import {
  addReminder,
  insertNotice,
  insertReceipt,
  insertRecipient,
  markRecipient,
  nextNoticeNo,
  noticeById,
  noticesFor,
  noticesIssued,
  receiptOf,
  recipientById,
  regById,
  setReply,
  type NoticeRec,
} from './repo';
import { districtDetail, districtLines, townshipRow } from './views';

const isDistrict = (ctx: Ctx) => ctx.requireStation().level === 'district';
function requireDistrict(ctx: Ctx) {
  if (!isDistrict(ctx)) throw new ApiError('FORBIDDEN', 'notices.districtOnly');
  return ctx.requireStation();
}

/** A township's notice: one the district sent down that names this station. */
function arrived(ctx: Ctx, id: string): NoticeRec {
  const st = ctx.requireStation();
  const n = noticesFor(ctx.db, st.id).find((x) => x.row.id === id);
  if (!n) throw notFound('notice', id);
  return n.row;
}

function ownNotice(ctx: Ctx, id: string): NoticeRec {
  const st = requireDistrict(ctx);
  const n = noticeById(ctx.db, id);
  if (!n || n.station_id !== st.id) throw notFound('notice', id);
  return n;
}

function lineOf(ctx: Ctx, lineId: string) {
  const st = requireDistrict(ctx);
  const r = recipientById(ctx.db, lineId);
  if (!r || r.station_id !== st.id) throw notFound('notice', lineId);
  return { r, n: noticeById(ctx.db, r.notice_id)! };
}

export const noticesHandlers: Handlers<'notices.list' | 'notices.get' | 'notices.issue' | 'notices.receipt' | 'notices.markReceived' | 'notices.remind'> = {
  'notices.list': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const now = ctx.clock.now();
      const rows =
        st.level === 'district'
          ? noticesIssued(ctx.db, st.id).map((n) => {
              const { lines: _lines, ...row } = districtDetail(ctx.db, n, now);
              return row;
            })
          : noticesFor(ctx.db, st.id).map((a) => townshipRow(a.row, receiptOf(ctx.db, st.id, a.row.id), now));
      return input.open ? rows.filter((r) => r.received < r.recipients) : rows;
    },
  },

  'notices.get': {
    handler: (ctx, input): NoticeDetail => {
      const st = ctx.requireStation();
      const now = ctx.clock.now();
      if (st.level === 'district') return districtDetail(ctx.db, ownNotice(ctx, input.id), now);
      return { ...townshipRow(arrived(ctx, input.id), receiptOf(ctx.db, st.id, input.id), now), lines: [] };
    },
  },

  'notices.issue': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      if (!input.stations.length && !input.people.length) throw invalid('notices.noRecipients');
      if (input.receiptDueAt !== undefined && input.receiptDueAt < now) throw invalid('notices.dueInPast');
      const seen = new Set<string>();
      const regs = input.stations.map((id) => {
        const reg = regById(ctx.db, id);
        if (!reg) throw notFound('station', id);
        if (seen.has(id)) throw invalid('notices.duplicateStation', { name: reg.name });
        seen.add(id);
        if (reg.revoked_at) throw new ApiError('CONFLICT', 'notices.stationRevoked', { name: reg.name });
        return reg;
      });
      const id = newId();
      // Connected townships (enrolled: they have a station id) get it down by sync; the others by phone.
      const toStations = regs.filter((r) => r.station_id).map((r) => r.station_id!);
      insertNotice(
        ctx.db,
        {
          id,
          station_id: st.id,
          no: nextNoticeNo(ctx.db, st.id, localYear(now, st.timeZone)),
          title: input.title,
          body: input.body,
          to_stations: JSON.stringify(toStations),
          receipt_due_at: input.receiptDueAt ?? null,
          origin_name: st.name,
          issued_by: u.id,
          issued_by_name: u.displayName,
          issued_at: now,
        },
        now,
      );
      for (const reg of regs) {
        insertRecipient(ctx.db, { id: newId(), station_id: st.id, notice_id: id, kind: 'station', reg_id: reg.id, to_station_id: reg.station_id, name: reg.name, phone: '', unit: null }, now);
      }
      for (const p of input.people) {
        insertRecipient(ctx.db, { id: newId(), station_id: st.id, notice_id: id, kind: 'person', reg_id: null, to_station_id: null, name: p.name, phone: p.phone, unit: p.unit ?? null }, now);
      }
      const out = districtDetail(ctx.db, noticeById(ctx.db, id)!, now);
      ctx.audit({ entity: 'notice', entityId: id, after: { title: out.title, recipients: out.lines.map((l) => l.name), receiptDueAt: out.receiptDueAt } });
      return out;
    },
  },

  'notices.receipt': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      if (st.level === 'district') throw new ApiError('FORBIDDEN', 'notices.townshipOnly');
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const n = arrived(ctx, input.id);
      const before = receiptOf(ctx.db, st.id, n.id);
      const reply = input.reply?.trim() || null;
      if (!before) {
        insertReceipt(
          ctx.db,
          { id: newId(), station_id: st.id, notice_id: n.id, received_by: u.id, received_by_name: u.displayName, received_at: now, reply, replied_at: reply ? now : null },
          now,
        );
      } else {
        if (!reply) throw new ApiError('CONFLICT', 'notices.alreadyReceived');
        if (before.reply) throw new ApiError('CONFLICT', 'notices.alreadyReplied');
        setReply(ctx.db, before.id, reply, now);
      }
      const after = receiptOf(ctx.db, st.id, n.id)!;
      ctx.audit({ entity: 'notice_receipt', entityId: after.id, before, after });
      return townshipRow(n, after, now);
    },
  },

  'notices.markReceived': {
    handler: (ctx, input) => {
      const { r, n } = lineOf(ctx, input.lineId);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const line = districtLines(ctx.db, n, now).find((l) => l.id === r.id)!;
      if (line.state !== 'missing') throw new ApiError('CONFLICT', 'notices.alreadyMarked');
      markRecipient(ctx.db, r.id, { by: u.id, byName: u.displayName, note: input.note, reply: input.reply?.trim() || null }, now);
      ctx.audit({ entity: 'notice_recipient', entityId: r.id, before: { state: 'missing' }, after: { manual: true, note: input.note, reply: input.reply ?? null } });
      return districtDetail(ctx.db, n, now);
    },
  },

  'notices.remind': {
    handler: (ctx, input) => {
      const { r, n } = lineOf(ctx, input.lineId);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const line = districtLines(ctx.db, n, now).find((l) => l.id === r.id)!;
      if (line.state !== 'missing') throw new ApiError('CONFLICT', 'notices.alreadyMarked');
      addReminder(ctx.db, { id: newId(), stationId: r.station_id, recipientId: r.id, by: u.id, byName: u.displayName, note: input.note?.trim() ?? '' }, now);
      ctx.audit({ entity: 'notice_recipient', entityId: r.id, after: { reminded: now, note: input.note ?? '' } });
      return districtDetail(ctx.db, n, now);
    },
  },
};
