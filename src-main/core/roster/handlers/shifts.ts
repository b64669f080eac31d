import type { Ctx, Handlers } from '../../api/types';
import { translate } from '../../i18n/messages';
import { invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import {
  activeLeaveRec, getRules, insertLeave, insertPosition, insertShift, leaveBetween, listPositions, listShifts, positionById, positionRec, saveRules, shiftById, shiftRec,
  updatePosition, updateShift, voidLeave, voidPosition, voidShift,
} from '../repo-setup';
import { loadPerson } from './directory';

function shiftOverlapCheck(ctx: Ctx, stationId: string, selfId: string | null, start: number, dur: number) {
  for (const s of listShifts(ctx.db, stationId)) {
    if (s.id === selfId) continue;
    for (const shift of [-1440, 0, 1440]) {
      const a = s.startMinute + shift;
      if (a < start + dur && start < a + s.durationMinutes) throw invalid('roster.shiftOverlap', { other: s.name });
    }
  }
}

/** Station set-up: shift patterns, positions, rules, leave. */
export const shiftsHandlers: Handlers<
  | 'roster.setup.get'
  | 'roster.shifts.create'
  | 'roster.shifts.update'
  | 'roster.shifts.void'
  | 'roster.positions.create'
  | 'roster.positions.update'
  | 'roster.positions.void'
  | 'roster.rules.update'
  | 'roster.leave.add'
  | 'roster.leave.void'
> = {
  'roster.setup.get': {
    handler: (ctx) => {
      const s = ctx.requireStation();
      return { shifts: listShifts(ctx.db, s.id), positions: listPositions(ctx.db, s.id), rules: getRules(ctx.db, s.id) };
    },
  },
  'roster.shifts.create': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      shiftOverlapCheck(ctx, s.id, null, i.startMinute, i.durationMinutes);
      const id = newId();
      const now = ctx.clock.now();
      insertShift(ctx.db, { id, stationId: s.id, ...i }, now);
      const after = shiftById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_shift', entityId: id, after });
      return after;
    },
  },
  'roster.shifts.update': {
    handler: (ctx, i) => {
      const rec = shiftRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('shift', i.id);
      const before = shiftById(ctx.db, i.id)!;
      const start = i.startMinute ?? before.startMinute;
      const dur = i.durationMinutes ?? before.durationMinutes;
      shiftOverlapCheck(ctx, ctx.requireStation().id, i.id, start, dur);
      updateShift(ctx.db, i.id, i.version, { name: i.name, startMinute: start, durationMinutes: dur, sort: i.sort }, ctx.clock.now());
      const after = shiftById(ctx.db, i.id)!;
      ctx.audit({ entity: 'roster_shift', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.shifts.void': {
    handler: (ctx, i) => {
      const rec = shiftRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('shift', i.id);
      const now = ctx.clock.now();
      voidShift(ctx.db, i.id, i.version, ctx.requireUser().id, i.reason, now);
      ctx.audit({ entity: 'roster_shift', entityId: i.id, before: rec, after: { voided: true } });
      return { id: i.id };
    },
  },
  'roster.positions.create': {
    handler: (ctx, i) => {
      const id = newId();
      const now = ctx.clock.now();
      insertPosition(ctx.db, { id, stationId: ctx.requireStation().id, ...i }, now);
      const after = positionById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_position', entityId: id, after });
      return after;
    },
  },
  'roster.positions.update': {
    handler: (ctx, i) => {
      const rec = positionRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('position', i.id);
      const before = positionById(ctx.db, i.id)!;
      const min = i.minCount ?? before.minCount;
      const max = i.maxCount ?? before.maxCount;
      if (max < min) throw invalid('validation', {}, { issues: [{ path: ['maxCount'], message: translate(ctx.locale, 'field.rosterMaxBelowMin') }] });
      updatePosition(ctx.db, i.id, i.version, { name: i.name, minCount: min, maxCount: max, sort: i.sort }, ctx.clock.now());
      const after = positionById(ctx.db, i.id)!;
      ctx.audit({ entity: 'roster_position', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.positions.void': {
    handler: (ctx, i) => {
      const rec = positionRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('position', i.id);
      const now = ctx.clock.now();
      voidPosition(ctx.db, i.id, i.version, ctx.requireUser().id, i.reason, now);
      ctx.audit({ entity: 'roster_position', entityId: i.id, before: rec, after: { voided: true } });
      return { id: i.id };
    },
  },
  'roster.rules.update': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const before = getRules(ctx.db, s.id);
      saveRules(ctx.db, s.id, i.version, i, ctx.clock.now());
      const after = getRules(ctx.db, s.id);
      ctx.audit({ entity: 'roster_rules', entityId: s.id, before, after });
      return after;
    },
  },
  'roster.leave.add': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const p = loadPerson(ctx, i.personId);
      const id = newId();
      insertLeave(ctx.db, { id, stationId: s.id, personId: p.id, fromDate: i.fromDate, toDate: i.toDate, kind: i.kind, note: i.note ?? '', by: ctx.requireUser().id }, ctx.clock.now());
      const after = leaveBetween(ctx.db, s.id, i.fromDate, i.toDate).find((l) => l.id === id)!;
      ctx.audit({ entity: 'roster_leave', entityId: id, after });
      return after;
    },
  },
  'roster.leave.void': {
    handler: (ctx, i) => {
      const r = activeLeaveRec(ctx.db, i.id);
      if (!r) throw notFound('leave', i.id);
      voidLeave(ctx.db, i.id, ctx.requireUser().id, i.reason, ctx.clock.now());
      ctx.audit({ entity: 'roster_leave', entityId: i.id, before: r, after: { voided: true, reason: i.reason } });
      return { id: i.id };
    },
  },
};
