import type { Handlers } from '../../api/types';
import { buildXlsx, commitImport, parseRows, readWorkbook } from '../xlsx';
import { exportTable } from '../export';
import { docAudit, env, today } from './shared';

/** Paper and spreadsheets: export of a view, import of an opening/receipt workbook. */
export const filesHandlers: Handlers<'materials.export' | 'materials.import.read' | 'materials.import.preview' | 'materials.import.commit'> = {
  'materials.export': {
    mode: 'async',
    handler: async (ctx, input) => {
      const t = exportTable(ctx, input);
      const base64 = await buildXlsx(t.title, t.headers, t.rows);
      return { filename: `${t.title}-${today(ctx)}.xlsx`, base64 };
    },
  },
  'materials.import.read': {
    mode: 'async',
    handler: async (_ctx, input) => ({ sheets: await readWorkbook(input.base64) }),
  },
  'materials.import.preview': {
    handler: (ctx, input) => parseRows(ctx.db, ctx.locale, input).preview,
  },
  'materials.import.commit': {
    handler: (ctx, input) => {
      const docs = commitImport(env(ctx), ctx.locale, input);
      for (const d of docs) docAudit(ctx, d.id, undefined);
      return { docs };
    },
  },
};
