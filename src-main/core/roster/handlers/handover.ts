import type { Ctx, Handlers } from '../../api/types';
import type { StationInfo } from '../../../contract/station';
import type { HandoverView } from '../../../contract/roster';
import { ApiError, conflict, forbidden, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { matterLabel } from '../../audit/describe';
import { isOnShift, shiftInstance } from '../onduty';
import { personByUser, userName } from '../repo-directory';
import { acknowledgeHandover, handoverById, handoverOf, insertHandover, updateHandover } from '../repo-duty';

function handoverView(ctx: Ctx, station: StationInfo, date: string, shiftId: string): HandoverView {
  const x = shiftInstance(ctx.db, station, date, shiftId);
  if (!x) throw notFound('shift', shiftId);
  const r = handoverOf(ctx.db, station.id, date, shiftId);
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
    // Titles in the reader's language (composed in both when collected; older handovers kept one).
    openMatters: (r ? r.openMatters : ctx.board.openMatters(ctx.db, ctx.clock.now())).map((m) => ({ ...m, title: m.titles?.[ctx.locale] ?? m.title, label: matterLabel(ctx.locale, m.kind) })),
    outgoingName: userName(ctx.db, r?.outgoingUserId ?? null),
    incomingName: userName(ctx.db, r?.incomingUserId ?? null),
    acknowledgedAt: r?.acknowledgedAt ?? null,
    version: r?.version ?? 0,
    canEdit: r?.status !== 'acknowledged' && onThis,
    canAcknowledge: r?.status === 'draft' && onNext && r.outgoingUserId !== user.id,
  };
}

/** The handover between shifts: written by the outgoing shift, acknowledged by the incoming one. */
export const handoverHandlers: Handlers<
  | 'roster.handover.get'
  | 'roster.handover.save'
  | 'roster.handover.acknowledge'
> = {
  'roster.handover.get': { handler: (ctx, i) => handoverView(ctx, ctx.requireStation(), i.date, i.shiftId) },
  'roster.handover.save': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const before = handoverView(ctx, s, i.date, i.shiftId);
      if (before.status === 'acknowledged') throw new ApiError('CONFLICT', 'roster.handoverFrozen');
      if (!before.canEdit) throw forbidden('roster.notOnShift');
      const now = ctx.clock.now();
      const text = { situation: i.situation, problems: i.problems, tasks: i.tasks, openMatters: ctx.board.openMatters(ctx.db, now), outgoingUserId: ctx.requireUser().id };
      if (before.id) updateHandover(ctx.db, before.id, i.version ?? before.version, text, now);
      else insertHandover(ctx.db, { ...text, id: newId(), stationId: s.id, date: i.date, shiftId: i.shiftId, startAt: before.startAt, endAt: before.endAt }, now);
      const after = handoverView(ctx, s, i.date, i.shiftId);
      ctx.audit({ entity: 'roster_handover', entityId: after.id!, before: before.id ? before : undefined, after });
      return after;
    },
  },
  'roster.handover.acknowledge': {
    handler: (ctx, i) => {
      const s = ctx.requireStation();
      const r = handoverById(ctx.db, i.id);
      if (!r) throw notFound('handover', i.id);
      if (r.status === 'acknowledged') throw new ApiError('CONFLICT', 'roster.handoverFrozen');
      if (r.version !== i.version) throw conflict();
      const user = ctx.requireUser();
      if (r.outgoingUserId === user.id) throw forbidden('roster.ackOwn');
      const before = handoverView(ctx, s, r.date, r.shiftId);
      if (!before.canAcknowledge) throw forbidden('roster.ackNotIncoming');
      const now = ctx.clock.now();
      acknowledgeHandover(ctx.db, i.id, i.version, user.id, now);
      const after = handoverView(ctx, s, r.date, r.shiftId);
      ctx.audit({ entity: 'roster_handover', entityId: i.id, before, after });
      return after;
    },
  },
};
