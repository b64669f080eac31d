import fs from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable if it is really installed, else null. Never `require('electron')`
 * to find out: since Electron 45 that starts a download, which fails offline.
 */
export function electronBinary(root: string): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const bin = path.join(base, rel);
  return fs.existsSync(bin) ? bin : null;
}
