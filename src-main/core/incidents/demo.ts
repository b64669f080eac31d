import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { DEMO_PEOPLE, type DemoContext, type DemoPart } from '../devtools/demo';
import type { Rng } from '../devtools/rng';
import { generateIncidents } from './scale';

const DAY = 86_400_000;

/**
 * Demo: about 60 calls over the last 60 days in Dongchang's townships (fires, road accidents,
 * landslides, floods, food poisoning …), taken by the demo operators, with follow-ups, leaders'
 * instructions and dispatches; recent ones still open, three escalations overdue.
 */
function demoIncidents(db: DB, ctx: DemoContext, rng: Rng): void {
  if ((stmt(db, 'SELECT count(*) AS c FROM incidents').get() as { c: number }).c > 0) return;
  const people = (username: string) => stmt(db, 'SELECT id, display_name AS name FROM users WHERE username = ?').get(username) as { id: string; name: string } | undefined;
  const operators = DEMO_PEOPLE.filter((p) => p.roles.includes('operator')).map((p) => people(p.username)).filter((p): p is { id: string; name: string } => !!p);
  const leaders = DEMO_PEOPLE.filter((p) => p.roles.includes('leader')).map((p) => p.name);
  generateIncidents(
    db,
    { station: ctx.station, adminId: ctx.adminId, from: ctx.now - 60 * DAY, to: ctx.now - 20 * 60_000, years: 60 / 365, scale: 1, log: () => undefined },
    rng,
    { total: 57, authors: operators, leaders },
  );
  // The last hours: three calls whose leader has not been informed yet (overdue escalations).
  generateIncidents(
    db,
    { station: ctx.station, adminId: ctx.adminId, from: ctx.now - 3 * 3_600_000, to: ctx.now - 15 * 60_000, years: 1, scale: 1, log: () => undefined },
    rng,
    { total: 3, authors: operators, leaders, recentAckRate: 0 },
  );
}

export const incidentsDemo: DemoPart = demoIncidents;
