import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { canonicalJson, sha256 } from '../util/ids';
import type { AuditVerifyResult } from '../../contract/audit';
import { ANCHOR_MISMATCH, type FoundAnchor } from './anchor';

export interface AuditInsert {
  at: number;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entityId: string | null;
  inputDigest: string;
  beforeDigest: string | null;
  afterDigest: string | null;
}

const GENESIS = '0'.repeat(64);

function rowHash(prev: string, seq: number, r: AuditInsert): string {
  return sha256(
    canonicalJson([prev, seq, r.at, r.userId, r.username, r.method, r.entity, r.entityId, r.inputDigest, r.beforeDigest, r.afterDigest]),
  );
}

export const digest = (v: unknown): string | null => (v === undefined ? null : sha256(canonicalJson(v)));

/** Keys never written into a digest input (a digest of a password is a cheap oracle). */
const SECRET_KEY = /password|token|secret|credential/i;
export function redact(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(x);
  return out;
}

/**
 * Appends one row chained to the head; must run inside the caller's transaction. `afterSeq` puts
 * the row past sequence numbers an anchor proves were used (a cut tail's numbers are never reused).
 */
export function appendAudit(db: DB, r: AuditInsert, afterSeq = 0): number {
  const head = stmt(db, 'SELECT seq, hash FROM audit_head WHERE singleton = 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const seq = Math.max(head?.seq ?? 0, afterSeq) + 1;
  const prev = head?.hash ?? GENESIS;
  const hash = rowHash(prev, seq, r);
  stmt(db, 
    `INSERT INTO audit_log (seq, at, user_id, username, method, entity, entity_id, input_digest, before_digest, after_digest, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(seq, r.at, r.userId, r.username, r.method, r.entity, r.entityId, r.inputDigest, r.beforeDigest, r.afterDigest, prev, hash);
  stmt(db, 
    'INSERT INTO audit_head (singleton, seq, hash) VALUES (1, ?, ?) ON CONFLICT(singleton) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
  ).run(seq, hash);
  return seq;
}

interface StoredRow {
  seq: number;
  at: number;
  user_id: string | null;
  username: string | null;
  method: string;
  entity: string | null;
  entity_id: string | null;
  input_digest: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

/** The chain's verdict before it is put in words (the handler and the CLI add the message). */
export type ChainVerdict = Omit<AuditVerifyResult, 'message'>;

/**
 * Walks the chain from the first row. An edited row breaks its own hash; a deleted or
 * reordered row breaks the sequence or the link; a truncated tail no longer matches the head —
 * or, when the head was rewritten too, no longer reaches the anchors kept outside the file.
 */
export function verifyAudit(db: DB, anchors: readonly FoundAnchor[] = []): ChainVerdict {
  const anchored = new Map(anchors.map((a) => [a.seq, a.hash]));
  const base = { anchors: anchors.length, missing: null };
  let prev = GENESIS;
  let expectSeq = 1;
  let rows = 0;
  for (const r of stmt(db, 'SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<StoredRow>) {
    rows++;
    if (r.seq !== expectSeq) {
      // Start-up found the tail cut and recorded it past the numbers the anchor proves were used.
      if (r.method === ANCHOR_MISMATCH && r.seq > expectSeq) {
        return { ok: false, rows, firstBreak: { seq: expectSeq, reason: 'truncated' }, anchors: anchors.length, missing: { from: expectSeq, to: r.seq - 1 } };
      }
      return { ok: false, rows, firstBreak: { seq: r.seq, reason: 'gap' }, ...base };
    }
    if (r.prev_hash !== prev) return { ok: false, rows, firstBreak: { seq: r.seq, reason: 'link' }, ...base };
    const h = rowHash(prev, r.seq, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      method: r.method,
      entity: r.entity,
      entityId: r.entity_id,
      inputDigest: r.input_digest,
      beforeDigest: r.before_digest,
      afterDigest: r.after_digest,
    });
    if (h !== r.hash) return { ok: false, rows, firstBreak: { seq: r.seq, reason: 'hash' }, ...base };
    // Start-up found the rows up to the anchor there but rewritten (the record stays broken).
    if (r.method === ANCHOR_MISMATCH) return { ok: false, rows, firstBreak: { seq: Number(r.entity_id) || r.seq, reason: 'anchor' }, ...base };
    const a = anchored.get(r.seq);
    if (a !== undefined && a !== r.hash) return { ok: false, rows, firstBreak: { seq: r.seq, reason: 'anchor' }, ...base };
    prev = r.hash;
    expectSeq++;
  }
  const head = stmt(db, 'SELECT seq, hash FROM audit_head WHERE singleton = 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const headOk = head ? head.seq === expectSeq - 1 && head.hash === prev : rows === 0;
  if (!headOk) return { ok: false, rows, firstBreak: { seq: expectSeq, reason: 'head' }, ...base };
  const reach = Math.max(0, ...anchors.map((x) => x.seq));
  if (reach >= expectSeq) {
    return { ok: false, rows, firstBreak: { seq: expectSeq, reason: 'truncated' }, anchors: anchors.length, missing: { from: expectSeq, to: reach } };
  }
  return { ok: true, rows, firstBreak: null, ...base };
}
