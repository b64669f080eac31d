import { stmt } from '../db/stmt';
import type { DB } from '../db/open';

/** The sign-in side of a user record: failed attempts, lockout, last sign-in, language. */

/** Counts a failed sign-in; `lockUntil` set means the account is locked and the count starts again. */
export function recordFailedLogin(db: DB, userId: string, failed: number, lockUntil: number | null): void {
  stmt(db, 'UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?').run(lockUntil ? 0 : failed, lockUntil, userId);
}

/** A successful sign-in: failures forgotten, lock lifted, time noted. */
export function recordLogin(db: DB, userId: string, now: number): void {
  stmt(db, 'UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(now, userId);
}

/** A personal preference, not an edit of the record: no version change. */
export function setUserLocale(db: DB, userId: string, locale: string): void {
  stmt(db, 'UPDATE users SET locale = ? WHERE id = ?').run(locale, userId);
}

/** When a session (by token hash) expires. */
export const sessionExpiresAt = (db: DB, tokenHash: string | null | undefined) =>
  (stmt(db, 'SELECT expires_at FROM sessions WHERE token_hash = ?').get(tokenHash) as { expires_at: number }).expires_at;
