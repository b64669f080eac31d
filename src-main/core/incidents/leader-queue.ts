import type { LeaderQueueSource } from '../board/types';
import { incidentLabel } from '../audit/subjects';
import { pendingAttention } from './repo';

/** Escalations the leader on duty has still to acknowledge (standards §6), for the leader's queue. */
export const incidentsLeaderQueue: LeaderQueueSource = {
  id: 'incidents',
  collect(db) {
    return pendingAttention(db, null).map((a) => ({
      source: 'incidents', kind: 'acknowledge' as const, refId: a.id, title: incidentLabel(db, a.incidentId, 'zh-CN') ?? a.incidentNo,
      since: a.raisedAt, dueAt: a.dueAt, route: `/incidents/${a.incidentId}`,
    }));
  },
};
