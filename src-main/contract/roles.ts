import { z } from 'zod';

export const ROLES = ['admin', 'leader', 'operator', 'keeper', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/* Role groups that method specs share (contract/method.ts `query(access)` / `mutation(access)`). */
/** Anyone holding a role (a signed-in user with no role at all is refused). */
export const EVERY_ROLE = ['admin', 'leader', 'operator', 'keeper', 'viewer'] as const satisfies readonly Role[];
/** The duty room's own staff: leader on duty and operators. */
export const DUTY_STAFF = ['leader', 'operator'] as const satisfies readonly Role[];
/** Duty staff and the administrator. */
export const DUTY_OR_ADMIN = ['admin', 'leader', 'operator'] as const satisfies readonly Role[];
/** Those who set up and approve: administrator and leader. */
export const MANAGERS = ['admin', 'leader'] as const satisfies readonly Role[];
export const KEEPERS = ['keeper'] as const satisfies readonly Role[];
export const ADMINS = ['admin'] as const satisfies readonly Role[];
