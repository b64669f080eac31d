import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

/** Deterministic JSON (sorted keys) so digests do not depend on property order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
