import type { DB } from '../db/open';

/**
 * Extension point of the duty log (值班日志): each module summarises what happened in a shift
 * window (calls taken, incidents opened, reports sent) without the roster knowing those modules.
 * Register with `addDutyLogSource` from the module's own file. The audit chain and manual entries
 * are always included.
 */
export interface DutyLogItem {
  at: number;
  kind: string;
  text: string;
  user?: string | null;
}

export interface DutyLogSource {
  id: string;
  collect(db: DB, from: number, to: number): DutyLogItem[];
}

const sources: DutyLogSource[] = [];

export function addDutyLogSource(s: DutyLogSource): void {
  if (!sources.some((x) => x.id === s.id)) sources.push(s);
}

export function collectDutyLog(db: DB, from: number, to: number): DutyLogItem[] {
  return sources.flatMap((s) => s.collect(db, from, to));
}
