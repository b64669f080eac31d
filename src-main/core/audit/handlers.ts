import type { Handlers } from '../api/types';
import type { AuditRow } from '../../contract/audit';
import { verifyWithAnchors } from './tail-guard';
import { auditRows } from './repo';
import { describeAudit } from './describe';
import { exportAuditXlsx } from './export';

export const auditHandlers: Handlers<'audit.verify' | 'audit.list' | 'audit.export'> = {
  'audit.verify': { handler: (ctx) => verifyWithAnchors(ctx.db, ctx.services.dataDir, ctx.services.backupDir, ctx.locale) },
  'audit.list': {
    handler: (ctx, input): AuditRow[] => auditRows(ctx.db, input).map((r) => ({ ...r, ...describeAudit(ctx.db, ctx.locale, r) })),
  },
  'audit.export': { mode: 'async', handler: (ctx, input) => exportAuditXlsx(ctx, input) },
};
