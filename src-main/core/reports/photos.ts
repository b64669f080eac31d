import type { Ctx, Handlers } from '../api/types';
import { ApiError, conflict, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { isImage, storeBlob } from '../util/blobs';
import { MAX_REPORT_PHOTO, type ReportPhoto } from '../../contract/reports';
import { reportById, type ReportRecord } from './repo';
import { insertPhoto, photoById, photosOfChain, voidPhoto } from './repoPhotos';

/** Photos belong to what is submitted: changed only while the report is a draft, like its figures. */
function draft(ctx: Ctx, id: string): ReportRecord {
  const r = reportById(ctx.db, id);
  if (!r) throw notFound('report', id);
  if (r.status === 'signed' || r.status === 'sent') throw conflict('reports.frozen');
  if (r.status !== 'draft') throw conflict('reports.notDraft', { status: r.status });
  return r;
}

const listOf = (ctx: Ctx, r: ReportRecord): ReportPhoto[] => photosOfChain(ctx.db, r.chain_id);

export const reportPhotoHandlers: Handlers<'reports.photos.list' | 'reports.photos.add' | 'reports.photos.void'> = {
  'reports.photos.list': {
    handler: (ctx, input) => {
      const r = reportById(ctx.db, input.id);
      if (!r) throw notFound('report', input.id);
      return listOf(ctx, r);
    },
  },

  'reports.photos.add': {
    handler: (ctx, input) => {
      const r = draft(ctx, input.id);
      const b = Buffer.from(input.data, 'base64');
      if (b.length > MAX_REPORT_PHOTO) throw invalid('reports.photoTooLarge', { limit: MAX_REPORT_PHOTO / 1024 / 1024 }, { issues: [{ path: ['data'], message: 'size' }] });
      if (!b.length || !isImage(input.name, input.mime, b)) throw invalid('reports.photoNotImage', { name: input.name }, { issues: [{ path: ['mime'], message: 'type' }] });
      const u = ctx.requireUser();
      const sha256 = storeBlob(ctx.services.dataDir, b);
      const id = newId();
      insertPhoto(ctx.db, {
        id, station_id: ctx.requireStation().id, chain_id: r.chain_id, report_id: r.id, sha256, name: input.name, mime: input.mime, size: b.length,
        created_by: u.id, created_by_name: u.displayName, created_at: ctx.clock.now(),
      });
      ctx.audit({ entity: 'report', entityId: r.id, before: null, after: { photo: { id, name: input.name, mime: input.mime, size: b.length, sha256 } } });
      return listOf(ctx, r);
    },
  },

  'reports.photos.void': {
    handler: (ctx, input) => {
      const r = draft(ctx, input.reportId);
      const p = photoById(ctx.db, input.id);
      if (!p || p.voided_at !== null || p.chain_id !== r.chain_id) throw new ApiError('NOT_FOUND', 'reports.photoNotFound');
      const u = ctx.requireUser();
      voidPhoto(ctx.db, p.id, { id: u.id, name: u.displayName }, input.reason, ctx.clock.now());
      ctx.audit({ entity: 'report', entityId: r.id, before: { photo: { id: p.id, name: p.name } }, after: { photo: null, reason: input.reason } });
      return listOf(ctx, r);
    },
  },
};
