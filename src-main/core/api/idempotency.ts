import type { DB } from '../db/open';
import { stmt } from '../db/stmt';

/** How long a reply is kept for a retry: far longer than any client waits, short enough to stay small. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** A key a client sends with a write: printable ASCII, 8–100 characters (a UUID fits). */
export const isIdempotencyKey = (k: string): boolean => /^[\x21-\x7e]{8,100}$/.test(k);

interface Stored {
  method: string;
  input_digest: string;
  reply: string;
}

export function storedReply(db: DB, userId: string, key: string): Stored | undefined {
  return stmt(db, 'SELECT method, input_digest, reply FROM idempotent_replies WHERE user_id = ? AND key = ?').get(userId, key) as Stored | undefined;
}

export function storeReply(db: DB, userId: string, key: string, method: string, inputDigest: string, value: unknown, now: number): void {
  stmt(db, 'DELETE FROM idempotent_replies WHERE at < ?').run(now - IDEMPOTENCY_TTL_MS);
  stmt(db, 'INSERT INTO idempotent_replies (user_id, key, method, input_digest, reply, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    userId, key, method, inputDigest, JSON.stringify(value ?? null), now,
  );
}
