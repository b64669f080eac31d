import type { Handlers } from '../api/types';
import { ApiError, conflict, invalid } from '../util/errors';
import { newId } from '../util/ids';
import { hashPassword, verifyPassword, dummyHash } from './password';
import { createSession, revokeSession, revokeUserSessions, LOCKOUT_MS, MAX_FAILED_LOGINS } from './sessions';
import { countUsers, insertUser, toSessionUser, userById, userByName, updateUser } from '../users/repo';
import { getStation, insertStation } from '../station/repo';
import { seedPlaces } from '../station/places';
import type { Ctx } from '../api/types';
import type { DB } from '../db/open';
import { zoneOf } from '../../contract/time';
import { recordFailedLogin, recordLogin, sessionExpiresAt, setUserLocale } from './repo';

function issueSession(ctx: Ctx, userId: string) {
  const now = ctx.clock.now();
  const { token, expiresAt } = createSession(ctx.db, userId, ctx.transport, now);
  const user = toSessionUser(userById(ctx.db, userId)!);
  ctx.user = user; // the audit row names who signed in
  return { token, expiresAt, user, station: getStation(ctx.db)! };
}

function fmtTime(ctx: Ctx, ms: number): string {
  const tz = zoneOf(ctx.station);
  return new Intl.DateTimeFormat(ctx.locale, { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

export const authHandlers: Handlers<
  'auth.setup' | 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword' | 'auth.setLocale'
> = {
  'auth.setup': {
    rateLimitPerMinute: 10,
    handler: (ctx, input) => {
      // Only on a station with no one in it: there is no default account to abuse, ever.
      if (getStation(ctx.db) || countUsers(ctx.db) > 0) throw new ApiError('CONFLICT', 'auth.alreadySetUp');
      const now = ctx.clock.now();
      const station = insertStation(ctx.db, { id: newId(), ...input.station }, now);
      ctx.station = station;
      seedPlaces(ctx.db, station.code);
      const admin = insertUser(
        ctx.db,
        {
          id: newId(),
          stationId: station.id,
          username: input.admin.username,
          displayName: input.admin.displayName,
          passwordHash: hashPassword(input.admin.password),
          roles: ['admin', 'leader', 'operator'],
          mustChange: false,
        },
        now,
      );
      ctx.audit({ entity: 'station', entityId: station.id, after: station });
      ctx.audit({ entity: 'user', entityId: admin.id, after: { username: admin.username, roles: admin.roles } });
      if (input.loadDemo) {
        // Demo data ships with the entry points that offer it (launcher, CLI), not with core.
        if (!ctx.services.demo) throw invalid('auth.demoUnavailable');
        ctx.services.demo(ctx.db, { station, adminId: admin.id, now, seed: 1 });
      }
      return issueSession(ctx, admin.id);
    },
  },

  'auth.login': {
    rateLimitPerMinute: 20,
    handler: (ctx, input) => {
      const now = ctx.clock.now();
      const u = userByName(ctx.db, input.username);
      if (!u) {
        verifyPassword(input.password, dummyHash());
        throw new ApiError('UNAUTHENTICATED', 'auth.badCredentials');
      }
      if (u.locked_until !== null && u.locked_until > now) {
        throw new ApiError('RATE_LIMITED', 'auth.locked', { until: fmtTime(ctx, u.locked_until) });
      }
      if (!verifyPassword(input.password, u.password_hash)) {
        // Counted in its own transaction: the call fails, the count must not roll back with it.
        ctx.onFailure((db: DB) => {
          const failed = u.failed_logins + 1;
          const lock = failed >= MAX_FAILED_LOGINS ? now + LOCKOUT_MS : null;
          recordFailedLogin(db, u.id, failed, lock);
        });
        throw new ApiError('UNAUTHENTICATED', 'auth.badCredentials');
      }
      if (u.disabled_at !== null) throw new ApiError('UNAUTHENTICATED', 'auth.disabled');
      recordLogin(ctx.db, u.id, now);
      ctx.audit({ entity: 'user', entityId: u.id });
      return issueSession(ctx, u.id);
    },
  },

  'auth.logout': {
    allowWithPendingPasswordChange: true,
    handler: (ctx) => {
      revokeSession(ctx.db, ctx.sessionHash!, ctx.clock.now());
      return { loggedOut: true as const };
    },
  },

  'auth.me': {
    allowWithPendingPasswordChange: true,
    handler: (ctx) => {
      return { user: ctx.requireUser(), station: ctx.requireStation(), expiresAt: sessionExpiresAt(ctx.db, ctx.sessionHash) };
    },
  },

  'auth.changePassword': {
    allowWithPendingPasswordChange: true,
    handler: (ctx, input) => {
      const me = userById(ctx.db, ctx.requireUser().id)!;
      if (!verifyPassword(input.oldPassword, me.password_hash)) throw new ApiError('VALIDATION', 'auth.wrongOldPassword');
      if (input.oldPassword === input.newPassword) throw new ApiError('VALIDATION', 'auth.samePassword');
      const now = ctx.clock.now();
      if (!updateUser(ctx.db, me.id, me.version, { password_hash: hashPassword(input.newPassword), must_change_password: 0 }, now)) {
        throw conflict();
      }
      // Other sessions of this person end: a changed password means a possibly leaked one.
      revokeUserSessions(ctx.db, me.id, now, ctx.sessionHash);
      ctx.audit({ entity: 'user', entityId: me.id });
      return { changed: true as const };
    },
  },

  'auth.setLocale': {
    allowWithPendingPasswordChange: true,
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      setUserLocale(ctx.db, me.id, input.locale);
      ctx.audit({ entity: 'user', entityId: me.id, after: { locale: input.locale } });
      return { locale: input.locale };
    },
  },
};
