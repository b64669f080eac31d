import type { DB } from '../db/open';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { installCapture } from './capture';
import { getLink } from './link';
import { pusherFor, type Pusher } from './pusher';
import './reports-link';

export interface SyncBootOptions {
  /** Timer-driven pusher (default on; tests drive it by hand). */
  autoSync?: boolean;
  intervalMs?: number;
}

/**
 * Called by createApp after migrations: installs the capture triggers (idempotent) and starts the
 * pusher's timer. Returns what createApp must stop on close.
 */
export function bootSync(db: DB, clock: Clock, log: Logger, opts: SyncBootOptions = {}): { pusher: Pusher; stop(): void } {
  const r = installCapture(db, clock.now());
  if (r.installed.length || r.reinstalled.length) log.info('sync capture installed', { installed: r.installed, reinstalled: r.reinstalled, backfilled: r.backfilled });
  getLink(db);
  const envInterval = Number(process.env.WATCHROOM_SYNC_INTERVAL_MS ?? '') || undefined;
  const pusher = pusherFor(db, clock, log, { intervalMs: opts.intervalMs ?? envInterval });
  if (opts.autoSync !== false) pusher.start();
  return { pusher, stop: () => pusher.stop() };
}
