import type { DB } from '../db/open';
import type { OpenMatterRow } from '../../contract/roster';
import type { LeaderQueueItem } from '../../contract/board';

/*
 * Cross-domain extension points of the duty room. A domain contributes sources in its module
 * (core/<domain>/index.ts); the app joins them (core/modules.ts) and hands the result to every
 * call as `ctx.board`. No domain imports another to take part, and nothing registers by side effect.
 */

/** A matter still open at a moment: the handover's 三清 list and the board's open items (as the contract states it). */
export type OpenMatter = OpenMatterRow;

export interface OpenMatterSource {
  id: string;
  collect(db: DB, now: number): OpenMatter[];
}

/** One line of the duty log (值班日志) that a domain contributes for a shift window. */
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

/** Something waiting for the leader on duty (领导待办), as the contract states it. */
export type LeaderQueueEntry = LeaderQueueItem;

export interface LeaderQueueSource {
  id: string;
  collect(db: DB, now: number): LeaderQueueEntry[];
}

/** What a call sees of the other domains' contributions. */
export interface Board {
  openMatters(db: DB, now: number): OpenMatter[];
  dutyLog(db: DB, from: number, to: number): DutyLogItem[];
  /** Everything waiting for the leader, the most pressing first (due soonest, then oldest). */
  leaderQueue(db: DB, now: number): LeaderQueueEntry[];
}
