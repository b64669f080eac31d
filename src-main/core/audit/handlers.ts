import type { Handlers } from '../api/types';
import { verifyAudit } from './chain';
import { listAudit } from './repo';

export const auditHandlers: Handlers<'audit.verify' | 'audit.list'> = {
  'audit.verify': { handler: (ctx) => verifyAudit(ctx.db) },
  'audit.list': { handler: (ctx, input) => listAudit(ctx.db, input.beforeSeq, input.limit) },
};
