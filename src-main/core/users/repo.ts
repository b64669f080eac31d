import { tryUpdateVersioned, type Patch } from '../db/versioned';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Locale, Role } from '../../contract/roles';
import type { UserRow } from '../../contract/users';
import type { SessionUser } from '../../contract/auth';

export interface UserRecord {
  id: string;
  station_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  locale: Locale;
  must_change_password: number;
  failed_logins: number;
  locked_until: number | null;
  disabled_at: number | null;
  last_login_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export const userById = (db: DB, id: string) =>
  stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRecord | undefined;
export const userByName = (db: DB, username: string) =>
  stmt(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRecord | undefined;
export const countUsers = (db: DB): number => (stmt(db, 'SELECT count(*) n FROM users').get() as { n: number }).n;

export const toUserRow = (u: UserRecord): UserRow => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  roles: JSON.parse(u.roles) as Role[],
  disabled: u.disabled_at !== null,
  lockedUntil: u.locked_until,
  lastLoginAt: u.last_login_at,
  version: u.version,
  createdAt: u.created_at,
});

export const toSessionUser = (u: UserRecord): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  roles: JSON.parse(u.roles) as Role[],
  locale: u.locale,
  mustChangePassword: u.must_change_password === 1,
});

export function listUsers(db: DB): UserRow[] {
  return (stmt(db, 'SELECT * FROM users ORDER BY disabled_at IS NOT NULL, username').all() as UserRecord[]).map(toUserRow);
}

export function insertUser(
  db: DB,
  u: { id: string; stationId: string; username: string; displayName: string; passwordHash: string; roles: Role[]; mustChange: boolean },
  now: number,
): UserRecord {
  stmt(db, 
    `INSERT INTO users (id, station_id, username, display_name, password_hash, roles, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.id, u.stationId, u.username, u.displayName, u.passwordHash, JSON.stringify(u.roles), u.mustChange ? 1 : 0, now, now);
  return userById(db, u.id)!;
}

/** Active administrators other than `exceptId`: the station must always keep one. */
export function otherActiveAdmins(db: DB, exceptId: string): number {
  return (
    stmt(db, 
        `SELECT count(*) n FROM users WHERE id <> ? AND disabled_at IS NULL
         AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'admin')`,
      )
      .get(exceptId) as { n: number }
  ).n;
}

/** Version-checked update of chosen columns; false when stale. */
export function updateUser(db: DB, id: string, version: number, set: Patch, now: number): boolean {
  return tryUpdateVersioned(db, 'users', id, version, set, now);
}
