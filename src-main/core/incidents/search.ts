import { stmt } from '../db/stmt';
import type { DB } from '../db/open';

/**
 * Chinese full text without a word segmenter.
 * - Terms of 3+ characters: FTS5 trigram index (exact substring, any script).
 * - Terms of 1–2 characters (火灾, 滑坡, 火): the trigram tokenizer cannot answer them, so the same
 *   text is also indexed as overlapping bigrams ("东昌火灾" → "东昌 昌火 火灾 灾"), tokenised by
 *   unicode61. A 2-character term is then one token lookup, a 1-character term a prefix query
 *   ("火*"); the run's last character is emitted alone so a final character is found too.
 * Both are index lookups, so 1–2 character terms stay as fast as 3+ character ones at 250k incidents.
 */
const RUN = /[\p{L}\p{N}]+/gu;

export function bigramText(s: string): string {
  const out: string[] = [];
  for (const m of s.toLowerCase().matchAll(RUN)) {
    const chars = [...m[0]];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    out.push(chars[chars.length - 1]);
  }
  return out.join(' ');
}

/** Splits a user's query into terms (spaces separate; punctuation inside a term is kept for trigram). */
export function queryTerms(q: string): string[] {
  return q
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .slice(0, 8);
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface FtsClause {
  /** SQL yielding the incident rowids (`n`) that match every term. */
  sql: string;
  params: string[];
  /** When every term goes to one index: that index and its MATCH expression (a cheap count). */
  single: { table: 'incident_fts_tri' | 'incident_fts_bi'; match: string } | null;
}

/** Builds the rowid subquery for a query; null when the query has no usable term. Terms of one index share one MATCH (AND). */
export function ftsClause(q: string): FtsClause | null {
  const tri: string[] = [];
  const bi: string[] = [];
  for (const term of queryTerms(q)) {
    if ([...term].length >= 3) {
      tri.push(quote(term));
      continue;
    }
    // Short terms: only letters and digits are indexed; a short term of punctuation matches nothing useful.
    const tok = bigramText(term).split(' ').filter(Boolean)[0];
    if (!tok) continue;
    bi.push([...tok].length === 1 ? `${quote(tok)} *` : quote(tok));
  }
  const parts: NonNullable<FtsClause['single']>[] = [];
  if (tri.length) parts.push({ table: 'incident_fts_tri', match: tri.join(' AND ') });
  if (bi.length) parts.push({ table: 'incident_fts_bi', match: bi.join(' AND ') });
  if (!parts.length) return null;
  return {
    sql: parts.map((p) => `SELECT rowid FROM ${p.table} WHERE ${p.table} MATCH ?`).join(' INTERSECT '),
    params: parts.map((p) => p.match),
    single: parts.length === 1 ? parts[0] : null,
  };
}

/** Replaces an incident's document in both indexes. */
export function indexIncident(db: DB, n: number, text: string): void {
  stmt(db, 'DELETE FROM incident_fts_tri WHERE rowid = ?').run(n);
  stmt(db, 'DELETE FROM incident_fts_bi WHERE rowid = ?').run(n);
  stmt(db, 'INSERT INTO incident_fts_tri (rowid, t) VALUES (?, ?)').run(n, text);
  stmt(db, 'INSERT INTO incident_fts_bi (rowid, t) VALUES (?, ?)').run(n, bigramText(text));
}
