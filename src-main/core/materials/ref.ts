import classFile from '../../../resources/materials/classes.json';
import unitFile from '../../../resources/materials/units.json';
import type { ClassNode, UnitDef } from '../../contract/materials';
import { ApiError, invalid } from '../util/errors';

/** GB/T 38565-2020 class tree and units, shipped as data (resources/materials/*.json). */
export const CLASSES: ClassNode[] = (classFile.classes as { code: string; name: string; en: string }[]).map((c) => ({
  ...c,
  level: (c.code.length === 1 ? 1 : c.code.length === 3 ? 2 : c.code.length === 5 ? 3 : 4) as ClassNode['level'],
}));
export const UNITS: UnitDef[] = unitFile.units;
const classByCode = new Map(CLASSES.map((c) => [c.code, c]));
const unitByCode = new Map(UNITS.map((u) => [u.code, u]));

/**
 * standards §5: 4 levels, 7 digits — 1-digit class, then 2 digits each for middle, small and fine
 * class (01–99). The code must extend a known class; known lower levels must exist in the tree.
 */
export function checkClassCode(code: string): void {
  const bad = () => invalid('materials.unknownClass', { code });
  if (!/^[1-9]\d{6}$/.test(code)) throw bad();
  const segs = [code.slice(1, 3), code.slice(3, 5), code.slice(5, 7)];
  if (segs.some((s) => s === '00')) throw bad();
  if (!classByCode.has(code[0])) throw bad();
  // Every known level must be in the tree when the tree lists children at that level.
  for (const len of [3, 5, 7]) {
    const parent = code.slice(0, len - 2);
    const hasChildren = CLASSES.some((c) => c.code.length === len && c.code.startsWith(parent));
    if (hasChildren && !classByCode.has(code.slice(0, len))) throw bad();
  }
}

export function className(code: string): string {
  return classByCode.get(code)?.name ?? classByCode.get(code.slice(0, 5))?.name ?? classByCode.get(code.slice(0, 3))?.name ?? '';
}

export function unitDef(code: string): UnitDef {
  const u = unitByCode.get(code);
  if (!u) throw new ApiError('VALIDATION', 'materials.unknownUnit', { unit: code });
  return u;
}

/** Decimal quantity → integer thousandths (exact sums). */
export function toMilli(q: number): number {
  const m = Math.round(q * 1000);
  if (Math.abs(q * 1000 - m) > 1e-6) throw invalid('materials.tooPrecise', { qty: q });
  return m;
}
export const fromMilli = (m: number): number => m / 1000;
