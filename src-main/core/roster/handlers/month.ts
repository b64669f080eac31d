import type { Ctx, Handlers } from '../../api/types';
import type { StationInfo } from '../../../contract/station';
import type { MonthView } from '../../../contract/roster';
import { monthOf } from '../../../contract/time';
import { translate } from '../../i18n/messages';
import { ApiError, conflict, invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { personById } from '../repo-directory';
import { listPositions, listShifts, positionRec, shiftRec } from '../repo-setup';
import { assignmentById, assignmentVoided, cellAssignment, insertAssignment, insertChange, insertDraftMonth, monthRec, publishMonth, voidAssignment, type MonthRec } from '../repo-month';
import { monthView, shiftWindow } from '../month';
import { generateMonth } from '../generate';
import { exportMonthXlsx } from '../xlsx';

/** Errors that no reason can accept at publishing time. */
const BLOCKING = new Set(['doubleBooked', 'onLeave', 'personDisabled']);
const COVERAGE = new Set(['uncovered', 'leaderMissing']);

function ensureMonth(ctx: Ctx, station: StationInfo, month: string): MonthRec {
  let m = monthRec(ctx.db, station.id, month);
  if (!m) {
    const now = ctx.clock.now();
    insertDraftMonth(ctx.db, newId(), station.id, month, now);
    m = monthRec(ctx.db, station.id, month)!;
  }
  return m;
}

function requireDraft(ctx: Ctx, station: StationInfo, month: string): MonthRec {
  const m = ensureMonth(ctx, station, month);
  if (m.status === 'published') throw new ApiError('CONFLICT', 'roster.monthFrozen', { month });
  return m;
}

/** After a swap/substitution: refuse if a changed assignment now carries a blocking error. */
function assertNoNewConflicts(ctx: Ctx, station: StationInfo, ids: string[]) {
  const months = new Set(ids.map((id) => monthOf(assignmentById(ctx.db, id)!.date)));
  for (const m of months) {
    const bad = monthView(ctx.db, station, m).issues.find((i) => i.assignmentId && ids.includes(i.assignmentId) && BLOCKING.has(i.code));
    if (bad) {
      const detail = `${bad.personName ?? ''} ${bad.date} ${translate(ctx.locale, `roster.issue.${bad.code}`)}`;
      throw invalid('roster.changeConflicts', { detail }, { issue: bad });
    }
  }
}

/** The month roster: edit, generate, publish, then swap or substitute; export. */
export const monthHandlers: Handlers<
  | 'roster.month.get'
  | 'roster.month.setCell'
  | 'roster.month.generate'
  | 'roster.month.publish'
  | 'roster.month.swap'
  | 'roster.month.substitute'
  | 'roster.month.exportXlsx'
> = {
  'roster.month.get': { handler: (ctx, i) => monthView(ctx.db, ctx.requireStation(), i.month) },
  'roster.month.setCell': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      if (!i.date.startsWith(i.month)) throw invalid('roster.shiftNotFound');
      const shift = shiftRec(ctx.db, i.shiftId);
      if (!shift || shift.voided_at) throw invalid('roster.shiftNotFound');
      const pos = positionRec(ctx.db, i.positionId);
      if (!pos || pos.voided_at) throw notFound('position', i.positionId);
      if (i.slot >= pos.max_count) throw invalid('roster.slotBeyondMax', { position: pos.name, max: pos.max_count });
      requireDraft(ctx, s, i.month);
      if (i.personId) {
        const p = personById(ctx.db, i.personId);
        if (!p) throw invalid('roster.unknownPerson', { id: i.personId });
        if (p.disabled_at) throw invalid('roster.personDisabled', { name: p.name });
      }
      const existing = cellAssignment(ctx.db, s.id, i.date, i.shiftId, i.positionId, i.slot);
      if ((existing?.personId ?? null) === i.personId) return monthView(ctx.db, s, i.month);
      const now = ctx.clock.now();
      const by = ctx.requireUser().id;
      if (existing) voidAssignment(ctx.db, existing.id, by, i.personId ? 'replaced' : 'cleared', now);
      let after: unknown = null;
      if (i.personId) {
        const id = newId();
        const w = shiftWindow(i.date, { startMinute: shift.start_minute, durationMinutes: shift.duration_minutes }, s.timeZone);
        insertAssignment(ctx.db, { id, stationId: s.id, date: i.date, shiftId: i.shiftId, positionId: i.positionId, slot: i.slot, personId: i.personId, ...w, source: 'manual', changeId: null, by }, now);
        after = assignmentById(ctx.db, id);
      }
      ctx.audit({ entity: 'roster_assignment', entityId: `${i.date}/${i.shiftId}/${i.positionId}/${i.slot}`, before: existing, after });
      return monthView(ctx.db, s, i.month);
    },
  },
  'roster.month.generate': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const m = requireDraft(ctx, s, i.month);
      if (!listShifts(ctx.db, s.id).length || !listPositions(ctx.db, s.id).length) throw invalid('roster.noShifts');
      for (const id of i.personIds) {
        const p = personById(ctx.db, id);
        if (!p) throw invalid('roster.unknownPerson', { id });
        if (p.disabled_at) throw invalid('roster.personDisabled', { name: p.name });
      }
      const r = generateMonth(ctx.db, s, i.month, i.personIds, ctx.requireUser().id, ctx.clock.now());
      ctx.audit({ entity: 'roster_month', entityId: m.id, before: { kept: r.kept }, after: { generated: r.added.map((a) => a.id), unfilled: r.unfilled } });
      return { filled: r.filled, unfilled: r.unfilled, kept: r.kept, explanations: r.explanations, view: monthView(ctx.db, s, i.month) };
    },
  },
  'roster.month.publish': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const existing = monthRec(ctx.db, s.id, i.month);
      if (existing?.status === 'published') throw new ApiError('CONFLICT', 'roster.alreadyPublished', { month: i.month });
      if ((existing?.version ?? 0) !== i.version) throw conflict();
      const view = monthView(ctx.db, s, i.month);
      if (!view.shifts.length || !view.positions.length) throw invalid('roster.noShifts');
      const blocking = view.issues.filter((x) => x.severity === 'error' && BLOCKING.has(x.code));
      if (blocking.length) throw invalid('roster.publishBlocked', { count: blocking.length }, { issues: blocking.slice(0, 50) });
      const uncovered = view.issues.filter((x) => COVERAGE.has(x.code));
      if (uncovered.length && !i.acceptUncoveredReason) throw invalid('roster.uncoveredNeedsReason', { count: uncovered.length }, { issues: uncovered.slice(0, 50) });
      const m = ensureMonth(ctx, s, i.month);
      const now = ctx.clock.now();
      publishMonth(ctx.db, m.id, m.version, { by: ctx.requireUser().id, acceptedReason: uncovered.length ? i.acceptUncoveredReason! : null }, now);
      ctx.audit({ entity: 'roster_month', entityId: m.id, before: { status: m.status }, after: { status: 'published', month: i.month, assignments: view.assignments.map((a) => [a.id, a.personId]), acceptedUncovered: uncovered.length } });
      return monthView(ctx.db, s, i.month);
    },
  },
  'roster.month.swap': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const a = assignmentById(ctx.db, i.assignmentA);
      const b = assignmentById(ctx.db, i.assignmentB);
      if (!a || assignmentVoided(ctx.db, a.id)) throw notFound('assignment', i.assignmentA);
      if (!b || assignmentVoided(ctx.db, b.id)) throw notFound('assignment', i.assignmentB);
      for (const x of [a, b]) if (monthRec(ctx.db, s.id, monthOf(x.date))?.status !== 'published') throw invalid('roster.notPublished', { month: monthOf(x.date) });
      if (a.personId === b.personId) throw invalid('roster.swapSamePerson');
      const now = ctx.clock.now();
      if (a.startAt <= now || b.startAt <= now) throw invalid('roster.changeInPast');
      const by = ctx.requireUser().id;
      const changeId = newId();
      voidAssignment(ctx.db, a.id, by, 'swap', now);
      voidAssignment(ctx.db, b.id, by, 'swap', now);
      const a2 = newId();
      const b2 = newId();
      insertAssignment(ctx.db, { id: a2, stationId: s.id, date: a.date, shiftId: a.shiftId, positionId: a.positionId, slot: a.slot, personId: b.personId, startAt: a.startAt, endAt: a.endAt, source: 'swap', changeId, by }, now);
      insertAssignment(ctx.db, { id: b2, stationId: s.id, date: b.date, shiftId: b.shiftId, positionId: b.positionId, slot: b.slot, personId: a.personId, startAt: b.startAt, endAt: b.endAt, source: 'swap', changeId, by }, now);
      insertChange(ctx.db, { id: changeId, stationId: s.id, kind: 'swap', month: monthOf(a.date), assignmentA: a2, assignmentB: b2, personFrom: a.personId, personTo: b.personId, reason: i.reason, by }, now);
      assertNoNewConflicts(ctx, s, [a2, b2]);
      ctx.audit({ entity: 'roster_change', entityId: changeId, before: { a, b }, after: { kind: 'swap', a: a2, b: b2, reason: i.reason, approvedBy: by } });
      return monthView(ctx.db, s, monthOf(a.date));
    },
  },
  'roster.month.substitute': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const a = assignmentById(ctx.db, i.assignmentId);
      if (!a || assignmentVoided(ctx.db, a.id)) throw notFound('assignment', i.assignmentId);
      if (monthRec(ctx.db, s.id, monthOf(a.date))?.status !== 'published') throw invalid('roster.notPublished', { month: monthOf(a.date) });
      const p = personById(ctx.db, i.personId);
      if (!p) throw invalid('roster.unknownPerson', { id: i.personId });
      if (p.disabled_at) throw invalid('roster.personDisabled', { name: p.name });
      if (p.id === a.personId) throw invalid('roster.swapSamePerson');
      const now = ctx.clock.now();
      if (a.startAt <= now) throw invalid('roster.changeInPast');
      const by = ctx.requireUser().id;
      const changeId = newId();
      const a2 = newId();
      voidAssignment(ctx.db, a.id, by, 'substitute', now);
      insertAssignment(ctx.db, { id: a2, stationId: s.id, date: a.date, shiftId: a.shiftId, positionId: a.positionId, slot: a.slot, personId: p.id, startAt: a.startAt, endAt: a.endAt, source: 'substitute', changeId, by }, now);
      insertChange(ctx.db, { id: changeId, stationId: s.id, kind: 'substitute', month: monthOf(a.date), assignmentA: a2, assignmentB: null, personFrom: a.personId, personTo: p.id, reason: i.reason, by }, now);
      assertNoNewConflicts(ctx, s, [a2]);
      ctx.audit({ entity: 'roster_change', entityId: changeId, before: a, after: { kind: 'substitute', a: a2, personId: p.id, reason: i.reason, approvedBy: by } });
      return monthView(ctx.db, s, monthOf(a.date));
    },
  },
  'roster.month.exportXlsx': {
    mode: 'async',
    handler: async (ctx, i) => {
      const s = ctx.requireStation();
      const view: MonthView = monthView(ctx.db, s, i.month);
      return exportMonthXlsx(s, view, i.holidaysOnly, ctx.locale);
    },
  },
};
