import type { Board, LeaderQueueEntry } from './types';
import type { DomainModule } from '../module';

/** Due first (soonest deadline), then the longest waiting. */
export function queueOrder(a: LeaderQueueEntry, b: LeaderQueueEntry): number {
  if (a.dueAt !== null && b.dueAt !== null && a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if ((a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
  return a.since - b.since;
}

/** The board of a set of modules: every source of every module, in module order. */
export function joinBoard(modules: readonly Pick<DomainModule, 'name' | 'openMatters' | 'dutyLog' | 'leaderQueue'>[]): Board {
  const open = modules.flatMap((m) => m.openMatters ?? []);
  const log = modules.flatMap((m) => m.dutyLog ?? []);
  const queue = modules.flatMap((m) => m.leaderQueue ?? []);
  return {
    openMatters: (db, now) => open.flatMap((s) => s.collect(db, now)),
    dutyLog: (db, from, to) => log.flatMap((s) => s.collect(db, from, to)),
    leaderQueue: (db, now) => queue.flatMap((s) => s.collect(db, now)).sort(queueOrder),
  };
}
