import type { Board, LeaderQueueEntry, WorkingCalendarSource } from './types';
import type { DomainModule } from '../module';
import { weekday } from '../../contract/time';

/** Due first (soonest deadline), then the longest waiting. */
export function queueOrder(a: LeaderQueueEntry, b: LeaderQueueEntry): number {
  if (a.dueAt !== null && b.dueAt !== null && a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if ((a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
  return a.since - b.since;
}

/**
 * Without a calendar module (a test joining a few modules) the week alone decides: Monday–Friday work.
 * The app always has the roster's calendar, which layers the holidays over this.
 */
const weekOnly: WorkingCalendarSource = {
  workingDays: (_db, _station, dates) => dates.map((d) => weekday(d) !== 0 && weekday(d) !== 6),
  uncoveredYears: (_db, _station, dates) => [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b),
};

/** The board of a set of modules: every source of every module, in module order; the first calendar module's working days. */
export function joinBoard(modules: readonly Pick<DomainModule, 'name' | 'openMatters' | 'dutyLog' | 'calendar' | 'leaderQueue' | 'nearby'>[]): Board {
  const open = modules.flatMap((m) => m.openMatters ?? []);
  const log = modules.flatMap((m) => m.dutyLog ?? []);
  const queue = modules.flatMap((m) => m.leaderQueue ?? []);
  const near = modules.flatMap((m) => m.nearby ?? []);
  const calendar = modules.find((m) => m.calendar)?.calendar ?? weekOnly;
  const board: Board = {
    openMatters: (db, now) => open.flatMap((s) => s.collect(db, now, board)),
    dutyLog: (db, from, to) => log.flatMap((s) => s.collect(db, from, to)),
    leaderQueue: (db, now) => queue.flatMap((s) => s.collect(db, now)).sort(queueOrder),
    nearby: (db, locale) => near.flatMap((s) => s.collect(db, locale)),
    workingDays: (db, stationId, dates) => calendar.workingDays(db, stationId, dates),
    uncoveredYears: (db, stationId, dates) => calendar.uncoveredYears(db, stationId, dates),
  };
  return board;
}
