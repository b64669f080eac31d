import path from 'node:path';
import { ApiError, invalid } from '../util/errors';
import { readBlob, storeBlob } from '../util/blobs';

/**
 * A warning's files (the issuer's notice, a chart): one call carrying the file, since these are
 * small scans and screenshots; stored content-addressed in the same attachments/ folder as the
 * incident log's files, so the same notice attached to both is kept once.
 */
export const MAX_WARNING_ATTACHMENT = 700 * 1024;

const TYPES: Record<string, { ext: string[]; magic?: (b: Buffer) => boolean }> = {
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: ['.png'], magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
  'application/pdf': { ext: ['.pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'application/msword': { ext: ['.doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: ['.docx'], magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  'text/plain': { ext: ['.txt'] },
};

export function storeFile(dataDir: string, name: string, mime: string, base64: string): { sha256: string; size: number } {
  const type = TYPES[mime];
  const ext = path.extname(name).toLowerCase();
  if (!type || !type.ext.includes(ext)) throw invalid('warnings.attachmentType', { type: `${mime} ${ext}`.trim() }, { issues: [{ path: ['mime'], message: 'type' }] });
  const buf = Buffer.from(base64, 'base64');
  if (buf.length > MAX_WARNING_ATTACHMENT) throw new ApiError('PAYLOAD_TOO_LARGE', 'warnings.attachmentTooLarge', { limit: MAX_WARNING_ATTACHMENT / 1024 });
  if (!buf.length || (type.magic && !type.magic(buf))) throw invalid('warnings.attachmentMismatch', {}, { issues: [{ path: ['data'], message: 'mismatch' }] });
  const sha256 = storeBlob(dataDir, buf);
  return { sha256, size: buf.length };
}

export function readStored(dataDir: string, sha256: string): string {
  const b = readBlob(dataDir, sha256);
  if (!b) throw new ApiError('NOT_FOUND', 'warnings.attachmentGone');
  return b.toString('base64');
}
