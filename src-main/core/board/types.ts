import type { DB } from '../db/open';
import type { OpenMatterRow } from '../../contract/roster';
import type { LeaderQueueItem } from '../../contract/board';
import type { Locale } from '../../contract/roles';

/*
 * Cross-domain extension points of the duty room. A domain contributes sources in its module
 * (core/<domain>/index.ts); the app joins them (core/modules.ts) and hands the result to every
 * call as `ctx.board`. No domain imports another to take part, and nothing registers by side effect.
 */

/** A matter still open at a moment: the handover's 三清 list and the board's open items (as the contract states it). */
export type OpenMatter = OpenMatterRow;

export interface OpenMatterSource {
  id: string;
  /** `board` gives the source the other domains' shared answers (the working-day calendar). */
  collect(db: DB, now: number, board: Board): OpenMatter[];
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

/**
 * The station calendar's working days (standards §5: materials deadlines count working days), as the
 * roster keeps them: station correction → imported notice → the district's notice → the package.
 */
export interface WorkingCalendarSource {
  /** Per local date 'YYYY-MM-DD': true on a working day (a workday or a make-up workday 调休上班). */
  workingDays(db: DB, stationId: string, dates: readonly string[]): boolean[];
  /** Years among the dates that no calendar source covers (their days count as plain weekdays). */
  uncoveredYears(db: DB, stationId: string, dates: readonly string[]): number[];
}

/** Something waiting for the leader on duty (领导待办), as the contract states it. */
export type LeaderQueueEntry = LeaderQueueItem;

export interface LeaderQueueSource {
  id: string;
  collect(db: DB, now: number): LeaderQueueEntry[];
}

/**
 * A place that can help at an incident (a rescue team's base, a shelter, a warehouse), contributed
 * by the domain that keeps it; the resources domain orders them by distance or township.
 */
export interface NearbyPlace {
  kind: 'team' | 'shelter' | 'warehouse';
  id: string;
  name: string;
  contact: string | null;
  phone: string | null;
  /** A few words in the caller's language (kind, strength, capacity, address). */
  detail: string;
  townshipCode: string | null;
  lat: number | null;
  lng: number | null;
}

export interface NearbySource {
  id: string;
  collect(db: DB, locale: Locale): NearbyPlace[];
}

/** What a call sees of the other domains' contributions. */
export interface Board extends WorkingCalendarSource {
  openMatters(db: DB, now: number): OpenMatter[];
  dutyLog(db: DB, from: number, to: number): DutyLogItem[];
  /** Everything waiting for the leader, the most pressing first (due soonest, then oldest). */
  leaderQueue(db: DB, now: number): LeaderQueueEntry[];
  nearby(db: DB, locale: Locale): NearbyPlace[];
}
