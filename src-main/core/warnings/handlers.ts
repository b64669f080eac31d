import type { Ctx, Handlers } from '../api/types';
import { mayDecide, type WarningDetail } from '../../contract/warnings';
import { formatDateTime, localYear } from '../../contract/time';
import { conflict, forbidden, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { placeByCode } from '../station/places';
import { translate } from '../i18n/messages';
import { deadlinesAt, isLate } from './deadlines';
import { readStored, storeFile } from './attachments';
import {
  appendEntry,
  areaCodesOf,
  attachmentById,
  attachmentsOf,
  entriesOf,
  insertAttachment,
  insertRecipient,
  insertWarning,
  listRecords,
  markConfirmed,
  markNotified,
  nextSeq,
  recipientById,
  recipientsOf,
  recordById,
  ruleViews,
  toRow,
  updateWarning,
  upsertRuleOverride,
  type WarningRecord,
} from './repo';
import type { Patch } from '../db/versioned';

const field = (path: string) => ({ issues: [{ path: [path], message: 'invalid' }] });

function load(ctx: Ctx, id: string): WarningRecord {
  const r = recordById(ctx.db, id);
  if (!r) throw notFound('warning', id);
  return r;
}

function loadOpen(ctx: Ctx, id: string, version?: number): WarningRecord {
  const r = load(ctx, id);
  if (r.lifted_at !== null) throw conflict('warnings.lifted');
  if (version !== undefined && r.version !== version) throw conflict();
  return r;
}

export function detail(ctx: Ctx, id: string): WarningDetail {
  const r = load(ctx, id);
  return {
    ...toRow(ctx.db, r, ctx.clock.now()),
    text: r.text,
    areaCodes: areaCodesOf(ctx.db, id),
    leaderVia: r.leader_via,
    leaderName: r.leader_name,
    leaderInstruction: r.leader_instruction,
    leaderLateReason: r.leader_late_reason,
    createdByName: r.created_by_name,
    recipientList: recipientsOf(ctx.db, id),
    entries: entriesOf(ctx.db, id),
    attachments: attachmentsOf(ctx.db, id),
  };
}

/** A time recorded after the fact (a phone call made a few minutes ago): not before receipt, not in the future. */
function recordedAt(ctx: Ctx, r: WarningRecord, at: number | undefined): number {
  const now = ctx.clock.now();
  if (at === undefined) return now;
  if (at > now + 60_000) throw invalid('warnings.atInFuture', {}, field('at'));
  if (at < r.received_at) throw invalid('warnings.atBeforeReceipt', {}, field('at'));
  return at;
}

/** Met late: a reason is required (迟报, kept as reports keep theirs). */
function lateReason(ctx: Ctx, dueAt: number | null, metAt: number, reason: string | undefined): string | null {
  if (!isLate(dueAt, metAt)) return null;
  if (!reason) throw invalid('warnings.lateReasonRequired', { due: formatDateTime(dueAt!, ctx.requireStation().timeZone, ctx.locale) }, field('lateReason'));
  return reason;
}

function entry(ctx: Ctx, r: WarningRecord, kind: Parameters<typeof appendEntry>[1]['kind'], at: number, body: string, extra: { level?: 1 | 2 | 3 | 4 | null; validUntil?: number | null } = {}) {
  const u = ctx.requireUser();
  appendEntry(ctx.db, { id: newId(), stationId: r.station_id, warningId: r.id, kind, at, body, ...extra, authorId: u.id, authorName: u.displayName, now: ctx.clock.now() });
}

function save(ctx: Ctx, r: WarningRecord, patch: Patch): void {
  if (!updateWarning(ctx.db, r.id, r.version, patch, ctx.clock.now())) throw conflict();
}

const statusWord = (ctx: Ctx, s: string) => translate(ctx.locale, `warnings.receipt.${s}`);

export const warningsHandlers: Handlers<
  | 'warnings.list'
  | 'warnings.get'
  | 'warnings.create'
  | 'warnings.notifyLeader'
  | 'warnings.addRecipients'
  | 'warnings.receipt'
  | 'warnings.change'
  | 'warnings.attach'
  | 'warnings.attachment'
  | 'warnings.rules'
  | 'warnings.setRule'
> = {
  'warnings.list': {
    handler: (ctx, input) => {
      const now = ctx.clock.now();
      return listRecords(ctx.db, { activeOnly: !!input.activeOnly, now, limit: input.limit }).map((r) => toRow(ctx.db, r, now));
    },
  },

  'warnings.get': { handler: (ctx, input) => detail(ctx, input.id) },

  'warnings.create': {
    handler: (ctx, input) => {
      const station = ctx.requireStation();
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const receivedAt = input.receivedAt ?? now;
      if (receivedAt > now + 60_000) throw invalid('warnings.receivedInFuture', {}, field('receivedAt'));
      if (input.validUntil !== undefined && input.validUntil < input.validFrom) throw invalid('warnings.untilBeforeFrom', {}, field('validUntil'));
      const codes = [...new Set(input.areaCodes)];
      for (const c of codes) if (!placeByCode(ctx.db, c)) throw invalid('warnings.unknownPlace', { code: c }, field('areaCodes'));
      const due = deadlinesAt(ruleViews(ctx.db), receivedAt);
      const year = localYear(receivedAt, station.timeZone);
      const id = newId();
      insertWarning(ctx.db, {
        id, station_id: station.id, year, seq: nextSeq(ctx.db, year), issuer: input.issuer, kind: input.kind, level: input.level,
        doc_no: input.docNo || null, valid_from: input.validFrom, valid_until: input.validUntil ?? null, received_at: receivedAt, text: input.text,
        leader_due_at: due.leaderDueAt, forward_due_at: due.forwardDueAt, created_by: u.id, created_by_name: u.displayName,
      }, codes, now);
      const r = load(ctx, id);
      entry(ctx, r, 'intake', receivedAt, input.text.slice(0, 500), { level: input.level, validUntil: input.validUntil ?? null });
      const out = detail(ctx, id);
      ctx.audit({ entity: 'warning', entityId: id, after: out });
      return out;
    },
  },

  'warnings.notifyLeader': {
    handler: (ctx, input) => {
      const r = loadOpen(ctx, input.id, input.version);
      if (r.leader_notified_at !== null) throw conflict('warnings.alreadyNotified');
      const u = ctx.requireUser();
      if (input.via === 'app' && !mayDecide(u)) throw forbidden('warnings.decideLeaderOnly');
      if (input.via === 'phone' && !input.leaderName) throw invalid('warnings.leaderNameRequired', {}, field('leaderName'));
      const now = ctx.clock.now();
      const late = lateReason(ctx, r.leader_due_at, now, input.lateReason);
      const leader = input.via === 'app' ? u.displayName : input.leaderName!;
      save(ctx, r, {
        leader_notified_at: now, leader_via: input.via, leader_name: leader, leader_instruction: input.instruction || null,
        leader_late_reason: late, leader_recorded_by: u.id,
      });
      entry(ctx, r, 'leader', now, [leader, input.instruction, late].filter(Boolean).join(' · '));
      const out = detail(ctx, r.id);
      ctx.audit({ entity: 'warning', entityId: r.id, before: { leaderNotifiedAt: null }, after: { leaderNotifiedAt: now, via: input.via, leader, instruction: input.instruction ?? null, lateReason: late } });
      return out;
    },
  },

  'warnings.addRecipients': {
    handler: (ctx, input) => {
      const r = loadOpen(ctx, input.id, input.version);
      const u = ctx.requireUser();
      const now = ctx.clock.now();
      const have = new Set(recipientsOf(ctx.db, r.id).map((x) => `${x.name}|${x.unit}`));
      for (const x of input.recipients) {
        const k = `${x.name}|${x.unit ?? ''}`;
        if (have.has(k)) throw invalid('warnings.duplicateRecipient', { name: x.name }, field('recipients'));
        have.add(k);
        if (x.townshipCode && placeByCode(ctx.db, x.townshipCode)?.level !== 'township') throw invalid('warnings.unknownPlace', { code: x.townshipCode }, field('recipients'));
        insertRecipient(ctx.db, { id: newId(), stationId: r.station_id, warningId: r.id, name: x.name, unit: x.unit ?? '', townshipCode: x.townshipCode ?? null, phone: x.phone ?? '', channel: x.channel, by: u.id, now });
      }
      save(ctx, r, {});
      entry(ctx, r, 'recipients', now, input.recipients.map((x) => x.name).join('、'));
      ctx.audit({ entity: 'warning', entityId: r.id, after: { recipientsAdded: input.recipients } });
      return detail(ctx, r.id);
    },
  },

  'warnings.receipt': {
    handler: (ctx, input) => {
      const r = loadOpen(ctx, input.id, input.version);
      const x = recipientById(ctx.db, input.recipientId);
      if (!x || x.warning_id !== r.id) throw invalid('warnings.recipientNotInWarning', {}, field('recipientId'));
      const from = input.status === 'notified' ? 'pending' : 'notified';
      if (x.status !== from) throw conflict('warnings.receiptOrder', { name: x.name, status: statusWord(ctx, x.status), to: statusWord(ctx, input.status) });
      const u = ctx.requireUser();
      const at = recordedAt(ctx, r, input.at);
      let late: string | null = null;
      if (input.status === 'notified') {
        late = lateReason(ctx, r.forward_due_at, at, input.lateReason);
        markNotified(ctx.db, x.id, { at, by: u.id, byName: u.displayName, lateReason: late });
      } else {
        if (!input.confirmedName) throw invalid('warnings.confirmedNameRequired', {}, field('confirmedName'));
        if (at < (x.notified_at ?? 0)) throw invalid('warnings.receiptBeforeNotice', {}, field('at'));
        markConfirmed(ctx.db, x.id, { at, confirmedName: input.confirmedName, by: u.id, byName: u.displayName });
      }
      save(ctx, r, {});
      entry(ctx, r, input.status, at, [x.name, input.confirmedName, late].filter(Boolean).join(' · '));
      ctx.audit({ entity: 'warning', entityId: r.id, before: { recipient: x.name, status: x.status }, after: { recipient: x.name, status: input.status, at, confirmedName: input.confirmedName ?? null, lateReason: late } });
      return detail(ctx, r.id);
    },
  },

  'warnings.change': {
    handler: (ctx, input) => {
      const r = loadOpen(ctx, input.id, input.version);
      const at = recordedAt(ctx, r, input.at);
      const patch: Patch = {};
      if (input.change === 'upgrade' || input.change === 'downgrade') {
        if (input.level === undefined) throw invalid('warnings.levelRequired', {}, field('level'));
        // Level 1 is the highest (standards §2): an upgrade lowers the number.
        if (input.change === 'upgrade' && input.level >= r.level) throw invalid('warnings.notHigher', {}, field('level'));
        if (input.change === 'downgrade' && input.level <= r.level) throw invalid('warnings.notLower', {}, field('level'));
        patch.level = input.level;
      }
      if (input.change === 'extend' || input.validUntil !== undefined) {
        if (input.validUntil === undefined || (r.valid_until !== null && input.validUntil <= r.valid_until) || input.validUntil < r.valid_from) {
          throw invalid('warnings.untilRequired', {}, field('validUntil'));
        }
        patch.valid_until = input.validUntil;
      }
      if (input.change === 'lift') patch.lifted_at = at;
      save(ctx, r, patch);
      entry(ctx, r, input.change, at, input.note, { level: input.level ?? null, validUntil: input.validUntil ?? null });
      const out = detail(ctx, r.id);
      ctx.audit({ entity: 'warning', entityId: r.id, before: { level: r.level, validUntil: r.valid_until, liftedAt: r.lifted_at }, after: { change: input.change, level: out.level, validUntil: out.validUntil, liftedAt: out.liftedAt, note: input.note } });
      return out;
    },
  },

  'warnings.attach': {
    handler: (ctx, input) => {
      const r = loadOpen(ctx, input.id);
      const u = ctx.requireUser();
      const f = storeFile(ctx.services.dataDir, input.name, input.mime, input.data);
      const id = newId();
      insertAttachment(ctx.db, { id, stationId: r.station_id, warningId: r.id, sha256: f.sha256, name: input.name, mime: input.mime, size: f.size, by: u.id, byName: u.displayName, at: ctx.clock.now() });
      save(ctx, r, {});
      entry(ctx, r, 'attachment', ctx.clock.now(), input.name);
      ctx.audit({ entity: 'warning', entityId: r.id, after: { attachment: { id, name: input.name, mime: input.mime, size: f.size, sha256: f.sha256 } } });
      return detail(ctx, r.id);
    },
  },

  'warnings.attachment': {
    handler: (ctx, input) => {
      const a = attachmentById(ctx.db, input.id);
      if (!a) throw notFound('attachment', input.id);
      return { name: a.name, mime: a.mime, size: a.size, data: readStored(ctx.services.dataDir, a.sha256) };
    },
  },

  'warnings.rules': { handler: (ctx) => ruleViews(ctx.db) },

  'warnings.setRule': {
    handler: (ctx, input) => {
      const cur = ruleViews(ctx.db).find((x) => x.id === input.id);
      if (!cur) throw invalid('warnings.unknownRule', { id: input.id });
      const minutes = input.reset ? null : (input.minutes ?? (cur.overridden && cur.minutes !== cur.defaults.minutes ? cur.minutes : null));
      const enabled = input.reset ? null : input.enabled !== undefined ? input.enabled : cur.enabled !== cur.defaults.enabled ? cur.enabled : null;
      const ok = upsertRuleOverride(ctx.db, {
        ruleId: cur.id, stationId: ctx.requireStation().id, enabled, minutes, note: input.reset ? null : (input.note ?? cur.note),
        by: ctx.requireUser().id, now: ctx.clock.now(), version: input.version,
      });
      if (!ok) throw conflict();
      const after = ruleViews(ctx.db).find((x) => x.id === input.id)!;
      ctx.audit({ entity: 'warningRule', entityId: cur.id, before: cur, after });
      return after;
    },
  },
};
