import type { Handlers } from '../../api/types';
import { activeItem, activeWarehouse } from '../repo';
import { approve, docRow, fefoSuggestion, listDocs, loadDoc, post, receive, reverse, saveDraft, voidDraft } from '../ledger';
import { docAudit, env, today } from './shared';

/** The ledger's documents (standards §5): drafts, approval, posting, transfers in transit, void, reversal. */
export const docsHandlers: Handlers<
  | 'materials.docs.list'
  | 'materials.docs.get'
  | 'materials.docs.save'
  | 'materials.docs.approve'
  | 'materials.docs.post'
  | 'materials.docs.receive'
  | 'materials.docs.void'
  | 'materials.docs.reverse'
  | 'materials.fefo'
> = {
  'materials.docs.list': { handler: (ctx, input) => listDocs(ctx.db, input, ctx.clock.now()) },
  'materials.docs.get': { handler: (ctx, input) => docRow(ctx.db, loadDoc(ctx.db, input.id), ctx.clock.now()) },
  'materials.docs.save': {
    handler: (ctx, input) => {
      const { doc, before } = saveDraft(env(ctx), input);
      return docAudit(ctx, doc.id, before ? docRow(ctx.db, before, ctx.clock.now()) : undefined);
    },
  },
  'materials.docs.approve': {
    handler: (ctx, input) => {
      const { doc, before } = approve(env(ctx), input.id, input.version);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.post': {
    handler: (ctx, input) => {
      const { doc, before } = post(env(ctx), input.id, input.version);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.receive': {
    handler: (ctx, input) => {
      const { doc, before } = receive(env(ctx), input.id, input.version, input.lines);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.void': {
    handler: (ctx, input) => {
      const { doc, before } = voidDraft(env(ctx), input.id, input.version, input.reason);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.reverse': {
    handler: (ctx, input) => {
      const { doc, original } = reverse(env(ctx), input.id, input.reason);
      ctx.audit({ entity: 'mat_doc', entityId: original.id, before: { reversedById: null }, after: { reversedById: doc.id } });
      return docAudit(ctx, doc.id, undefined);
    },
  },
  'materials.fefo': {
    handler: (ctx, input) => {
      activeWarehouse(ctx.db, input.warehouseId);
      return fefoSuggestion(ctx.db, input.warehouseId, activeItem(ctx.db, input.itemId), input.qty, today(ctx));
    },
  },
};
