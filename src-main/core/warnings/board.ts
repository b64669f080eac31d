import type { DutyLogSource, LeaderQueueSource, OpenMatter, OpenMatterSource } from '../board/types';
import { translate } from '../i18n/messages';
import type { Level } from '../../contract/warnings';
import { awaitingLeader, entriesBetween, forwardedAt, listRecords, openDeadlineRecords, warningNo } from './repo';

/** "2026-Y0003 暴雨红色": number, kind and colour, as the duty room names a warning. */
const name = (r: { year: number; seq: number; kind: string; level: Level }, key: string, p: Record<string, string | number> = {}) =>
  translate('zh-CN', key, { no: warningNo(r), kind: r.kind, colour: translate('zh-CN', `warnings.colour.${r.level}`), ...p });

/**
 * Open matters of the warnings domain (handover 三清 and the board): each active warning, the
 * leader on duty not yet told, and forwarding not complete — with their deadlines (standards §1).
 */
export const warningsOpenMatters: OpenMatterSource = {
  id: 'warnings',
  collect(db, now) {
    const out: OpenMatter[] = [];
    for (const r of listRecords(db, { activeOnly: true, now, limit: 200 })) {
      out.push({ source: 'warnings', kind: 'activeWarning', refId: r.id, title: name(r, 'warnings.matter.active', { issuer: r.issuer }), dueAt: r.valid_until, severity: r.level <= 2 ? 'warn' : 'info' });
    }
    for (const r of openDeadlineRecords(db, now)) {
      if (r.leader_due_at !== null && r.leader_notified_at === null) {
        out.push({ source: 'warnings', kind: 'warningLeader', refId: r.id, title: name(r, 'warnings.matter.leader'), dueAt: r.leader_due_at, severity: r.leader_due_at < now ? 'urgent' : 'warn' });
      }
      const done = forwardedAt({ recipients: r.recipients, pending: r.pending, last: 0 }) !== null;
      if (r.forward_due_at !== null && !done) {
        out.push({
          source: 'warnings', kind: 'warningForward', refId: r.id,
          title: name(r, 'warnings.matter.forward', { pending: r.recipients ? r.pending : '—', total: r.recipients || '—' }),
          dueAt: r.forward_due_at, severity: r.forward_due_at < now ? 'urgent' : 'warn',
        });
      }
    }
    return out;
  },
};

/** Duty-log lines (值班日志): every timeline entry of a warning in the shift window, in the station's words. */
export const warningsDutyLog: DutyLogSource = {
  id: 'warnings',
  collect(db, from, to) {
    return entriesBetween(db, from, to).map((e) => ({
      at: e.at,
      kind: 'warning',
      text: `${name({ year: e.year, seq: e.seq, kind: e.kindName, level: e.warnLevel }, 'warnings.log.head')} ${translate('zh-CN', `warnings.log.${e.kind}`)}${e.body ? `：${e.body.slice(0, 120)}` : ''}`,
      user: e.authorName,
    }));
  },
};

/** Warnings the leader on duty has still to be told of and decide on. */
export const warningsLeaderQueue: LeaderQueueSource = {
  id: 'warnings',
  collect(db) {
    return awaitingLeader(db).map((r) => ({
      source: 'warnings', kind: 'decide' as const, refId: r.id, title: name(r, 'warnings.log.head'), since: r.received_at, dueAt: r.leader_due_at, route: `/warnings/${r.id}`,
    }));
  },
};
