import type { DB } from '../db/open';
import type { StationInfo } from '../../contract/station';
import { Rng } from './rng';

/**
 * Scale data for benchmarks (`npm run bench:data -- --years 5 --out DIR`): a realistic district
 * station, deterministic from a seed. Each domain supplies a part (devtools/parts.ts) that writes its own tables
 * directly (bulk, in transactions) — this is a generator, not user traffic.
 * `scale` multiplies volumes: 1 = the "5 years" figures when years = 5.
 */
export interface ScaleContext {
  station: StationInfo;
  adminId: string;
  /** Start and end of the generated period (UTC ms). */
  from: number;
  to: number;
  years: number;
  /** Volume multiplier (1 = full realistic size; tests use small values). */
  scale: number;
  log(msg: string): void;
}

export interface ScalePart {
  name: string;
  run(db: DB, ctx: ScaleContext, rng: Rng): void;
}

/** Runs the parts in order, each with its own deterministic random stream. */
export function runScaleParts(parts: readonly ScalePart[], db: DB, ctx: ScaleContext, seed = 42): void {
  for (const p of parts) {
    const t = Date.now();
    p.run(db, ctx, new Rng(seed ^ hash(p.name)));
    ctx.log(`${p.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
