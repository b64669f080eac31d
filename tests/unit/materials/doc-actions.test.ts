import { describe, expect, it } from 'vitest';
import { canPost, docActions, docStatusActions, reverseBlock } from '../../../src-main/contract/materials-docs';
import type { DocKind, DocStatus } from '../../../src-main/contract/materials';

const doc = (kind: DocKind, status: DocStatus, extra: { reversesId?: string; reversedById?: string } = {}) => ({
  kind,
  status,
  reversesId: extra.reversesId ?? null,
  reversedById: extra.reversedById ?? null,
});

describe('materials document status machine (contract, shared by ledger and screen)', () => {
  it('standards §5: write-offs and transfers need a leader\'s approval before posting; receipts and issues do not', () => {
    expect(docStatusActions(doc('transfer', 'draft'))).toEqual(['approve', 'void']);
    expect(docStatusActions(doc('writeoff', 'draft'))).toEqual(['approve', 'void']);
    expect(docStatusActions(doc('transfer', 'approved'))).toEqual(['post', 'void']);
    expect(docStatusActions(doc('receipt', 'draft'))).toEqual(['post', 'void']);
    expect(docStatusActions(doc('issue', 'draft'))).toEqual(['post', 'void']);
    expect(canPost(doc('writeoff', 'draft'))).toBe(false);
  });

  it('standards §5: a transfer in transit is received once; posted documents are corrected by reversal, never edited', () => {
    expect(docStatusActions(doc('transfer', 'in_transit'))).toEqual(['receive']);
    expect(docStatusActions(doc('transfer', 'received'))).toEqual([]);
    expect(docStatusActions(doc('issue', 'posted'))).toEqual(['reverse']);
    expect(reverseBlock(doc('issue', 'posted', { reversedById: 'x' }))).toBe('reversed');
    expect(reverseBlock(doc('issue', 'posted', { reversesId: 'x' }))).toBe('reversal');
    expect(reverseBlock(doc('transfer', 'received'))).toBe('received');
    expect(docStatusActions(doc('receipt', 'void'))).toEqual([]);
  });

  it('offers each user only what the method spec lets them call', () => {
    const keeper = { roles: ['keeper' as const] };
    const leader = { roles: ['leader' as const] };
    const viewer = { roles: ['viewer' as const] };
    expect(docActions(doc('transfer', 'draft'), keeper)).toEqual(['void']);
    expect(docActions(doc('transfer', 'draft'), leader)).toEqual(['approve', 'void']);
    expect(docActions(doc('transfer', 'approved'), keeper)).toEqual(['post', 'void']);
    expect(docActions(doc('transfer', 'approved'), leader)).toEqual(['void']);
    expect(docActions(doc('transfer', 'in_transit'), keeper)).toEqual(['receive']);
    expect(docActions(doc('issue', 'posted'), keeper)).toEqual(['reverse']);
    expect(docActions(doc('issue', 'posted'), leader)).toEqual([]);
    expect(docActions(doc('receipt', 'draft'), viewer)).toEqual([]);
    expect(docActions(doc('receipt', 'draft'), null)).toEqual([]);
  });
});
