import type { Ctx, Handlers } from '../../api/types';
import { fileDuty, listDuties, type DutyEnv } from '../filings';
import { getRules, setRules } from '../repo-filings';

/** What the reporting duties need of a call: the station's zone, the clock and the station calendar (via the board). */
export function dutyEnv(ctx: Ctx): DutyEnv {
  const st = ctx.requireStation();
  return { db: ctx.db, stationId: st.id, timeZone: st.timeZone, now: ctx.clock.now(), calendar: ctx.board };
}

/** Materials reporting deadlines (standards §5) and the station's numbers for them (incl. the transfer limit). */
export const filingsHandlers: Handlers<'materials.rules' | 'materials.rules.set' | 'materials.filings.list' | 'materials.filings.file'> = {
  'materials.rules': { handler: (ctx) => getRules(ctx.db) },
  'materials.rules.set': {
    handler: (ctx, input) => {
      const before = getRules(ctx.db);
      setRules(ctx.db, ctx.requireStation().id, ctx.requireUser().id, input, ctx.clock.now());
      const after = getRules(ctx.db);
      ctx.audit({ entity: 'mat_rules', entityId: 'materials', before, after });
      return after;
    },
  },
  'materials.filings.list': { handler: (ctx, input) => listDuties(dutyEnv(ctx), input.state, input.kind) },
  'materials.filings.file': {
    handler: (ctx, input) => {
      const row = fileDuty(dutyEnv(ctx), input, ctx.requireUser());
      ctx.audit({ entity: 'mat_filing', entityId: row.filed!.id, after: row });
      return row;
    },
  },
};
