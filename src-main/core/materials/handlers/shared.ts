import type { Ctx } from '../../api/types';
import { localDate, zoneOf } from '../../../contract/time';
import { docRow, loadDoc, type LedgerEnv } from '../ledger';

/** What the ledger needs of a call: station, zone, clock and the acting user. */
export function env(ctx: Ctx): LedgerEnv {
  const st = ctx.requireStation();
  const u = ctx.requireUser();
  return { db: ctx.db, stationId: st.id, timeZone: st.timeZone, now: ctx.clock.now(), actor: { id: u.id, roles: u.roles } };
}

/** Today in the station's zone. */
export const today = (ctx: Ctx) => localDate(ctx.clock.now(), zoneOf(ctx.station));

/** Audits a document after a change and returns it as the caller sees it. */
export function docAudit(ctx: Ctx, id: string, before: unknown) {
  const row = docRow(ctx.db, loadDoc(ctx.db, id), ctx.clock.now());
  ctx.audit({ entity: 'mat_doc', entityId: id, before, after: row });
  return row;
}
