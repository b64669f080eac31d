import { stmt } from '../db/stmt';
import { randomBytes } from 'node:crypto';
import type { DB } from '../db/open';
import { sha256 } from '../util/ids';
import type { UserRecord } from '../users/repo';

/** A duty shift is 24 h: a session idles out after 12 h and never outlives 36 h. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 36 * 3600_000;
/** Sliding expiry is written at most once a minute, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export function createSession(db: DB, userId: string, transport: string, now: number): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_IDLE_MS;
  stmt(db, 
    'INSERT INTO sessions (token_hash, user_id, transport, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(sha256(token), userId, transport, now, now, expiresAt);
  return { token, expiresAt };
}

/** The live session's user for a token, or null (unknown, expired, revoked, user disabled). */
export function resolveSession(db: DB, token: string, now: number): { user: UserRecord; tokenHash: string; expiresAt: number } | null {
  if (!token || token.length > 200) return null;
  const tokenHash = sha256(token);
  const s = stmt(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
  if (!s || s.revoked_at !== null || s.expires_at <= now) return null;
  const user = stmt(db, 'SELECT * FROM users WHERE id = ?').get(s.user_id) as UserRecord | undefined;
  if (!user || user.disabled_at !== null) return null;
  let expiresAt = s.expires_at;
  if (now - s.last_seen_at >= TOUCH_EVERY_MS) {
    const slid = Math.min(now + SESSION_IDLE_MS, s.created_at + SESSION_MAX_MS);
    try {
      stmt(db, 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(now, slid, tokenHash);
      expiresAt = slid;
    } catch {
      // Best effort: a full disk or a busy writer must not turn a read into a failure.
    }
  }
  return { user, tokenHash, expiresAt };
}

export function revokeSession(db: DB, tokenHash: string, now: number): void {
  stmt(db, 'UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, tokenHash);
}

export function revokeUserSessions(db: DB, userId: string, now: number, exceptHash?: string | null): void {
  stmt(db, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?').run(
    now,
    userId,
    exceptHash ?? '',
  );
}
