import type { LeaderQueueSource } from '../board/types';
import { stageLabel } from '../../contract/reports';
import { awaitingSignature } from './repo';

/** Reports submitted and waiting for the leader's signature, for the leader's queue. */
export const reportsLeaderQueue: LeaderQueueSource = {
  id: 'reports',
  collect(db) {
    return awaitingSignature(db).map((r) => ({
      source: 'reports', kind: 'sign' as const, refId: r.id, title: `${r.title}（${stageLabel(r.stage, r.seq, 'zh-CN')}）`,
      since: r.submitted_at ?? r.created_at, dueAt: null, route: `/reports/${r.id}`,
    }));
  },
};
