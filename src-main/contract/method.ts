import type { z } from 'zod';

/**
 * A method's shape as both processes see it: the zod input schema (validated in the main
 * process, reusable in the renderer for form hints) and a phantom output type so the
 * renderer's `send` is typed end to end without importing main-process code.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly __output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}
