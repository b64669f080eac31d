import type { z } from 'zod';
import type { Role } from './roles';

/** Who may call a method: anyone, any signed-in user, or holders of one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

/**
 * A method's shape as both processes see it: the zod input schema (validated in the main
 * process, reusable in the renderer for form hints), who may call it and whether it writes
 * (the dispatcher enforces both; the renderer reads them to offer only what will be allowed and
 * to refresh after writes), and a phantom output type so the renderer's `send` is typed end to
 * end without importing main-process code.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  /** Mutations run in an IMMEDIATE transaction, are audited, and invalidate cached reads. */
  readonly mutates: boolean;
  readonly __output?: O;
}

/** A read. */
export function query<O>(access: Access) {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, access, mutates: false });
}

/** A write. */
export function mutation<O>(access: Access) {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, access, mutates: true });
}

/** Whether holders of `roles` (null: not signed in) pass `access`. The one copy of the rule. */
export function accessAllows(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'authenticated') return true;
  return access.some((r) => roles.includes(r));
}
