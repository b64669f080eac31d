import type { Ctx, Handlers } from '../../api/types';
import type { StationInfo } from '../../../contract/station';
import type { DutyLogEntry } from '../../../contract/roster';
import { addDays, localDate, monthOf } from '../../../contract/time';
import { ApiError, forbidden, invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { calendarDays } from '../calendar';
import { EARLY_SIGN_IN_MS, openSignInOf, shiftInstance, shiftsAround, signInById, signInsAround, toOnDuty } from '../onduty';
import { personByUser, userName } from '../repo-directory';
import { assignmentById, assignmentOfPersonBetween, assignmentVoided, monthRec } from '../repo-month';
import { anySignInAt, auditedWritesBetween, handoverOf, hasOpenSignIn, insertLogEntry, insertSignIn, manualLogEntries, shiftFrozen, signInRec, signOut } from '../repo-duty';

/** On duty: who is on now, sign in and out, the duty log of a shift. */
export const dutyHandlers: Handlers<
  | 'roster.now'
  | 'roster.signIn'
  | 'roster.signOut'
  | 'roster.log.get'
  | 'roster.log.add'
> = {
  'roster.now': {
    handler: (ctx) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const now = ctx.clock.now();
      const { current, next } = shiftsAround(ctx.db, s, now);
      const me = personByUser(ctx.db, user.id);
      let handover = null;
      if (current) {
        const h = handoverOf(ctx.db, s.id, current.date, current.shift.id);
        handover = { status: h?.status ?? ('none' as const), incomingName: userName(ctx.db, h?.incomingUserId ?? null) };
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
        const running = assignmentOfPersonBetween(ctx.db, me.id, now, now + EARLY_SIGN_IN_MS);
        if (!running) throw invalid('roster.notRostered');
        a = assignmentById(ctx.db, running)!;
      }
      if (!(a.startAt - EARLY_SIGN_IN_MS <= now && now < a.endAt)) throw invalid('roster.notRostered');
      if (hasOpenSignIn(ctx.db, a.id, user.id)) {
        throw new ApiError('CONFLICT', 'roster.alreadySignedIn');
      }
      const id = newId();
      insertSignIn(ctx.db, { id, stationId: s.id, assignmentId: a.id, personId: me.id, userId: user.id, startAt: a.startAt, endAt: a.endAt, substituteFor, substituteReason: substituteFor ? i.substituteReason! : null }, now);
      const after = signInById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_signin', entityId: id, after });
      return after;
    },
  },
  'roster.signOut': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const user = ctx.requireUser();
      const rec = signInRec(ctx.db, i.signInId);
      if (!rec || rec.user_id !== user.id || rec.signed_out_at !== null) throw invalid('roster.notSignedIn');
      const incoming = anySignInAt(ctx.db, s.id, rec.end_at);
      // §6: the outgoing operator may not leave before the incoming one arrives — unless a reason is recorded.
      if (!incoming && !i.reason) throw invalid('roster.signOutReasonRequired');
      const before = signInById(ctx.db, i.signInId);
      signOut(ctx.db, i.signInId, i.reason ?? null, !incoming, ctx.clock.now());
      const after = signInById(ctx.db, i.signInId)!;
      ctx.audit({ entity: 'roster_signin', entityId: i.signInId, before, after });
      return after;
    },
  },
  'roster.log.get': {
    handler: (ctx, i) => dutyLog(ctx, ctx.requireStation(), i.date, i.shiftId),
  },
  'roster.log.add': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      if (!shiftInstance(ctx.db, s, i.date, i.shiftId)) throw invalid('roster.shiftNotFound');
      if (shiftFrozen(ctx.db, s.id, i.date, i.shiftId)) throw new ApiError('CONFLICT', 'roster.logFrozen');
      const id = newId();
      insertLogEntry(ctx.db, { id, stationId: s.id, date: i.date, shiftId: i.shiftId, userId: ctx.requireUser().id, text: i.text }, ctx.clock.now());
      ctx.audit({ entity: 'roster_log_entry', entityId: id, after: { date: i.date, shiftId: i.shiftId, text: i.text } });
      return dutyLog(ctx, s, i.date, i.shiftId);
    },
  },
};

const HOLIDAY_LOOKAHEAD_DAYS = 14;

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

function dutyLog(ctx: Ctx, s: StationInfo, date: string, shiftId: string) {
  const x = shiftInstance(ctx.db, s, date, shiftId);
  if (!x) throw notFound('shift', shiftId);
  const entries: DutyLogEntry[] = [];
  for (const a of auditedWritesBetween(ctx.db, x.startAt, x.endAt)) entries.push({ at: a.at, kind: 'audit', text: a.method, entity: a.entity, entityId: a.entityId, user: a.username });
  for (const m of manualLogEntries(ctx.db, s.id, date, shiftId)) entries.push({ at: m.at, kind: 'manual', text: m.text, user: m.user });
  for (const d of ctx.board.dutyLog(ctx.db, x.startAt, x.endAt)) entries.push({ at: d.at, kind: d.kind, text: d.text, user: d.user ?? null });
  const signins = signInsAround(ctx.db, s.id, x.startAt, x.startAt);
  for (const si of signins) {
    entries.push({ at: si.signedInAt, kind: 'signIn', text: si.personName, user: si.username });
    if (si.signedOutAt) entries.push({ at: si.signedOutAt, kind: 'signOut', text: si.personName + (si.signOutReason ? ` — ${si.signOutReason}` : ''), user: si.username });
  }
  entries.sort((a, b) => a.at - b.at);
  return {
    date,
    shiftId,
    shiftName: x.shift.name,
    startAt: x.startAt,
    endAt: x.endAt,
    frozen: shiftFrozen(ctx.db, s.id, date, shiftId),
    people: toOnDuty(ctx.db, s.id, x)!.people,
    entries,
  };
}