import { METHODS, type MethodName } from '../../contract';
import { HANDLERS } from './handlers';
import type { Registration } from './types';

/**
 * Which calls a read connection may answer: plain queries. Writes, async handlers (backups,
 * exports, sync pushes — they keep process state or run outside one transaction) and
 * rate-limited methods (the limiter is this process's memory) stay on the writer's thread.
 */
export function runsOnReader(name: string, hubElsewhere = false): boolean {
  if (!Object.prototype.hasOwnProperty.call(HANDLERS, name)) return false;
  const spec = METHODS[name as MethodName];
  const reg = HANDLERS[name as MethodName] as Registration<MethodName>;
  // With the hub store in PostgreSQL, hub methods run their hubHandler, which only the writer's thread has the store for.
  if (hubElsewhere && reg.hubHandler) return false;
  return !spec.mutates && reg.mode !== 'async' && !reg.rateLimitPerMinute && !reg.writerOnly;
}
