import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Version, text } from './common';
import { Role } from './roles';
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
  'users.list': method<UserRow[]>()(Empty),
  'users.create': method<UserRow>()(
    z.object({ username: Username, displayName: text(50), password: Password, roles: Roles }).strict(),
  ),
  'users.update': method<UserRow>()(
    z.object({ id: Id, version: Version, displayName: text(50).optional(), roles: Roles.optional() }).strict(),
  ),
  'users.resetPassword': method<UserRow>()(z.object({ id: Id, version: Version, password: Password }).strict()),
  'users.setDisabled': method<UserRow>()(
    z.object({ id: Id, version: Version, disabled: z.boolean(), reason: text(200) }).strict(),
  ),
  'users.unlock': method<UserRow>()(z.object({ id: Id, version: Version }).strict()),
};
