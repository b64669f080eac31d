import type { DomainModule } from '../module';
import type { Handlers } from '../api/types';

const handlers: Handlers<'board.leaderQueue'> = {
  'board.leaderQueue': { handler: (ctx) => ctx.board.leaderQueue(ctx.db, ctx.clock.now()) },
};

/** The duty board's cross-domain reads: the leader's queue (领导待办) joined from every module's sources. */
export const boardModule = { name: 'board', handlers } satisfies DomainModule;
