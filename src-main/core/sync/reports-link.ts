import { ApiError } from '../util/errors';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { getLink } from './link';

/**
 * "Sent through the sync outbox" for reports (reports/outbox.ts hook). The capture trigger has
 * already put the signed report into the outbox in the same transaction; this returns the
 * reference of its newest snapshot (`outbox:<seq>`), or refuses when no hub is configured.
 * Whether the hub has acknowledged it: isAcknowledged(db, 'reports', [id]) in link.ts.
 * Looked up with a glob so sync builds whether or not the reports module has landed.
 */
type Hook = { setReportSyncSender(s: { enqueue(db: DB, report: { id: string }): { ref: string } } | null): void };
const mods = import.meta.glob<Hook>('../reports/outbox.ts', { eager: true });

for (const m of Object.values(mods)) {
  m.setReportSyncSender({
    enqueue(db, report) {
      const link = getLink(db);
      if (!link.hub_url || !link.credential) throw new ApiError('CONFLICT', 'sync.notEnrolled');
      const r = stmt(db, "SELECT max(seq) AS s FROM sync_outbox WHERE tbl = 'reports' AND pk = ?").get(JSON.stringify([report.id])) as { s: number | null };
      return { ref: r.s === null ? 'outbox:pending' : `outbox:${r.s}` };
    },
  });
}
