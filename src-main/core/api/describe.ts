import { z } from 'zod';
import { METHODS, type MethodName } from '../../contract';
import type { MethodInfo } from '../../contract/system';

let cache: MethodInfo[] | null = null;

/** Names, access and each input's JSON Schema, straight from the contract (drives docs, fuzzing, the role matrix). */
export function describeMethods(): MethodInfo[] {
  cache ??= (Object.keys(METHODS) as MethodName[]).sort().map((name) => {
    const spec = METHODS[name];
    return {
      name,
      access: spec.access === 'public' || spec.access === 'authenticated' ? spec.access : [...spec.access],
      mutates: spec.mutates,
      inputSchema: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    };
  });
  return cache;
}
