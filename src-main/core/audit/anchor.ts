import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * Anchors of the audit chain kept OUTSIDE the database file (issue 19): the head (sequence and
 * hash) as it was last committed, in the data folder and beside every backup. Someone who deletes
 * the newest audit rows and rewrites `audit_head` in the same file leaves a chain that is
 * consistent in itself; only a copy of the head kept elsewhere shows that it went backwards.
 */
export interface Anchor {
  seq: number;
  hash: string;
  /** When the anchor was written (epoch ms). */
  at: number;
  /** Set by a restore: the chain was put back on purpose; backups taken before this are older branches. */
  restoredAt?: number;
}

/** One anchor found, and where (a person is told which copy disagreed). */
export interface FoundAnchor extends Anchor {
  source: 'folder' | 'backup';
  name: string;
}

export const ANCHOR_FILE = 'audit-anchor.json';
export const sidecarOf = (backupFile: string) => `${backupFile}.anchor.json`;

/** The method recorded in the chain when start-up finds the file behind (or beside) its anchors. */
export const ANCHOR_MISMATCH = 'audit.anchorMismatch';

export function readHead(db: DB): { seq: number; hash: string } | null {
  return (stmt(db, 'SELECT seq, hash FROM audit_head WHERE singleton = 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

function isAnchor(v: unknown): v is Anchor {
  const a = v as Anchor;
  return !!a && Number.isSafeInteger(a.seq) && a.seq >= 0 && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash) && typeof a.at === 'number';
}

/** A missing or unreadable anchor (e.g. a power cut mid-write) is "none", never a false alarm. */
export function readAnchorFile(file: string): Anchor | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return isAnchor(v) ? v : null;
  } catch {
    return null;
  }
}

/** Written whole to a temporary name, then renamed: a reader sees the old anchor or the new one. */
export function writeAnchorFile(file: string, a: Anchor): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(a));
  fs.renameSync(tmp, file);
}

/** The head of a closed database file (a backup just written, a file being restored). */
export function headOfFile(file: string): { seq: number; hash: string } | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return readHead(db);
  } finally {
    db.close();
  }
}

const BACKUP_SIDECAR = /^watchroom-\d{8}T\d{6}(-\d+)?\.sqlite\.anchor\.json$/;

/**
 * Every anchor there is: the data folder's and each backup's sidecar. Sidecars of backups taken
 * before the last restore belong to the branch the restore left on purpose and are not evidence.
 */
export function collectAnchors(dataDir: string, backupDir: string): FoundAnchor[] {
  const out: FoundAnchor[] = [];
  const own = readAnchorFile(path.join(dataDir, ANCHOR_FILE));
  if (own) out.push({ ...own, source: 'folder', name: ANCHOR_FILE });
  const since = own?.restoredAt ?? 0;
  if (fs.existsSync(backupDir)) {
    for (const f of fs.readdirSync(backupDir)) {
      if (!BACKUP_SIDECAR.test(f)) continue;
      const a = readAnchorFile(path.join(backupDir, f));
      if (a && a.at >= since) out.push({ ...a, source: 'backup', name: f.replace(/\.anchor\.json$/, '') });
    }
  }
  return out;
}

export interface AnchorFinding {
  kind: 'cut' | 'diverged';
  /** The anchor that disagrees most (the highest sequence). */
  anchor: FoundAnchor;
  /** The file's own head when it was checked. */
  fileSeq: number;
}

/** The highest sequence already recorded as cut by a marker row (anchors up to it were dealt with). */
function coveredUpTo(db: DB): number {
  const r = stmt(db, 'SELECT max(CAST(entity_id AS INTEGER)) AS m FROM audit_log WHERE method = ?').get(ANCHOR_MISMATCH) as { m: number | null };
  return r.m ?? 0;
}

/**
 * Compares the file with every anchor: an anchored row that is gone (or beyond the file's last
 * row) is a cut tail; one that is there with another hash means the tail was rewritten.
 */
export function checkAnchors(db: DB, anchors: readonly FoundAnchor[]): AnchorFinding | null {
  const covered = coveredUpTo(db);
  const fileSeq = (stmt(db, 'SELECT max(seq) AS m FROM audit_log').get() as { m: number | null }).m ?? 0;
  let worst: AnchorFinding | null = null;
  for (const a of anchors) {
    if (a.seq === 0 || a.seq <= covered) continue;
    const row = stmt(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(a.seq) as { hash: string } | undefined;
    if (row && row.hash === a.hash) continue;
    const kind = row ? 'diverged' : 'cut';
    if (!worst || a.seq > worst.anchor.seq) worst = { kind, anchor: a, fileSeq };
  }
  return worst;
}
