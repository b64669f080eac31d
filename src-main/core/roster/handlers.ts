import type { Ctx, Handlers } from '../api/types';
import type { StationInfo } from '../../contract/station';
import type { DutyLogEntry, HandoverView, MonthView, OpenMatterRow, RosterIssue } from '../../contract/roster';
import { describeAudit, matterLabel } from '../audit/describe';
import { auditWindow } from '../audit/repo';
import { stmt } from '../db/stmt';
import { ApiError, conflict, forbidden, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { userById } from '../users/repo';
import { calendarDays } from './calendar';
import {
  assignmentById,
  assignmentVoided,
  cellAssignment,
  contactById,
  contactRec,
  getRules,
  insertAssignment,
  insertPerson,
  leaveBetween,
  listContacts,
  listPeople,
  listPositions,
  listShifts,
  monthRec,
  personById,
  personByUser,
  positionById,
  positionRec,
  shiftById,
  shiftRec,
  toPerson,
  userName,
  voidAssignment,
  type MonthRec,
} from './repo';
import { monthView, shiftWindow } from './month';
import { generateMonth } from './generate';
import { EARLY_SIGN_IN_MS, isOnShift, openSignInOf, shiftInstance, shiftsAround, signInById, signInsAround, toOnDuty } from './onduty';
import { exportMonthXlsx } from './xlsx';
import { addDays, monthOf, localDate } from '../../contract/time';
import { updateVersioned, type Patch, type SqlValue } from '../db/versioned';

/** Errors that no reason can accept at publishing time. */
const BLOCKING = new Set(['doubleBooked', 'onLeave', 'personDisabled']);
const COVERAGE = new Set(['uncovered', 'leaderMissing']);

function loadPerson(ctx: Ctx, id: string) {
  const p = personById(ctx.db, id);
  if (!p) throw notFound('person', id);
  return p;
}

function checkUserLink(ctx: Ctx, userId: string | null | undefined, selfId: string | null) {
  if (!userId) return;
  if (!userById(ctx.db, userId)) throw invalid('roster.unknownUser');
  const other = personByUser(ctx.db, userId);
  if (other && other.id !== selfId) throw new ApiError('CONFLICT', 'roster.userLinked', { name: other.name });
}

function ensureMonth(ctx: Ctx, station: StationInfo, month: string): MonthRec {
  let m = monthRec(ctx.db, station.id, month);
  if (!m) {
    const now = ctx.clock.now();
    stmt(ctx.db, "INSERT INTO roster_months (id, station_id, month, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)").run(newId(), station.id, month, now, now);
    m = monthRec(ctx.db, station.id, month)!;
  }
  return m;
}

function requireDraft(ctx: Ctx, station: StationInfo, month: string): MonthRec {
  const m = ensureMonth(ctx, station, month);
  if (m.status === 'published') throw new ApiError('CONFLICT', 'roster.monthFrozen', { month });
  return m;
}

function shiftOverlapCheck(ctx: Ctx, stationId: string, selfId: string | null, start: number, dur: number) {
  for (const s of listShifts(ctx.db, stationId)) {
    if (s.id === selfId) continue;
    for (const shift of [-1440, 0, 1440]) {
      const a = s.startMinute + shift;
      if (a < start + dur && start < a + s.durationMinutes) throw invalid('roster.shiftOverlap', { other: s.name });
    }
  }
}

/** After a swap/substitution: refuse if a changed assignment now carries a blocking error. */
function assertNoNewConflicts(ctx: Ctx, station: StationInfo, ids: string[]) {
  const months = new Set(ids.map((id) => monthOf(assignmentById(ctx.db, id)!.date)));
  for (const m of months) {
    const bad = monthView(ctx.db, station, m).issues.find((i) => i.assignmentId && ids.includes(i.assignmentId) && BLOCKING.has(i.code));
    if (bad) {
      const detail = `${bad.personName ?? ''} ${bad.date} ${ctx.locale === 'en' ? bad.code : ({ doubleBooked: '重复排班', onLeave: '请假', personDisabled: '已停用' } as Record<string, string>)[bad.code]}`;
      throw invalid('roster.changeConflicts', { detail }, { issue: bad });
    }
  }
}

function handoverView(ctx: Ctx, station: StationInfo, date: string, shiftId: string): HandoverView {
  const x = shiftInstance(ctx.db, station, date, shiftId);
  if (!x) throw notFound('shift', shiftId);
  const r = stmt(ctx.db, 'SELECT * FROM roster_handovers WHERE station_id = ? AND date = ? AND shift_id = ?').get(station.id, date, shiftId) as
    | { id: string; situation: string; problems: string; tasks: string; open_matters: string; outgoing_user_id: string; incoming_user_id: string | null; acknowledged_at: number | null; status: 'draft' | 'acknowledged'; version: number }
    | undefined;
  const user = ctx.requireUser();
  const me = personByUser(ctx.db, user.id);
  const onThis = isOnShift(ctx.db, station.id, me?.id ?? null, user.id, x.startAt);
  const onNext = isOnShift(ctx.db, station.id, me?.id ?? null, user.id, x.endAt);
  return {
    id: r?.id ?? null,
    date,
    shiftId,
    shiftName: x.shift.name,
    startAt: x.startAt,
    endAt: x.endAt,
    status: r?.status ?? 'none',
    situation: r?.situation ?? '',
    problems: r?.problems ?? '',
    tasks: r?.tasks ?? '',
    openMatters: (r ? (JSON.parse(r.open_matters) as OpenMatterRow[]) : ctx.board.openMatters(ctx.db, ctx.clock.now())).map((m) => ({ ...m, label: matterLabel(ctx.locale, m.kind) })),
    outgoingName: userName(ctx.db, r?.outgoing_user_id ?? null),
    incomingName: userName(ctx.db, r?.incoming_user_id ?? null),
    acknowledgedAt: r?.acknowledged_at ?? null,
    version: r?.version ?? 0,
    canEdit: r?.status !== 'acknowledged' && onThis,
    canAcknowledge: r?.status === 'draft' && onNext && r.outgoing_user_id !== user.id,
  };
}

function frozenShift(ctx: Ctx, stationId: string, date: string, shiftId: string): boolean {
  return !!stmt(ctx.db, "SELECT 1 FROM roster_handovers WHERE station_id = ? AND date = ? AND shift_id = ? AND status = 'acknowledged'").get(stationId, date, shiftId);
}

export const rosterHandlers: Handlers<
  | 'roster.people.list' | 'roster.people.create' | 'roster.people.update' | 'roster.people.setDisabled'
  | 'roster.contacts.list' | 'roster.contacts.create' | 'roster.contacts.update' | 'roster.contacts.void'
  | 'roster.setup.get' | 'roster.shifts.create' | 'roster.shifts.update' | 'roster.shifts.void'
  | 'roster.positions.create' | 'roster.positions.update' | 'roster.positions.void' | 'roster.rules.update'
  | 'roster.calendar.set' | 'roster.leave.add' | 'roster.leave.void'
  | 'roster.month.get' | 'roster.month.setCell' | 'roster.month.generate' | 'roster.month.publish'
  | 'roster.month.swap' | 'roster.month.substitute' | 'roster.month.exportXlsx'
  | 'roster.now' | 'roster.signIn' | 'roster.signOut'
  | 'roster.handover.get' | 'roster.handover.save' | 'roster.handover.acknowledge'
  | 'roster.log.get' | 'roster.log.add'
> = {
  /* ---------- people and contacts ---------- */
  'roster.people.list': {
    handler: (ctx, i) => listPeople(ctx.db, ctx.requireStation().id, i.q || undefined, i.includeDisabled),
  },
  'roster.people.create': {
    handler: (ctx, i) => {
      checkUserLink(ctx, i.userId, null);
      const id = newId();
      insertPerson(ctx.db, { id, stationId: ctx.requireStation().id, ...i }, ctx.clock.now());
      const after = toPerson(personById(ctx.db, id)!);
      ctx.audit({ entity: 'roster_person', entityId: id, after });
      return after;
    },
  },
  'roster.people.update': {
    handler: (ctx, i) => {
      const before = toPerson(loadPerson(ctx, i.id));
      if (i.userId !== undefined) checkUserLink(ctx, i.userId, i.id);
      const map: Record<string, string> = { name: 'name', unit: 'unit', title: 'title', mobile: 'mobile', officePhone: 'office_phone', userId: 'user_id', note: 'note' };
      const set: Patch = {};
      for (const [k, col] of Object.entries(map)) if ((i as Record<string, unknown>)[k] !== undefined) set[col] = (i as Record<string, unknown>)[k] as SqlValue;
      if (i.dutyRoles !== undefined) set.duty_roles = JSON.stringify(i.dutyRoles);
      updateVersioned(ctx.db, 'roster_people', i.id, i.version, set, ctx.clock.now());
      const after = toPerson(personById(ctx.db, i.id)!);
      ctx.audit({ entity: 'roster_person', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.people.setDisabled': {
    handler: (ctx, i) => {
      const before = toPerson(loadPerson(ctx, i.id));
      const now = ctx.clock.now();
      if (!i.disabled && before.userId) checkUserLink(ctx, before.userId, i.id);
      const set = i.disabled ? { disabled_at: now, disabled_by: ctx.requireUser().id, disabled_reason: i.reason } : { disabled_at: null, disabled_by: null, disabled_reason: null };
      updateVersioned(ctx.db, 'roster_people', i.id, i.version, set, now);
      const after = toPerson(personById(ctx.db, i.id)!);
      ctx.audit({ entity: 'roster_person', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.contacts.list': { handler: (ctx, i) => listContacts(ctx.db, ctx.requireStation().id, i.q || undefined) },
  'roster.contacts.create': {
    handler: (ctx, i) => {
      const id = newId();
      const now = ctx.clock.now();
      stmt(ctx.db,
        `INSERT INTO roster_contacts (id, station_id, category, org, name, title, phone, mobile, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, ctx.requireStation().id, i.category, i.org, i.name ?? '', i.title ?? '', i.phone ?? '', i.mobile ?? '', i.note ?? '', now, now);
      const after = contactById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_contact', entityId: id, after });
      return after;
    },
  },
  'roster.contacts.update': {
    handler: (ctx, i) => {
      const rec = contactRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('contact', i.id);
      const before = contactById(ctx.db, i.id)!;
      const set: Patch = {};
      for (const k of ['category', 'org', 'name', 'title', 'phone', 'mobile', 'note'] as const) if (i[k] !== undefined) set[k] = i[k];
      updateVersioned(ctx.db, 'roster_contacts', i.id, i.version, set, ctx.clock.now());
      const after = contactById(ctx.db, i.id)!;
      ctx.audit({ entity: 'roster_contact', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.contacts.void': {
    handler: (ctx, i) => {
      const before = contactById(ctx.db, i.id);
      if (!before) throw notFound('contact', i.id);
      const set = { voided_at: ctx.clock.now(), voided_by: ctx.requireUser().id, void_reason: i.reason };
      updateVersioned(ctx.db, 'roster_contacts', i.id, i.version, set, ctx.clock.now());
      ctx.audit({ entity: 'roster_contact', entityId: i.id, before, after: { voided: true, reason: i.reason } });
      return { id: i.id };
    },
  },

  /* ---------- shift patterns, positions, rules, calendar, leave ---------- */
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
      stmt(ctx.db, 'INSERT INTO roster_shifts (id, station_id, name, start_minute, duration_minutes, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, s.id, i.name, i.startMinute, i.durationMinutes, i.sort, now, now,
      );
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
      const set: Patch = { start_minute: start, duration_minutes: dur };
      if (i.name !== undefined) set.name = i.name;
      if (i.sort !== undefined) set.sort = i.sort;
      updateVersioned(ctx.db, 'roster_shifts', i.id, i.version, set, ctx.clock.now());
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
      updateVersioned(ctx.db, 'roster_shifts', i.id, i.version, { voided_at: now, voided_by: ctx.requireUser().id, void_reason: i.reason }, now);
      ctx.audit({ entity: 'roster_shift', entityId: i.id, before: rec, after: { voided: true } });
      return { id: i.id };
    },
  },
  'roster.positions.create': {
    handler: (ctx, i) => {
      const id = newId();
      const now = ctx.clock.now();
      stmt(ctx.db, 'INSERT INTO roster_positions (id, station_id, name, duty_role, min_count, max_count, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, ctx.requireStation().id, i.name, i.dutyRole, i.minCount, i.maxCount, i.sort, now, now,
      );
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
      if (max < min) throw invalid('validation', {}, { issues: [{ path: ['maxCount'], message: 'max < min' }] });
      const set: Patch = { min_count: min, max_count: max };
      if (i.name !== undefined) set.name = i.name;
      if (i.sort !== undefined) set.sort = i.sort;
      updateVersioned(ctx.db, 'roster_positions', i.id, i.version, set, ctx.clock.now());
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
      updateVersioned(ctx.db, 'roster_positions', i.id, i.version, { voided_at: now, voided_by: ctx.requireUser().id, void_reason: i.reason }, now);
      ctx.audit({ entity: 'roster_position', entityId: i.id, before: rec, after: { voided: true } });
      return { id: i.id };
    },
  },
  'roster.rules.update': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const before = getRules(ctx.db, s.id);
      if (before.version !== i.version) throw conflict();
      stmt(ctx.db,
        `INSERT INTO roster_rules (station_id, min_rest_hours, max_consecutive, version, updated_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (station_id) DO UPDATE SET min_rest_hours = excluded.min_rest_hours, max_consecutive = excluded.max_consecutive, version = version + 1, updated_at = excluded.updated_at`,
      ).run(s.id, i.minRestHours, i.maxConsecutive, ctx.clock.now());
      const after = getRules(ctx.db, s.id);
      ctx.audit({ entity: 'roster_rules', entityId: s.id, before, after });
      return after;
    },
  },
  'roster.calendar.set': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const [before] = calendarDays(ctx.db, s.id, [i.date]);
      stmt(ctx.db,
        `INSERT INTO roster_calendar (station_id, date, kind, name, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (station_id, date) DO UPDATE SET kind = excluded.kind, name = excluded.name, reason = excluded.reason,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at, version = version + 1`,
      ).run(s.id, i.date, i.kind, i.name ?? '', i.reason, ctx.requireUser().id, ctx.clock.now());
      const [after] = calendarDays(ctx.db, s.id, [i.date]);
      ctx.audit({ entity: 'roster_calendar', entityId: i.date, before, after });
      return after;
    },
  },
  'roster.leave.add': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const p = loadPerson(ctx, i.personId);
      const id = newId();
      stmt(ctx.db, 'INSERT INTO roster_leave (id, station_id, person_id, from_date, to_date, kind, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        id, s.id, p.id, i.fromDate, i.toDate, i.kind, i.note ?? '', ctx.requireUser().id, ctx.clock.now(),
      );
      const after = leaveBetween(ctx.db, s.id, i.fromDate, i.toDate).find((l) => l.id === id)!;
      ctx.audit({ entity: 'roster_leave', entityId: id, after });
      return after;
    },
  },
  'roster.leave.void': {
    handler: (ctx, i) => {
      const r = stmt(ctx.db, 'SELECT * FROM roster_leave WHERE id = ? AND voided_at IS NULL').get(i.id);
      if (!r) throw notFound('leave', i.id);
      stmt(ctx.db, 'UPDATE roster_leave SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(ctx.clock.now(), ctx.requireUser().id, i.reason, i.id);
      ctx.audit({ entity: 'roster_leave', entityId: i.id, before: r, after: { voided: true, reason: i.reason } });
      return { id: i.id };
    },
  },

  /* ---------- the month ---------- */
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
      const set = { status: 'published', published_at: now, published_by: ctx.requireUser().id, accepted_reason: uncovered.length ? i.acceptUncoveredReason! : null };
      updateVersioned(ctx.db, 'roster_months', m.id, m.version, set, now);
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
      stmt(ctx.db,
        `INSERT INTO roster_changes (id, station_id, kind, month, assignment_a, assignment_b, person_from, person_to, reason, approved_by, created_at)
         VALUES (?, ?, 'swap', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(changeId, s.id, monthOf(a.date), a2, b2, a.personId, b.personId, i.reason, by, now);
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
      stmt(ctx.db,
        `INSERT INTO roster_changes (id, station_id, kind, month, assignment_a, assignment_b, person_from, person_to, reason, approved_by, created_at)
         VALUES (?, ?, 'substitute', ?, ?, NULL, ?, ?, ?, ?, ?)`,
      ).run(changeId, s.id, monthOf(a.date), a2, a.personId, p.id, i.reason, by, now);
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
      return exportMonthXlsx(s, view, i.holidaysOnly, ctx.locale, ctx.clock.now());
    },
  },

  /* ---------- on duty ---------- */
  'roster.now': {
    handler: (ctx) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const now = ctx.clock.now();
      const { current, next } = shiftsAround(ctx.db, s, now);
      const me = personByUser(ctx.db, user.id);
      let handover = null;
      if (current) {
        const h = stmt(ctx.db, 'SELECT status, incoming_user_id FROM roster_handovers WHERE station_id = ? AND date = ? AND shift_id = ?').get(s.id, current.date, current.shift.id) as
          | { status: 'draft' | 'acknowledged'; incoming_user_id: string | null }
          | undefined;
        handover = { status: h?.status ?? ('none' as const), incomingName: userName(ctx.db, h?.incoming_user_id ?? null) };
      }
      return {
        now,
        current: toOnDuty(ctx.db, s.id, current),
        next: toOnDuty(ctx.db, s.id, next),
        handover,
        mySignIn: openSignInOf(ctx.db, user.id),
        me: me ? { personId: me.id, name: me.name } : null,
        signIns: signInsAround(ctx.db, s.id, now - 2 * 86_400_000, now + 86_400_000),
        unfiledHolidays: unfiledHolidays(ctx, s, now),
      };
    },
  },
  'roster.signIn': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const me = personByUser(ctx.db, user.id);
      if (!me) throw forbidden('roster.noPersonForUser');
      const now = ctx.clock.now();
      let a;
      let substituteFor: string | null = null;
      if (i.assignmentId) {
        a = assignmentById(ctx.db, i.assignmentId);
        if (!a || assignmentVoided(ctx.db, a.id)) throw notFound('assignment', i.assignmentId);
        if (a.personId !== me.id) {
          // Only as a recorded substitute, never on someone else's behalf.
          if (!i.substituteReason) throw forbidden('roster.notYourShift');
          substituteFor = a.personId;
        }
      } else {
        a = stmt(ctx.db,
          `SELECT id FROM roster_assignments WHERE person_id = ? AND voided_at IS NULL AND start_at <= ? AND end_at > ? ORDER BY start_at LIMIT 1`,
        ).get(me.id, now + EARLY_SIGN_IN_MS, now) as { id: string } | undefined;
        if (!a) throw invalid('roster.notRostered');
        a = assignmentById(ctx.db, a.id)!;
      }
      if (!(a.startAt - EARLY_SIGN_IN_MS <= now && now < a.endAt)) throw invalid('roster.notRostered');
      if (stmt(ctx.db, 'SELECT 1 FROM roster_signins WHERE assignment_id = ? AND user_id = ? AND signed_out_at IS NULL').get(a.id, user.id)) {
        throw new ApiError('CONFLICT', 'roster.alreadySignedIn');
      }
      const id = newId();
      stmt(ctx.db,
        `INSERT INTO roster_signins (id, station_id, assignment_id, person_id, user_id, start_at, end_at, substitute_for, substitute_reason, signed_in_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, s.id, a.id, me.id, user.id, a.startAt, a.endAt, substituteFor, substituteFor ? i.substituteReason! : null, now);
      const after = signInById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_signin', entityId: id, after });
      return after;
    },
  },
  'roster.signOut': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const rec = stmt(ctx.db, 'SELECT * FROM roster_signins WHERE id = ?').get(i.signInId) as { user_id: string; signed_out_at: number | null; end_at: number } | undefined;
      if (!rec || rec.user_id !== user.id || rec.signed_out_at !== null) throw invalid('roster.notSignedIn');
      const incoming = stmt(ctx.db, 'SELECT 1 FROM roster_signins WHERE station_id = ? AND start_at = ?').get(s.id, rec.end_at);
      // §6: the outgoing operator may not leave before the incoming one arrives — unless a reason is recorded.
      if (!incoming && !i.reason) throw invalid('roster.signOutReasonRequired');
      const before = signInById(ctx.db, i.signInId);
      stmt(ctx.db, 'UPDATE roster_signins SET signed_out_at = ?, sign_out_reason = ?, flagged = ? WHERE id = ?').run(ctx.clock.now(), i.reason ?? null, incoming ? 0 : 1, i.signInId);
      const after = signInById(ctx.db, i.signInId)!;
      ctx.audit({ entity: 'roster_signin', entityId: i.signInId, before, after });
      return after;
    },
  },

  /* ---------- handover ---------- */
  'roster.handover.get': { handler: (ctx, i) => handoverView(ctx, ctx.requireStation(), i.date, i.shiftId) },
  'roster.handover.save': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const before = handoverView(ctx, s, i.date, i.shiftId);
      if (before.status === 'acknowledged') throw new ApiError('CONFLICT', 'roster.handoverFrozen');
      if (!before.canEdit) throw forbidden('roster.notOnShift');
      const now = ctx.clock.now();
      const matters = JSON.stringify(ctx.board.openMatters(ctx.db, now));
      const user = ctx.requireUser();
      if (before.id) {
        if (i.version !== undefined && i.version !== before.version) throw conflict();
        stmt(ctx.db,
          `UPDATE roster_handovers SET situation = ?, problems = ?, tasks = ?, open_matters = ?, outgoing_user_id = ?, version = version + 1, updated_at = ?
           WHERE id = ? AND version = ? AND status = 'draft'`,
        ).run(i.situation, i.problems, i.tasks, matters, user.id, now, before.id, before.version);
      } else {
        stmt(ctx.db,
          `INSERT INTO roster_handovers (id, station_id, date, shift_id, start_at, end_at, situation, problems, tasks, open_matters, outgoing_user_id, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
        ).run(newId(), s.id, i.date, i.shiftId, before.startAt, before.endAt, i.situation, i.problems, i.tasks, matters, user.id, now, now);
      }
      const after = handoverView(ctx, s, i.date, i.shiftId);
      ctx.audit({ entity: 'roster_handover', entityId: after.id!, before: before.id ? before : undefined, after });
      return after;
    },
  },
  'roster.handover.acknowledge': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const r = stmt(ctx.db, 'SELECT date, shift_id, status, version, outgoing_user_id FROM roster_handovers WHERE id = ?').get(i.id) as
        | { date: string; shift_id: string; status: string; version: number; outgoing_user_id: string }
        | undefined;
      if (!r) throw notFound('handover', i.id);
      if (r.status === 'acknowledged') throw new ApiError('CONFLICT', 'roster.handoverFrozen');
      if (r.version !== i.version) throw conflict();
      const user = ctx.requireUser();
      if (r.outgoing_user_id === user.id) throw forbidden('roster.ackOwn');
      const before = handoverView(ctx, s, r.date, r.shift_id);
      if (!before.canAcknowledge) throw forbidden('roster.ackNotIncoming');
      const now = ctx.clock.now();
      stmt(ctx.db, "UPDATE roster_handovers SET status = 'acknowledged', incoming_user_id = ?, acknowledged_at = ?, version = version + 1, updated_at = ? WHERE id = ?").run(user.id, now, now, i.id);
      const after = handoverView(ctx, s, r.date, r.shift_id);
      ctx.audit({ entity: 'roster_handover', entityId: i.id, before, after });
      return after;
    },
  },

  /* ---------- duty log ---------- */
  'roster.log.get': {
    handler: (ctx, i) => dutyLog(ctx, ctx.requireStation(), i.date, i.shiftId),
  },
  'roster.log.add': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      if (!shiftInstance(ctx.db, s, i.date, i.shiftId)) throw invalid('roster.shiftNotFound');
      if (frozenShift(ctx, s.id, i.date, i.shiftId)) throw new ApiError('CONFLICT', 'roster.logFrozen');
      const id = newId();
      stmt(ctx.db, 'INSERT INTO roster_log_entries (id, station_id, date, shift_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id, s.id, i.date, i.shiftId, ctx.clock.now(), ctx.requireUser().id, i.text,
      );
      ctx.audit({ entity: 'roster_log_entry', entityId: id, after: { date: i.date, shiftId: i.shiftId, text: i.text } });
      return dutyLog(ctx, s, i.date, i.shiftId);
    },
  },
};

/** Standards §6: the holiday roster is filed in advance — holidays soon whose month is not published. */
function unfiledHolidays(ctx: Ctx, s: StationInfo, now: number) {
  const today = localDate(now, s.timeZone);
  const dates = Array.from({ length: HOLIDAY_LOOKAHEAD_DAYS }, (_, i) => addDays(today, i));
  const published = new Map<string, boolean>();
  return calendarDays(ctx.db, s.id, dates)
    .filter((d) => d.kind === 'holiday')
    .filter((d) => {
      const m = monthOf(d.date);
      if (!published.has(m)) published.set(m, monthRec(ctx.db, s.id, m)?.status === 'published');
      return !published.get(m);
    })
    .map((d) => ({ date: d.date, name: d.name }));
}

const HOLIDAY_LOOKAHEAD_DAYS = 14;
const AUDIT_LOG_LIMIT = 2000;
/** Written to the log by their own lines (sign-in/out) or not shift events (sessions). */
const LOG_SKIP = ['auth.login', 'auth.logout', 'roster.log.add', 'roster.signIn', 'roster.signOut'] as const;

function dutyLog(ctx: Ctx, s: StationInfo, date: string, shiftId: string) {
  const x = shiftInstance(ctx.db, s, date, shiftId);
  if (!x) throw notFound('shift', shiftId);
  const entries: DutyLogEntry[] = [];
  for (const a of auditWindow(ctx.db, x.startAt, x.endAt, LOG_SKIP, AUDIT_LOG_LIMIT)) {
    const d = describeAudit(ctx.db, ctx.locale, a);
    entries.push({ at: a.at, kind: 'audit', text: d.text, user: d.person });
  }
  const manual = stmt(ctx.db,
    `SELECT e.at, e.text, u.display_name AS user FROM roster_log_entries e JOIN users u ON u.id = e.user_id
     WHERE e.station_id = ? AND e.date = ? AND e.shift_id = ? AND e.voided_at IS NULL ORDER BY e.at`,
  ).all(s.id, date, shiftId) as { at: number; text: string; user: string }[];
  for (const m of manual) entries.push({ at: m.at, kind: 'manual', text: m.text, user: m.user });
  for (const d of ctx.board.dutyLog(ctx.db, x.startAt, x.endAt)) entries.push({ at: d.at, kind: d.kind, text: d.text, user: d.user ?? null });
  const signins = signInsAround(ctx.db, s.id, x.startAt, x.startAt);
  for (const si of signins) {
    entries.push({ at: si.signedInAt, kind: 'signIn', text: si.personName, user: si.personName });
    if (si.signedOutAt) entries.push({ at: si.signedOutAt, kind: 'signOut', text: si.personName + (si.signOutReason ? ` — ${si.signOutReason}` : ''), user: si.personName });
  }
  entries.sort((a, b) => a.at - b.at);
  return {
    date,
    shiftId,
    shiftName: x.shift.name,
    startAt: x.startAt,
    endAt: x.endAt,
    frozen: frozenShift(ctx, s.id, date, shiftId),
    people: toOnDuty(ctx.db, s.id, x)!.people,
    entries,
  };
}

export type { RosterIssue };
