import type { Board } from './types';
import type { DomainModule } from '../module';

/** The board of a set of modules: every source of every module, in module order. */
export function joinBoard(modules: readonly Pick<DomainModule, 'name' | 'openMatters' | 'dutyLog' | 'nearby'>[]): Board {
  const open = modules.flatMap((m) => m.openMatters ?? []);
  const log = modules.flatMap((m) => m.dutyLog ?? []);
  const near = modules.flatMap((m) => m.nearby ?? []);
  return {
    openMatters: (db, now) => open.flatMap((s) => s.collect(db, now)),
    dutyLog: (db, from, to) => log.flatMap((s) => s.collect(db, from, to)),
    nearby: (db, locale) => near.flatMap((s) => s.collect(db, locale)),
  };
}
