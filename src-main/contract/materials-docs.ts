import type { DocKind, DocStatus } from './materials';
import type { Role } from './roles';
import { can, type MethodName } from './index';

/*
 * The document status machine of the materials ledger (standards §5), in one place: the main
 * process enforces it (core/materials/ledger.ts) and the document screen offers exactly these
 * actions (src-renderer/…/materials/Docs.tsx).
 *
 *   draft ──approve──▶ approved        (write-offs and transfers only: they need a leader's approval)
 *   draft | approved ──post──▶ posted | in_transit (transfers are dispatched, then received)
 *   in_transit ──receive──▶ received
 *   draft | approved ──void──▶ void
 *   posted ──reverse──▶ (a new reversing document; the original is marked reversed)
 */

/** Kinds that must be approved by a leader before they are posted (write-off, transfer). */
export const NEEDS_APPROVAL: readonly DocKind[] = ['writeoff', 'transfer'];
export const needsApproval = (kind: DocKind): boolean => NEEDS_APPROVAL.includes(kind);

/** A draft, approved or not: may still change, be posted or be voided. Any change sends it back to draft. */
export const isOpenDraft = (status: DocStatus): boolean => status === 'draft' || status === 'approved';

/** Whether the document is approvable: a draft of a kind that needs approval. */
export const canApprove = (d: { kind: DocKind; status: DocStatus }): boolean => d.status === 'draft' && needsApproval(d.kind);

/** Whether the document may be posted now (approval first where it is needed). */
export const canPost = (d: { kind: DocKind; status: DocStatus }): boolean => isOpenDraft(d.status) && (!needsApproval(d.kind) || d.status === 'approved');

/** Why a document cannot be reversed (a reversal, already reversed, not posted, a transfer), or null when it can. */
export function reverseBlock(d: { kind: DocKind; status: DocStatus; reversesId: string | null; reversedById: string | null }): 'reversal' | 'reversed' | 'transfer' | DocStatus | null {
  if (d.reversesId) return 'reversal';
  if (d.reversedById) return 'reversed';
  if (d.status !== 'posted') return d.status;
  if (d.kind === 'transfer') return 'transfer';
  return null;
}

export type DocAction = 'approve' | 'post' | 'receive' | 'reverse' | 'void';
const METHOD: Record<DocAction, MethodName> = {
  approve: 'materials.docs.approve',
  post: 'materials.docs.post',
  receive: 'materials.docs.receive',
  reverse: 'materials.docs.reverse',
  void: 'materials.docs.void',
};

export interface DocState {
  kind: DocKind;
  status: DocStatus;
  reversesId: string | null;
  reversedById: string | null;
}

/** The actions a document's status offers, whoever asks. */
export function docStatusActions(d: DocState): DocAction[] {
  const out: DocAction[] = [];
  if (canApprove(d)) out.push('approve');
  if (canPost(d)) out.push('post');
  if (d.status === 'in_transit') out.push('receive');
  if (reverseBlock(d) === null) out.push('reverse');
  if (isOpenDraft(d.status)) out.push('void');
  return out;
}

/**
 * The actions a document in its status offers to a user holding `roles` (the method's access from
 * its spec). The main process also checks the keeper is assigned to the warehouse concerned.
 */
export function docActions(d: DocState, user: { roles: readonly Role[] } | null | undefined): DocAction[] {
  return docStatusActions(d).filter((a) => can(user, METHOD[a]));
}
