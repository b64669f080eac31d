import type { Handlers } from '../../api/types';
import { countLines, finishStocktake, listStocktakes, startStocktake, stocktakeRow } from '../stocktake';
import { docAudit, env, today } from './shared';

/** Stocktakes (盘点): a count sheet per warehouse; variances become one adjustment document. */
export const stocktakesHandlers: Handlers<
  'materials.stocktakes.list' | 'materials.stocktakes.get' | 'materials.stocktakes.start' | 'materials.stocktakes.count' | 'materials.stocktakes.finish'
> = {
  'materials.stocktakes.list': { handler: (ctx) => listStocktakes(ctx.db, today(ctx)) },
  'materials.stocktakes.get': { handler: (ctx, input) => stocktakeRow(ctx.db, input.id, today(ctx)) },
  'materials.stocktakes.start': {
    handler: (ctx, input) => {
      const id = startStocktake(env(ctx), input.warehouseId, input.note ?? '');
      const row = stocktakeRow(ctx.db, id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: id, after: row });
      return row;
    },
  },
  'materials.stocktakes.count': {
    handler: (ctx, input) => {
      const before = stocktakeRow(ctx.db, input.id, today(ctx));
      countLines(env(ctx), input.id, input.version, input.lines);
      const row = stocktakeRow(ctx.db, input.id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: input.id, before, after: row });
      return row;
    },
  },
  'materials.stocktakes.finish': {
    handler: (ctx, input) => {
      const before = stocktakeRow(ctx.db, input.id, today(ctx));
      const { adjustment } = finishStocktake(env(ctx), input.id, input.version);
      if (adjustment) docAudit(ctx, adjustment.id, undefined);
      const row = stocktakeRow(ctx.db, input.id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: input.id, before, after: row });
      return row;
    },
  },
};
