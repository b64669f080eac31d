import type { LeaderQueueSource } from '../board/types';
import { needsApproval } from '../../contract/materials-docs';
import { WORDS } from '../audit/describe-messages';
import { awaitingApproval } from './repo-docs';

/** Transfers and write-offs drafted and waiting for the leader's approval, for the leader's queue. */
export const materialsLeaderQueue: LeaderQueueSource = {
  id: 'materials',
  collect(db) {
    return awaitingApproval(db).filter((d) => needsApproval(d.kind)).map((d) => ({
      source: 'materials', kind: 'approve' as const, refId: d.id, title: `${WORDS['zh-CN'][`doc.${d.kind}`] ?? ''} ${d.doc_no}`.trim(),
      since: d.created_at, dueAt: null, route: '/materials',
    }));
  },
};
