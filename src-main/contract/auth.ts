import { z } from 'zod';
import { query, mutation } from './method';
import { Empty, text } from './common';
import { Locale, Role } from './roles';
import { StationFields, type StationInfo } from './station';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[a-zA-Z0-9_.-]+$/, { message: 'username' });
/** Passwords: length over composition rules (NIST SP 800-63B); bounded to keep the KDF cheap to reject. */
export const Password = z.string().min(8).max(128);

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  mustChangePassword: boolean;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: SessionUser;
  station: StationInfo;
}

export const authMethods = {
  'auth.setup': mutation<LoginResult>('public')(
    z
      .object({
        station: StationFields,
        admin: z.object({ username: Username, displayName: text(50), password: Password }).strict(),
        loadDemo: z.boolean().default(false),
      })
      .strict(),
  ),
  'auth.login': mutation<LoginResult>('public')(
    z.object({ username: Username, password: z.string().min(1).max(128) }).strict(),
  ),
  'auth.logout': mutation<{ loggedOut: true }>('authenticated')(Empty),
  'auth.me': query<{ user: SessionUser; station: StationInfo; expiresAt: number }>('authenticated')(Empty),
  'auth.changePassword': mutation<{ changed: true }>('authenticated')(
    z.object({ oldPassword: z.string().min(1).max(128), newPassword: Password }).strict(),
  ),
  'auth.setLocale': mutation<{ locale: Locale }>('authenticated')(z.object({ locale: Locale }).strict()),
};
