import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * Files kept by content: <dataDir>/attachments/<sha256>, the same layout incident attachments use,
 * so one photo sent twice (to an incident and to a report) is stored once.
 */
const root = (dataDir: string) => path.join(dataDir, 'attachments');

export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Writes the bytes (unless already there) and returns their hash. */
export function storeBlob(dataDir: string, b: Buffer): string {
  const hash = sha256Of(b);
  const target = path.join(root(dataDir), hash);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(root(dataDir), { recursive: true });
    // Written aside then renamed: a crash never leaves half a photo under its hash.
    const tmp = `${target}.${process.pid}.part`;
    fs.writeFileSync(tmp, b);
    fs.renameSync(tmp, target);
  }
  return hash;
}

export function readBlob(dataDir: string, hash: string): Buffer | null {
  const f = path.join(root(dataDir), hash);
  return fs.existsSync(f) ? fs.readFileSync(f) : null;
}

/** Photo formats by MIME → their extensions and magic bytes (the bytes decide, not the name). */
export const IMAGE_TYPES: Record<string, { ext: string[]; magic: (b: Buffer) => boolean }> = {
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: ['.png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/gif': { ext: ['.gif'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  'image/webp': { ext: ['.webp'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
};

/** True when the name, the stated type and the bytes all say it is one of the photo formats. */
export function isImage(name: string, mime: string, b: Buffer): boolean {
  const t = IMAGE_TYPES[mime];
  return !!t && t.ext.includes(path.extname(name).toLowerCase()) && t.magic(b);
}
