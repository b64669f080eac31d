import { z } from 'zod';
import { query, mutation } from './method';
import { Empty, Id, Version, text } from './common';
import { Role, ADMINS, MANAGERS } from './roles';
import { Password, Username } from './auth';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  version: number;
  createdAt: number;
}

const Roles = z.array(Role).min(1).max(5).refine((r) => new Set(r).size === r.length, { message: 'duplicateRoles' });

export const usersMethods = {
  'users.list': query<UserRow[]>(MANAGERS)(Empty),
  'users.create': mutation<UserRow>(ADMINS)(
    z.object({ username: Username, displayName: text(50), password: Password, roles: Roles }).strict(),
  ),
  'users.update': mutation<UserRow>(ADMINS)(
    z.object({ id: Id, version: Version, displayName: text(50).optional(), roles: Roles.optional() }).strict(),
  ),
  'users.resetPassword': mutation<UserRow>(ADMINS)(z.object({ id: Id, version: Version, password: Password }).strict()),
  'users.setDisabled': mutation<UserRow>(ADMINS)(
    z.object({ id: Id, version: Version, disabled: z.boolean(), reason: text(200) }).strict(),
  ),
  'users.unlock': mutation<UserRow>(ADMINS)(z.object({ id: Id, version: Version }).strict()),
};
