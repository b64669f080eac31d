import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Ctx } from '../api/types';
import { ApiError, conflict, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { attachmentById, insertAttachment } from './repo';

/** Limits: a photo from a phone or a scanned notice fits; a video does not. */
export const MAX_ATTACHMENT = 10 * 1024 * 1024;
export const MAX_CHUNK = 512 * 1024;

/** Allowed types by MIME → extensions and (where a format has one) its magic bytes. */
const TYPES: Record<string, { ext: string[]; magic?: (b: Buffer) => boolean; image?: boolean }> = {
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, image: true },
  'image/png': { ext: ['.png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), image: true },
  'image/gif': { ext: ['.gif'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8', image: true },
  'image/webp': { ext: ['.webp'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP', image: true },
  'application/pdf': { ext: ['.pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'application/msword': { ext: ['.doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: ['.docx'], magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  'application/vnd.ms-excel': { ext: ['.xls'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: ['.xlsx'], magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  'text/plain': { ext: ['.txt'] },
  'audio/mpeg': { ext: ['.mp3'] },
  'audio/wav': { ext: ['.wav'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' },
};

const dirs = (ctx: Ctx) => {
  const root = path.join(ctx.services.dataDir, 'attachments');
  return { root, tmp: path.join(root, 'tmp') };
};
const tmpFile = (ctx: Ctx, uploadId: string) => path.join(dirs(ctx).tmp, `${ctx.requireUser().id}-${uploadId}`);

/** Uploads never attached (the window was closed mid-way) are removed after a day. */
function sweepAbandoned(dir: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st && now - st.mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
  }
}

/** Appends one base64 chunk to the caller's upload; returns the bytes received so far. */
export function receiveChunk(ctx: Ctx, uploadId: string, offset: number, data: string): number {
  const buf = Buffer.from(data, 'base64');
  if (buf.length > MAX_CHUNK) throw new ApiError('PAYLOAD_TOO_LARGE', 'incidents.chunkTooLarge', { limit: MAX_CHUNK });
  const f = tmpFile(ctx, uploadId);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  if (offset === 0) sweepAbandoned(dirs(ctx).tmp, Date.now());
  const have = fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  if (offset !== have) throw conflict('incidents.uploadOffset', { expected: have });
  if (have + buf.length > MAX_ATTACHMENT) {
    fs.rmSync(f, { force: true });
    throw new ApiError('PAYLOAD_TOO_LARGE', 'incidents.attachmentTooLarge', { limit: MAX_ATTACHMENT / 1024 / 1024 });
  }
  fs.appendFileSync(f, buf);
  return have + buf.length;
}

/** Checks the finished upload, stores it as attachments/<sha256> and records it; returns the attachment id. */
export function attachFile(
  ctx: Ctx,
  incidentId: string,
  a: { uploadId: string; name: string; mime: string; size: number; sha256: string; thumb?: string },
): string {
  if (a.size > MAX_ATTACHMENT) throw new ApiError('PAYLOAD_TOO_LARGE', 'incidents.attachmentTooLarge', { limit: MAX_ATTACHMENT / 1024 / 1024 });
  const type = TYPES[a.mime];
  const ext = path.extname(a.name).toLowerCase();
  if (!type || !type.ext.includes(ext)) throw invalid('incidents.attachmentType', { type: `${a.mime} ${ext}`.trim() }, { issues: [{ path: ['mime'], message: 'type' }] });
  const f = tmpFile(ctx, a.uploadId);
  if (!fs.existsSync(f)) throw invalid('incidents.uploadMissing');
  const buf = fs.readFileSync(f);
  const hash = createHash('sha256').update(buf).digest('hex');
  if (buf.length !== a.size || hash !== a.sha256) throw invalid('incidents.uploadHash');
  if (type.magic && !type.magic(buf)) throw invalid('incidents.attachmentMismatch', {}, { issues: [{ path: ['mime'], message: 'mismatch' }] });
  const target = path.join(dirs(ctx).root, hash);
  // Content-addressed: the same photo sent twice is stored once. A file left behind by a failed
  // transaction is harmless (it is only ever reached through a row).
  if (fs.existsSync(target)) fs.rmSync(f);
  else fs.renameSync(f, target);
  const id = newId();
  const u = ctx.requireUser();
  insertAttachment(ctx.db, {
    id,
    stationId: ctx.requireStation().id,
    incidentId,
    sha256: hash,
    name: a.name,
    mime: a.mime,
    size: a.size,
    thumb: type.image ? (a.thumb ?? null) : null,
    by: u.id,
    byName: u.displayName,
    at: ctx.clock.now(),
  });
  return id;
}

export function readAttachment(ctx: Ctx, id: string): { name: string; mime: string; size: number; data: string } {
  const a = attachmentById(ctx.db, id);
  if (!a) throw notFound('attachment', id);
  const f = path.join(dirs(ctx).root, a.sha256);
  if (!fs.existsSync(f)) throw new ApiError('NOT_FOUND', 'incidents.attachmentGone', { sha256: a.sha256 });
  return { name: a.name, mime: a.mime, size: a.size, data: fs.readFileSync(f).toString('base64') };
}
