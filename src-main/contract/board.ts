import { z } from 'zod';
import { query } from './method';

/**
 * The leader's queue (领导待办): everything waiting for the leader on duty, gathered from every
 * domain through one extension point (core/board, `leaderQueue` sources) — reports to sign,
 * materials transfers and write-offs to approve, escalations to acknowledge, warnings to decide.
 */
export const QUEUE_KINDS = ['sign', 'approve', 'acknowledge', 'decide'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export interface LeaderQueueItem {
  /** The contributing domain. */
  source: string;
  kind: QueueKind;
  refId: string;
  /** What it is, in the station's words (report title, voucher number, warning). */
  title: string;
  /** Since when it waits. */
  since: number;
  dueAt: number | null;
  /** The renderer's route for the item (location.hash without '#'). */
  route: string;
}

export const boardMethods = {
  'board.leaderQueue': query<LeaderQueueItem[]>(['leader'])(z.object({}).strict()),
};
