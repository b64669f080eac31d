import { placesHandlers } from './places';
import { docsHandlers } from './docs';
import { viewsHandlers } from './views';
import { stocktakesHandlers } from './stocktakes';
import { agreementsHandlers } from './agreements';
import { filesHandlers } from './files';
import { filingsHandlers } from './filings';

/** Every materials method, by sub-area (one file each); SQL lives in ../repo*.ts and the ledger. */
export const materialsHandlers = {
  ...placesHandlers,
  ...docsHandlers,
  ...viewsHandlers,
  ...stocktakesHandlers,
  ...agreementsHandlers,
  ...filesHandlers,
  ...filingsHandlers,
};
