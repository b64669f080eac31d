import type { z } from 'zod';
import { accessAllows, type MethodSpec } from './method';
import type { Role } from './roles';
import { systemMethods } from './system';
import { authMethods } from './auth';
import { usersMethods } from './users';
import { stationMethods } from './station';
import { auditMethods } from './audit';
import { reportsMethods } from './reports';
import { materialsMethods } from './materials';
import { rosterMethods } from './roster';
import { incidentsMethods } from './incidents';
import { syncMethods } from './sync';
import { statsMethods } from './stats';
import { noticesMethods } from './notices';
import { zeroreportsMethods } from './zeroreports';
import { warningsMethods } from './warnings';
import { boardMethods } from './board';
import { resourcesMethods } from './resources';

export * from './errors';
export * from './roles';
export * from './method';
export * from './common';
export * from './system';
export * from './station';
export * from './auth';
export * from './users';
export * from './audit';

/** Every method of the public API. Domains add their map here (one line each). */
export const METHODS = {
  ...systemMethods,
  ...authMethods,
  ...usersMethods,
  ...stationMethods,
  ...auditMethods,
  ...reportsMethods,
  ...materialsMethods,
  ...rosterMethods,
  ...incidentsMethods,
  ...syncMethods,
  ...statsMethods,
  ...noticesMethods,
  ...zeroreportsMethods,
  ...warningsMethods,
  ...boardMethods,
  ...resourcesMethods,
} as const;

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>;
export type OutputOf<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

/**
 * Whether `user` may call `name` — the same rule the dispatcher enforces, read from the same spec,
 * so a screen offers exactly the actions the main process will accept.
 */
export function can(user: { roles: readonly Role[] } | null | undefined, name: MethodName): boolean {
  return accessAllows(METHODS[name].access, user?.roles ?? null);
}
