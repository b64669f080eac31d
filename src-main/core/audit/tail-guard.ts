import path from 'node:path';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import type { AuditVerifyResult } from '../../contract/audit';
import type { Logger } from '../util/logger';
import type { Clock } from '../util/clock';
import { translate } from '../i18n/messages';
import { appendAudit, digest, verifyAudit, type ChainVerdict } from './chain';
import { ANCHOR_FILE, ANCHOR_MISMATCH, checkAnchors, collectAnchors, readAnchorFile, readHead, writeAnchorFile, type AnchorFinding, type FoundAnchor } from './anchor';

const sourceWords = (locale: Locale, a: FoundAnchor) =>
  a.source === 'folder' ? translate(locale, 'audit.anchor.folder') : translate(locale, 'audit.anchor.backup', { name: a.name });

export function findingWords(locale: Locale, f: AnchorFinding): string {
  return translate(locale, f.kind === 'cut' ? 'audit.tail.cut' : 'audit.tail.diverged', {
    fileSeq: f.fileSeq,
    anchorSeq: f.anchor.seq,
    source: sourceWords(locale, f.anchor),
  });
}

export function verdictWords(locale: Locale, v: ChainVerdict): string {
  if (!v.firstBreak) return translate(locale, 'audit.verdict.ok', { rows: v.rows, anchors: v.anchors });
  return translate(locale, `audit.verdict.${v.firstBreak.reason}`, { seq: v.firstBreak.seq, from: v.missing?.from ?? '', to: v.missing?.to ?? '' });
}

/** `audit.verify` and `verify-audit`: the chain against every anchor found, in the caller's words. */
export function verifyWithAnchors(db: DB, dataDir: string, backupDir: string, locale: Locale): AuditVerifyResult {
  const v = verifyAudit(db, collectAnchors(dataDir, backupDir));
  return { ...v, message: verdictWords(locale, v) };
}

export interface TailGuard {
  /** What start-up found (null: the file reaches every anchor). */
  finding: AnchorFinding | null;
  /** After a committed write: the data folder's anchor follows the head. Never throws. */
  afterWrite(): void;
}

/**
 * Start-up: compares the file's chain with its anchors. A cut or rewritten tail is logged in
 * words and recorded as a row of the chain itself, numbered past everything an anchor proves was
 * used, so the evidence stays in the file and no sequence number is handed out twice.
 */
export function guardAuditTail(db: DB, dataDir: string, backupDir: string, clock: Clock, log: Logger): TailGuard {
  const file = path.join(dataDir, ANCHOR_FILE);
  const restoredAt = readAnchorFile(file)?.restoredAt;
  const anchors = collectAnchors(dataDir, backupDir);
  const finding = checkAnchors(db, anchors);
  if (finding) {
    log.error(findingWords('zh-CN', finding), { en: findingWords('en', finding) });
    const head = readHead(db);
    const reach = Math.max(finding.anchor.seq, ...anchors.map((a) => a.seq));
    db.transaction(() =>
      appendAudit(
        db,
        {
          at: clock.now(),
          userId: null,
          username: null,
          method: ANCHOR_MISMATCH,
          entity: 'audit_anchor',
          entityId: String(reach),
          inputDigest: digest({ kind: finding.kind, anchorSeq: finding.anchor.seq, anchorHash: finding.anchor.hash, source: finding.anchor.name, fileSeq: finding.fileSeq })!,
          beforeDigest: finding.anchor.hash,
          afterDigest: head?.hash ?? null,
        },
        reach,
      ),
    ).immediate();
  }
  let written = -1;
  const afterWrite = () => {
    const h = readHead(db);
    if (!h || h.seq === written) return;
    try {
      writeAnchorFile(file, { seq: h.seq, hash: h.hash, at: clock.now(), ...(restoredAt ? { restoredAt } : {}) });
      written = h.seq;
    } catch (e) {
      // A full disk must not fail the write that already committed; the next write tries again.
      log.warn('audit anchor not written', { error: String(e) });
    }
  };
  afterWrite();
  return { finding, afterWrite };
}
