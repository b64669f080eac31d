/**
 * Voucher totals: one per unit of measure, in the order the units first appear. Quantities in
 * different units are never added (30 顶 + 50 床 is not 80 of anything).
 */
export function totalsByUnit<L extends { unit: string }>(lines: readonly L[], pick: (l: L) => number | null | undefined): { unit: string; qty: number }[] {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.unit, (out.get(l.unit) ?? 0) + (pick(l) ?? 0));
  // Sum in thousandths, as the ledger stores quantities, so 0.1 + 0.2 prints 0.3.
  return [...out].map(([unit, qty]) => ({ unit, qty: Math.round(qty * 1000) / 1000 }));
}
