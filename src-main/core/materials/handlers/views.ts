import type { Handlers } from '../../api/types';
import { verifyLedger } from '../ledger';
import { alerts, expiring, inTransit, incidentUsage, levelRows, stockCard, stockOnHand } from '../views';
import { today } from './shared';
import { dutyEnv } from './filings';
import { withSummaries } from '../card-summary';

/** Read-only views of the ledger: stock on hand, levels, expiry, transfers in transit, stock card, alerts. */
export const viewsHandlers: Handlers<
  | 'materials.stock'
  | 'materials.levels'
  | 'materials.expiring'
  | 'materials.inTransit'
  | 'materials.stockCard'
  | 'materials.alerts'
  | 'materials.verifyLedger'
  | 'materials.incidentUsage'
> = {
  'materials.stock': { handler: (ctx, input) => stockOnHand(ctx.db, input, today(ctx)) },
  'materials.levels': { handler: (ctx, input) => levelRows(ctx.db, input.onlyBelow, input.warehouseId) },
  'materials.expiring': { handler: (ctx, input) => expiring(ctx.db, today(ctx), input.days) },
  'materials.inTransit': { handler: (ctx) => inTransit(ctx.db, ctx.clock.now()) },
  'materials.stockCard': { handler: (ctx, input) => withSummaries(ctx.db, ctx.locale, stockCard(ctx.db, input)) },
  'materials.alerts': { handler: (ctx) => alerts(ctx.db, ctx.clock.now(), today(ctx), dutyEnv(ctx)) },
  'materials.verifyLedger': { handler: (ctx) => verifyLedger(ctx.db) },
  'materials.incidentUsage': { handler: (ctx, input) => incidentUsage(ctx.db, input.incidentId, ctx.clock.now()) },
};
