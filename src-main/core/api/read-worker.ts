/**
 * One reader of the read pool (core/api/read-pool.ts), a worker thread with its own read-only
 * connection to the station's file. It answers plain queries through the same dispatch as the
 * writer (session, role, input, one deferred transaction), so a reply is the same whichever
 * thread gave it. WAL lets it read the last committed state while the writer writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { dispatch, NeedsWriter, type Core } from './dispatch';
import { openReader } from '../db/open';
import { RateLimiter } from './rate-limit';
import { systemClock } from '../util/clock';
import { BOARD } from '../modules';
import type { Logger } from '../util/logger';
import type { CallMeta } from './types';
import type { ReaderData, ReaderReply, ReaderRequest } from './read-pool';

const port = parentPort!;
const data = workerData as ReaderData;

// The log file belongs to the main thread: lines are handed to it.
const log: Logger = {
  info: (msg, d) => port.postMessage({ log: 'info', msg, data: d } satisfies ReaderReply),
  warn: (msg, d) => port.postMessage({ log: 'warn', msg, data: d } satisfies ReaderReply),
  error: (msg, d) => port.postMessage({ log: 'error', msg, data: d } satisfies ReaderReply),
};

function open() {
  try {
    return openReader(data.file);
  } catch (e) {
    // An SqliteError crosses to the main thread as its code only: say what happened first.
    log.error('read pool: a reader could not open the database', { file: data.file, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
const db = open();
const core: Core = {
  db,
  clock: systemClock,
  services: { dataDir: data.dataDir, backupDir: path.join(data.dataDir, 'backups'), log, version: data.version },
  limiter: new RateLimiter(),
  board: BOARD,
  readOnly: true,
};

port.on('message', (m: ReaderRequest | 'close') => {
  if (m === 'close') {
    db.close();
    port.close();
    return;
  }
  dispatch(core, m.method, m.input, m.meta as CallMeta).then(
    (result) => port.postMessage({ id: m.id, result } satisfies ReaderReply),
    (e: unknown) => port.postMessage({ id: m.id, writer: e instanceof NeedsWriter ? e.method : null, error: String(e) } satisfies ReaderReply),
  );
});
port.postMessage({ ready: true } satisfies ReaderReply);
