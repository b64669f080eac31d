import type { DB } from '../db/open';

/**
 * Extension point for the handover (交接班) and the duty board: each module lists the matters
 * still open at a given time — open incidents, reports falling due, stock alerts — without the
 * roster module knowing those modules. Register with `addOpenMatterSource` from the module's
 * own file (imported from core/devtools/parts.ts or the module's handlers).
 */
export interface OpenMatter {
  source: string;
  kind: string;
  refId: string;
  title: string;
  dueAt?: number | null;
  severity: 'info' | 'warn' | 'urgent';
}

export interface OpenMatterSource {
  id: string;
  collect(db: DB, now: number): OpenMatter[];
}

const sources: OpenMatterSource[] = [];

export function addOpenMatterSource(s: OpenMatterSource): void {
  if (!sources.some((x) => x.id === s.id)) sources.push(s);
}

export function collectOpenMatters(db: DB, now: number): OpenMatter[] {
  return sources.flatMap((s) => s.collect(db, now));
}
