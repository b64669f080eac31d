import { z } from 'zod';
import { METHODS, type MethodName } from '../../contract';
import type { MethodInfo } from '../../contract/system';
import type { Access } from './types';

/**
 * Access rules are registered with handlers; this module learns them through `setAccessTable`
 * (called by the registry) so `system.methods` can describe the registry without importing it.
 */
let table: Record<string, { access: Access; mutates: boolean }> = {};
let cache: MethodInfo[] | null = null;

export function setAccessTable(t: Record<string, { access: Access; mutates: boolean }>): void {
  table = t;
  cache = null;
}

/** Names, access and each input's JSON Schema, straight from the registry (drives docs, fuzzing, the role matrix). */
export function describeMethods(): MethodInfo[] {
  cache ??= (Object.keys(table) as MethodName[]).sort().map((name) => {
    const reg = table[name];
    return {
      name,
      access: reg.access === 'public' || reg.access === 'authenticated' ? reg.access : [...reg.access],
      mutates: reg.mutates,
      inputSchema: z.toJSONSchema(METHODS[name].input, { io: 'input', unrepresentable: 'any' }),
    };
  });
  return cache;
}
