import { stmt } from '../db/stmt';
import type { Handlers } from '../api/types';
import type { AuditRow } from '../../contract/audit';
import { verifyAudit } from './chain';

export const auditHandlers: Handlers<'audit.verify' | 'audit.list'> = {
  'audit.verify': { handler: (ctx) => verifyAudit(ctx.db) },
  'audit.list': {
    handler: (ctx, input) =>
      stmt(ctx.db, 
          `SELECT seq, at, user_id AS userId, username, method, entity, entity_id AS entityId
           FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
        )
        .all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit) as AuditRow[],
  },
};
