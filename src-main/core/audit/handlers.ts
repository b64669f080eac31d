import type { Handlers } from '../api/types';
import type { AuditRow } from '../../contract/audit';
import { verifyAudit } from './chain';
import { auditRows } from './repo';
import { describeAudit } from './describe';
import { exportAuditXlsx } from './export';

export const auditHandlers: Handlers<'audit.verify' | 'audit.list' | 'audit.export'> = {
  'audit.verify': { handler: (ctx) => verifyAudit(ctx.db) },
  'audit.list': {
    handler: (ctx, input): AuditRow[] => auditRows(ctx.db, input).map((r) => ({ ...r, ...describeAudit(ctx.db, ctx.locale, r) })),
  },
  'audit.export': { mode: 'async', handler: (ctx, input) => exportAuditXlsx(ctx, input) },
};
