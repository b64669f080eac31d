import type { Handlers, Ctx } from '../api/types';
import { ApiError, conflict, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { hashPassword } from '../auth/password';
import { revokeUserSessions } from '../auth/sessions';
import { insertUser, listUsers, otherActiveAdmins, toUserRow, updateUser, userById, userByName } from './repo';

function load(ctx: Ctx, id: string) {
  const u = userById(ctx.db, id);
  if (!u) throw notFound('user', id);
  return u;
}

function saved(ctx: Ctx, id: string, before: unknown) {
  const row = toUserRow(userById(ctx.db, id)!);
  ctx.audit({ entity: 'user', entityId: id, before, after: row });
  return row;
}

export const usersHandlers: Handlers<
  'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.setDisabled' | 'users.unlock'
> = {
  'users.list': { handler: (ctx) => listUsers(ctx.db) },

  'users.create': {
    handler: (ctx, input) => {
      if (userByName(ctx.db, input.username)) throw new ApiError('CONFLICT', 'users.usernameTaken', { username: input.username });
      const u = insertUser(
        ctx.db,
        {
          id: newId(),
          stationId: ctx.requireStation().id,
          username: input.username,
          displayName: input.displayName,
          passwordHash: hashPassword(input.password),
          roles: input.roles,
          // An admin-issued password is known to two people: the owner replaces it at first sign-in.
          mustChange: true,
        },
        ctx.clock.now(),
      );
      return saved(ctx, u.id, undefined);
    },
  },

  'users.update': {
    handler: (ctx, input) => {
      const u = load(ctx, input.id);
      const before = toUserRow(u);
      if (input.roles && !input.roles.includes('admin') && before.roles.includes('admin') && otherActiveAdmins(ctx.db, u.id) === 0) {
        throw new ApiError('CONFLICT', 'users.lastAdmin');
      }
      const set: Record<string, string> = {};
      if (input.displayName !== undefined) set.display_name = input.displayName;
      if (input.roles !== undefined) set.roles = JSON.stringify(input.roles);
      if (!Object.keys(set).length) return before;
      if (!updateUser(ctx.db, u.id, input.version, set, ctx.clock.now())) throw conflict();
      return saved(ctx, u.id, before);
    },
  },

  'users.resetPassword': {
    handler: (ctx, input) => {
      const u = load(ctx, input.id);
      const before = toUserRow(u);
      const now = ctx.clock.now();
      const set = { password_hash: hashPassword(input.password), must_change_password: 1, failed_logins: 0, locked_until: null };
      if (!updateUser(ctx.db, u.id, input.version, set, now)) throw conflict();
      revokeUserSessions(ctx.db, u.id, now);
      return saved(ctx, u.id, before);
    },
  },

  'users.setDisabled': {
    handler: (ctx, input) => {
      const u = load(ctx, input.id);
      const me = ctx.requireUser();
      const before = toUserRow(u);
      if (input.disabled && u.id === me.id) throw new ApiError('CONFLICT', 'users.selfDisable');
      if (input.disabled && before.roles.includes('admin') && otherActiveAdmins(ctx.db, u.id) === 0) {
        throw new ApiError('CONFLICT', 'users.lastAdmin');
      }
      const now = ctx.clock.now();
      const set = input.disabled
        ? { disabled_at: now, disabled_by: me.id, disabled_reason: input.reason }
        : { disabled_at: null, disabled_by: null, disabled_reason: null };
      if (!updateUser(ctx.db, u.id, input.version, set, now)) throw conflict();
      if (input.disabled) revokeUserSessions(ctx.db, u.id, now);
      return saved(ctx, u.id, before);
    },
  },

  'users.unlock': {
    handler: (ctx, input) => {
      const u = load(ctx, input.id);
      const before = toUserRow(u);
      if (!updateUser(ctx.db, u.id, input.version, { failed_logins: 0, locked_until: null }, ctx.clock.now())) throw conflict();
      return saved(ctx, u.id, before);
    },
  },
};
