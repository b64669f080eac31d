/**
 * Demo and scale data of every domain, for the entry points that offer them (the CLI's `demo`
 * and `bench-data`, the setup screen's "load demo data" through the launcher). Production code
 * under core/ never imports this file. A domain adds its part to each list (order matters:
 * later parts use the people and places of earlier ones).
 */
import type { DB } from '../db/open';
import { demoAccounts, type DemoContext, type DemoPart } from './demo';
import { runScaleParts, type ScaleContext, type ScalePart } from './scale';
import { Rng } from './rng';
import { rosterDemo } from '../roster/demo';
import { rosterScale } from '../roster/scale';
import { incidentsDemo } from '../incidents/demo';
import { incidentsScale } from '../incidents/scale';
import { reportsDemo } from '../reports/demo';
import { reportsScale } from '../reports/scale';
import { syncDemo, syncScale } from '../sync/demo';
import { materialsDemo } from '../materials/demo';
import { materialsScale } from '../materials/scale';

export const DEMO_PARTS: readonly DemoPart[] = [demoAccounts, rosterDemo, incidentsDemo, reportsDemo, syncDemo, materialsDemo];
export const SCALE_PARTS: readonly ScalePart[] = [rosterScale, incidentsScale, reportsScale, syncScale, materialsScale];

export function loadDemoData(db: DB, ctx: DemoContext): void {
  const rng = new Rng(ctx.seed);
  for (const p of DEMO_PARTS) p(db, ctx, rng);
}

export function generateScaleData(db: DB, ctx: ScaleContext, seed = 42): void {
  runScaleParts(SCALE_PARTS, db, ctx, seed);
}
