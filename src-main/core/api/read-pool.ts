import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../contract/errors';
import type { Logger } from '../util/logger';
import type { CallMeta } from './types';

/**
 * The read pool: worker threads with read-only connections answer plain queries, so a wall
 * display and a few LAN PCs reading the grid no longer queue an operator's save behind them
 * (SQLite in WAL mode: many readers, one writer). The writer stays on the main thread.
 * Any trouble with a reader — it died, it tried to write — answers `null` and the caller runs
 * the query on the writer: a read is never lost to the pool.
 */
export interface ReaderData {
  file: string;
  dataDir: string;
  version: string;
}
export interface ReaderRequest {
  id: number;
  method: string;
  input: unknown;
  meta: CallMeta;
}
export type ReaderReply =
  | { ready: true }
  | { log: 'info' | 'warn' | 'error'; msg: string; data?: Record<string, unknown> }
  | { id: number; result: ApiResult<unknown> }
  | { id: number; /** the method, when it tried to write */ writer: string | null; error: string };

export interface ReadPool {
  readonly size: number;
  /** Calls the readers answered, and calls handed back to the writer (a reader failed or wrote). */
  stats(): { answered: number; handedBack: number };
  /** The query's reply from a reader, or null: run it on the writer. */
  run(method: string, input: unknown, meta: CallMeta): Promise<ApiResult<unknown> | null>;
  /** Whether a method has shown it writes (it then always runs on the writer). */
  sendsToWriter(method: string): boolean;
  /** Ends the readers (before the writer's final checkpoint). Never throws. */
  close(): Promise<void>;
}

interface Reader {
  worker: Worker;
  pending: Map<number, (r: ApiResult<unknown> | null) => void>;
  alive: boolean;
}

/** An error from a thread may arrive as a plain object (an SqliteError loses its class on the way). */
function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/** A reader that dies is replaced, a few times; after that the writer answers everything. */
const MAX_RESPAWNS = 5;

export function startReadPool(o: { script: string; workers: number; data: ReaderData; log: Logger }): ReadPool {
  const readers: Reader[] = [];
  const toWriter = new Set<string>();
  let nextId = 1;
  let respawns = 0;
  let closing = false;
  let answered = 0;
  let handedBack = 0;

  const spawn = (slot: number) => {
    const worker = new Worker(o.script, { workerData: o.data });
    const r: Reader = { worker, pending: new Map(), alive: true };
    readers[slot] = r;
    const settleAll = () => {
      r.alive = false;
      for (const done of r.pending.values()) done(null);
      r.pending.clear();
    };
    worker.on('message', (m: ReaderReply) => {
      if ('log' in m) return o.log[m.log](m.msg, { ...m.data, thread: `reader ${slot + 1}` });
      if (!('id' in m)) return;
      const done = r.pending.get(m.id);
      r.pending.delete(m.id);
      if (!done) return;
      if ('result' in m) {
        answered++;
        return done(m.result);
      }
      if (m.writer) {
        // A query that writes (a bug or an opportunistic update): the writer answers it from now on.
        if (!toWriter.has(m.writer)) o.log.warn('read pool: a query wrote; it runs on the writer', { method: m.writer });
        toWriter.add(m.writer);
      } else o.log.error('read pool: a reader failed a call', { error: m.error });
      done(null);
    });
    worker.on('error', (e) => {
      o.log.error('read pool: a reader stopped', { error: errorText(e) });
      settleAll();
    });
    worker.on('exit', (code) => {
      settleAll();
      if (closing) return;
      if (respawns++ < MAX_RESPAWNS) {
        o.log.warn('read pool: restarting a reader', { code });
        spawn(slot);
      } else o.log.error('read pool: readers keep stopping; the writer answers every call', { code });
    });
  };
  for (let i = 0; i < o.workers; i++) spawn(i);

  return {
    get size() {
      return readers.filter((r) => r.alive).length;
    },
    sendsToWriter: (method) => toWriter.has(method),
    stats: () => ({ answered, handedBack }),
    run(method, input, meta) {
      if (closing) return Promise.resolve(null);
      let best: Reader | null = null;
      for (const r of readers) if (r.alive && (!best || r.pending.size < best.pending.size)) best = r;
      if (!best) return Promise.resolve(null);
      const id = nextId++;
      const reader = best;
      return new Promise((resolve) => {
        reader.pending.set(id, (r) => {
          if (r === null) handedBack++;
          resolve(r);
        });
        try {
          reader.worker.postMessage({ id, method, input, meta } satisfies ReaderRequest);
        } catch (e) {
          // An input that cannot be cloned to a thread: the writer takes it.
          reader.pending.delete(id);
          o.log.warn('read pool: call not sent to a reader', { method, error: String(e) });
          resolve(null);
        }
      });
    },
    async close() {
      closing = true;
      await Promise.all(
        readers.map(async (r) => {
          if (!r.alive) return;
          const exited = new Promise<void>((res) => r.worker.once('exit', () => res()));
          try {
            r.worker.postMessage('close');
          } catch {
            /* already gone */
          }
          const t = setTimeout(() => void r.worker.terminate().catch(() => undefined), 2000);
          await exited;
          clearTimeout(t);
        }),
      );
    },
  };
}
