import { describe, expect, it } from 'vitest';
import { DocStatus, docActions, needsApproval, type DocKind } from '../../../src-main/contract/materials';

/** The document state machine the screen reads from the contract (the ledger enforces the same). */
describe('docActions', () => {
  it('write-offs and transfers wait for a leader; other kinds post straight away', () => {
    expect((['writeoff', 'transfer'] as DocKind[]).every(needsApproval)).toBe(true);
    expect((['receipt', 'issue', 'return', 'adjustment', 'opening'] as DocKind[]).some(needsApproval)).toBe(false);
    expect(docActions({ kind: 'writeoff', status: 'draft' }).approve).toBe(true);
    expect(docActions({ kind: 'receipt', status: 'draft' }).approve).toBe(false);
    expect(docActions({ kind: 'writeoff', status: 'approved' }).approve).toBe(false);
  });
  it('offers per status: post/void while open, receive in transit, reverse once when posted', () => {
    const table = Object.fromEntries(DocStatus.options.map((s) => [s, docActions({ kind: 'transfer', status: s })]));
    expect(Object.entries(table).filter(([, a]) => a.post).map(([s]) => s)).toEqual(['draft', 'approved']);
    expect(Object.entries(table).filter(([, a]) => a.void).map(([s]) => s)).toEqual(['draft', 'approved']);
    expect(Object.entries(table).filter(([, a]) => a.receive).map(([s]) => s)).toEqual(['in_transit']);
    expect(Object.entries(table).filter(([, a]) => a.reverse).map(([s]) => s)).toEqual(['posted']);
    expect(docActions({ kind: 'issue', status: 'posted', reversedById: 'x' }).reverse).toBe(false);
    expect(docActions({ kind: 'issue', status: 'posted', reversesId: 'x' }).reverse).toBe(false);
  });
});
