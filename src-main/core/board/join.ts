import type { Board, WorkingCalendarSource } from './types';
import type { DomainModule } from '../module';
import { weekday } from '../../contract/time';

/**
 * Without a calendar module (a test joining a few modules) the week alone decides: Monday–Friday work.
 * The app always has the roster's calendar, which layers the holidays over this.
 */
const weekOnly: WorkingCalendarSource = {
  workingDays: (_db, _station, dates) => dates.map((d) => weekday(d) !== 0 && weekday(d) !== 6),
  uncoveredYears: (_db, _station, dates) => [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b),
};

/** The board of a set of modules: every source of every module, in module order; the first calendar module's working days. */
export function joinBoard(modules: readonly Pick<DomainModule, 'name' | 'openMatters' | 'dutyLog' | 'calendar'>[]): Board {
  const open = modules.flatMap((m) => m.openMatters ?? []);
  const log = modules.flatMap((m) => m.dutyLog ?? []);
  const calendar = modules.find((m) => m.calendar)?.calendar ?? weekOnly;
  const board: Board = {
    openMatters: (db, now) => open.flatMap((s) => s.collect(db, now, board)),
    dutyLog: (db, from, to) => log.flatMap((s) => s.collect(db, from, to)),
    workingDays: (db, stationId, dates) => calendar.workingDays(db, stationId, dates),
    uncoveredYears: (db, stationId, dates) => calendar.uncoveredYears(db, stationId, dates),
  };
  return board;
}
