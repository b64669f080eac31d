import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type {
  AttachmentRow,
  AttentionItem,
  Casualties,
  EntryKind,
  Grade,
  IncidentEntry,
  IncidentRow,
  IncidentsConfig,
  ListFilter,
  Source,
  Status,
} from '../../contract/incidents';
import { ftsClause, indexIncident, type FtsClause } from './search';
import { MISSING_AS_DEAD, NEAR_MISS, isAccidentClass } from './taxonomy';
import { majorNearMissBy } from '../../contract/incidents';

export interface IncidentRecord {
  n: number;
  id: string;
  station_id: string;
  year: number;
  seq: number;
  received_at: number;
  occurred_at: number | null;
  source: Source;
  caller_unit: string | null;
  caller_name: string | null;
  caller_title: string | null;
  caller_phone: string | null;
  township_code: string | null;
  village_code: string | null;
  place_text: string | null;
  lat: number | null;
  lng: number | null;
  class_code: string;
  type_code: string;
  accident_type: string | null;
  industry: string | null;
  summary: string;
  dead: number;
  injured: number;
  serious: number;
  missing: number;
  trapped: number;
  evacuated: number;
  direct_loss: number | null;
  measures: string | null;
  informed: string | null;
  trend: string | null;
  cause: string | null;
  result: string | null;
  impact: string | null;
  endangered: number;
  serious_pollution: number;
  key_site_threat: number;
  grade: Grade | null;
  grade_suggested: Grade | null;
  grade_overridden: number;
  status: Status;
  flagged: number;
  merged_into: string | null;
  created_by: string;
  created_by_name: string;
  version: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

type ListedRecord = IncidentRecord & { township_name: string | null; village_name: string | null; pending: number; due_at: number | null };

/** Columns selected for a row: the record, place names, and its open escalations. */
const SELECT = `SELECT i.*, pt.name AS township_name, pv.name AS village_name,
  (SELECT count(*) FROM incident_attention a WHERE a.incident_id = i.id AND a.acked_at IS NULL) AS pending,
  (SELECT min(a.due_at) FROM incident_attention a WHERE a.incident_id = i.id AND a.acked_at IS NULL) AS due_at
  FROM incidents i
  LEFT JOIN places pt ON pt.code = i.township_code
  LEFT JOIN places pv ON pv.code = i.village_code`;

export const incidentNo = (year: number, seq: number) => `${year}-${String(seq).padStart(5, '0')}`;

export function toRow(r: ListedRecord): IncidentRow {
  return {
    id: r.id,
    no: incidentNo(r.year, r.seq),
    receivedAt: r.received_at,
    occurredAt: r.occurred_at,
    source: r.source,
    callerUnit: r.caller_unit,
    callerName: r.caller_name,
    callerTitle: r.caller_title,
    callerPhone: r.caller_phone,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    villageCode: r.village_code,
    villageName: r.village_name,
    placeText: r.place_text,
    lat: r.lat,
    lng: r.lng,
    classCode: r.class_code,
    typeCode: r.type_code,
    accidentType: r.accident_type,
    industry: r.industry,
    summary: r.summary,
    casualties: { dead: r.dead, injured: r.injured, serious: r.serious, missing: r.missing, trapped: r.trapped, evacuated: r.evacuated },
    directLoss: r.direct_loss,
    measures: r.measures,
    informed: r.informed,
    trend: r.trend,
    cause: r.cause,
    result: r.result,
    impact: r.impact,
    endangered: r.endangered,
    seriousPollution: r.serious_pollution === 1,
    keySiteThreat: r.key_site_threat === 1,
    majorNearMiss: isAccidentClass(r.class_code)
      ? majorNearMissBy(NEAR_MISS, { casualties: r, endangered: r.endangered, seriousPollution: r.serious_pollution === 1, keySiteThreat: r.key_site_threat === 1 })
      : [],
    grade: r.grade,
    gradeSuggested: r.grade_suggested,
    gradeOverridden: r.grade_overridden === 1,
    status: r.status,
    flagged: r.flagged === 1,
    mergedInto: r.merged_into,
    pendingAttention: r.pending,
    attentionDueAt: r.due_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

export const recordById = (db: DB, id: string) => stmt(db, 'SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRecord | undefined;

export function rowById(db: DB, id: string): IncidentRow | null {
  const r = stmt(db, `${SELECT} WHERE i.id = ?`).get(id) as ListedRecord | undefined;
  return r ? toRow(r) : null;
}

/** Next number in the year (per station year in its time zone): 2026-00042. */
export function nextSeq(db: DB, year: number): number {
  const r = stmt(db, 'SELECT max(seq) AS m FROM incidents WHERE year = ?').get(year) as { m: number | null };
  return (r.m ?? 0) + 1;
}

/** Column ← field mapping of the writable fields. */
export const FIELD_COLUMNS = {
  occurredAt: 'occurred_at',
  source: 'source',
  callerUnit: 'caller_unit',
  callerName: 'caller_name',
  callerTitle: 'caller_title',
  callerPhone: 'caller_phone',
  townshipCode: 'township_code',
  villageCode: 'village_code',
  placeText: 'place_text',
  lat: 'lat',
  lng: 'lng',
  classCode: 'class_code',
  typeCode: 'type_code',
  accidentType: 'accident_type',
  industry: 'industry',
  summary: 'summary',
  directLoss: 'direct_loss',
  measures: 'measures',
  informed: 'informed',
  trend: 'trend',
  cause: 'cause',
  result: 'result',
  impact: 'impact',
  endangered: 'endangered',
  seriousPollution: 'serious_pollution',
  keySiteThreat: 'key_site_threat',
} as const;
export const CASUALTY_KEYS = ['dead', 'injured', 'serious', 'missing', 'trapped', 'evacuated'] as const satisfies readonly (keyof Casualties)[];

export function insertIncident(db: DB, rec: Omit<IncidentRecord, 'n'>): number {
  const cols = Object.keys(rec);
  const r = stmt(db, `INSERT INTO incidents (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => (rec as unknown as Record<string, unknown>)[c]),
  );
  return Number(r.lastInsertRowid);
}

/** Version-checked update; false when stale. */
// ---- timeline ----

interface EntryRecord {
  id: string;
  incident_id: string;
  kind: EntryKind;
  at: number;
  body: string;
  data: string | null;
  author_id: string;
  author_name: string;
  created_at: number;
}

const toEntry = (e: EntryRecord): IncidentEntry => ({
  id: e.id,
  incidentId: e.incident_id,
  kind: e.kind,
  at: e.at,
  body: e.body,
  data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
  authorId: e.author_id,
  authorName: e.author_name,
  createdAt: e.created_at,
});

export function appendEntry(
  db: DB,
  e: { id: string; stationId: string; incidentId: string; kind: EntryKind; at: number; body: string; data?: unknown; authorId: string; authorName: string },
  now: number,
): void {
  stmt(db, `INSERT INTO incident_entries (id, station_id, incident_id, kind, at, body, data, author_id, author_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    e.id, e.stationId, e.incidentId, e.kind, e.at, e.body, e.data === undefined ? null : JSON.stringify(e.data), e.authorId, e.authorName, now,
  );
}

export function entriesOf(db: DB, ids: string[]): IncidentEntry[] {
  const out: IncidentEntry[] = [];
  for (const id of ids) out.push(...(stmt(db, 'SELECT * FROM incident_entries WHERE incident_id = ? ORDER BY at, n').all(id) as EntryRecord[]).map(toEntry));
  out.sort((a, b) => a.at - b.at || a.createdAt - b.createdAt);
  return out;
}

export const entryById = (db: DB, id: string) => stmt(db, 'SELECT * FROM incident_entries WHERE id = ?').get(id) as EntryRecord | undefined;

/** Rebuilds the incident's full-text document (its fields + every timeline entry). */
export function reindex(db: DB, id: string): void {
  const r = recordById(db, id)!;
  // Records merged into this one are found through it too (their own documents stay as they were).
  const bodies = (
    stmt(db, `SELECT body FROM incident_entries WHERE incident_id = @id
              UNION ALL SELECT summary FROM incidents WHERE merged_into = @id
              UNION ALL SELECT e.body FROM incident_entries e JOIN incidents m ON m.id = e.incident_id WHERE m.merged_into = @id`).all({ id }) as { body: string }[]
  ).map((b) => b.body);
  indexIncident(db, r.n, documentText(r, bodies));
}

export function documentText(r: Pick<IncidentRecord, 'year' | 'seq' | 'summary' | 'place_text' | 'caller_unit' | 'caller_name' | 'measures' | 'trend' | 'informed'>, bodies: string[]): string {
  return [incidentNo(r.year, r.seq), r.summary, r.place_text, r.caller_unit, r.caller_name, r.measures, r.informed, r.trend, ...bodies]
    .filter(Boolean)
    .join('\n');
}

// ---- attention / escalation ----

interface AttentionRecord {
  id: string;
  incident_id: string;
  entry_id: string | null;
  reason: string;
  raised_by: string;
  raised_by_name: string;
  raised_at: number;
  due_at: number;
  acked_at: number | null;
  acked_by_name: string | null;
  ack_via: 'app' | 'phone' | null;
  leader_name: string | null;
  ack_note: string | null;
  year: number;
  seq: number;
  summary: string;
}

const toAttention = (a: AttentionRecord): AttentionItem => ({
  id: a.id,
  incidentId: a.incident_id,
  incidentNo: incidentNo(a.year, a.seq),
  incidentSummary: a.summary,
  entryId: a.entry_id,
  reason: a.reason,
  raisedBy: a.raised_by,
  raisedByName: a.raised_by_name,
  raisedAt: a.raised_at,
  dueAt: a.due_at,
  ackedAt: a.acked_at,
  ackedByName: a.acked_by_name,
  ackVia: a.ack_via,
  leaderName: a.leader_name,
  ackNote: a.ack_note,
});

const ATT_SELECT = 'SELECT a.*, i.year, i.seq, i.summary FROM incident_attention a JOIN incidents i ON i.id = a.incident_id';

export function insertAttention(
  db: DB,
  a: { id: string; stationId: string; incidentId: string; entryId: string | null; reason: string; raisedBy: string; raisedByName: string; raisedAt: number; dueAt: number },
): void {
  stmt(db, `INSERT INTO incident_attention (id, station_id, incident_id, entry_id, reason, raised_by, raised_by_name, raised_at, due_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.id, a.stationId, a.incidentId, a.entryId, a.reason, a.raisedBy, a.raisedByName, a.raisedAt, a.dueAt);
}

export const attentionById = (db: DB, id: string) =>
  (stmt(db, `${ATT_SELECT} WHERE a.id = ?`).get(id) as AttentionRecord | undefined) ?? null;

export function attentionOf(db: DB, incidentId: string): AttentionItem[] {
  return (stmt(db, `${ATT_SELECT} WHERE a.incident_id = ? ORDER BY a.raised_at`).all(incidentId) as AttentionRecord[]).map(toAttention);
}
export const attentionItem = toAttention;

/** What awaits the leader: unacknowledged items, earliest deadline first. */
export function pendingAttention(db: DB, overdueAt: number | null): AttentionItem[] {
  const rows = overdueAt === null
    ? stmt(db, `${ATT_SELECT} WHERE a.acked_at IS NULL ORDER BY a.due_at LIMIT 500`).all()
    : stmt(db, `${ATT_SELECT} WHERE a.acked_at IS NULL AND a.due_at < ? ORDER BY a.due_at LIMIT 500`).all(overdueAt);
  return (rows as AttentionRecord[]).map(toAttention);
}

export function ackAttention(db: DB, id: string, s: { at: number; by: string; byName: string; via: 'app' | 'phone'; leaderName: string | null; note: string | null }): boolean {
  return (
    stmt(db, `UPDATE incident_attention SET acked_at = ?, acked_by = ?, acked_by_name = ?, ack_via = ?, leader_name = ?, ack_note = ?
              WHERE id = ? AND acked_at IS NULL`).run(s.at, s.by, s.byName, s.via, s.leaderName, s.note, id).changes === 1
  );
}

// ---- attachments ----

interface AttachmentRecord {
  id: string;
  incident_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  thumb: string | null;
  created_by_name: string;
  created_at: number;
}
const toAttachment = (a: AttachmentRecord): AttachmentRow => ({
  id: a.id,
  incidentId: a.incident_id,
  sha256: a.sha256,
  name: a.name,
  mime: a.mime,
  size: a.size,
  thumb: a.thumb,
  createdByName: a.created_by_name,
  createdAt: a.created_at,
});
export function attachmentsOf(db: DB, ids: string[]): AttachmentRow[] {
  return ids.flatMap((id) =>
    (stmt(db, 'SELECT * FROM incident_attachments WHERE incident_id = ? AND voided_at IS NULL ORDER BY created_at').all(id) as AttachmentRecord[]).map(toAttachment),
  );
}
/** Voids an attachment (the file stays; the record shows it was withdrawn and why). */
export function voidAttachment(db: DB, id: string, by: string, reason: string, now: number): void {
  stmt(db, 'UPDATE incident_attachments SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL').run(now, by, reason, id);
}

export const attachmentById = (db: DB, id: string) =>
  stmt(db, 'SELECT * FROM incident_attachments WHERE id = ? AND voided_at IS NULL').get(id) as AttachmentRecord | undefined;
export function insertAttachment(db: DB, a: { id: string; stationId: string; incidentId: string; sha256: string; name: string; mime: string; size: number; thumb: string | null; by: string; byName: string; at: number }): void {
  stmt(db, `INSERT INTO incident_attachments (id, station_id, incident_id, sha256, name, mime, size, thumb, created_by, created_by_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.id, a.stationId, a.incidentId, a.sha256, a.name, a.mime, a.size, a.thumb, a.by, a.byName, a.at);
}

export function mergedInto(db: DB, id: string): { id: string; no: string; summary: string }[] {
  return (stmt(db, 'SELECT id, year, seq, summary FROM incidents WHERE merged_into = ? ORDER BY n').all(id) as { id: string; year: number; seq: number; summary: string }[]).map(
    (r) => ({ id: r.id, no: incidentNo(r.year, r.seq), summary: r.summary }),
  );
}

// ---- list ----

const SORT_COLUMNS = { receivedAt: 'i.received_at', occurredAt: 'i.occurred_at', grade: 'i.grade', status: 'i.status', township: 'i.township_code', no: 'i.n' } as const;
export const COUNT_CAP = 10_000;

export function whereOf(f: ListFilter): { where: string; params: unknown[]; fts: FtsClause | null; otherFilters: boolean } | null {
  const w: string[] = [];
  const p: unknown[] = [];
  if (!f.includeMerged) w.push('i.merged_into IS NULL');
  if (f.from !== undefined) {
    w.push('i.received_at >= ?');
    p.push(f.from);
  }
  if (f.to !== undefined) {
    w.push('i.received_at < ?');
    p.push(f.to);
  }
  if (f.classCode) {
    w.push('i.class_code = ?');
    p.push(f.classCode);
  }
  if (f.typeCode) {
    w.push('i.type_code = ?');
    p.push(f.typeCode);
  }
  if (f.grade?.length) {
    w.push(`i.grade IN (${f.grade.map(() => '?').join(', ')})`);
    p.push(...f.grade);
  }
  if (f.townshipCode) {
    w.push('i.township_code = ?');
    p.push(f.townshipCode);
  }
  if (f.status?.length) {
    w.push(`i.status IN (${f.status.map(() => '?').join(', ')})`);
    p.push(...f.status);
  }
  if (f.flagged !== undefined) w.push(f.flagged ? 'i.flagged = 1' : 'i.flagged = 0');
  const otherFilters = w.length > (f.includeMerged ? 0 : 1);
  let fts: FtsClause | null = null;
  if (f.q) {
    fts = ftsClause(f.q);
    if (!fts) return null;
    w.push(`i.n IN (${fts.sql})`);
    p.push(...fts.params);
  }
  return { where: w.length ? `WHERE ${w.join(' AND ')}` : '', params: p, fts, otherFilters };
}

type ListArgs = ListFilter & { offset: number; limit: number; sort?: { col: keyof typeof SORT_COLUMNS; dir: 'asc' | 'desc' }; count: boolean };

/**
 * How a search's page is read (issue 19):
 * - 'matches': from the full-text matches — each looked up, then sorted (few matches);
 * - 'ordered': walking the sort's index in order, each row tested against the matches (collected
 *   once, rowids only), stopping at the page's last row — so a common term no longer looks up
 *   and sorts every one of its thousands of matches.
 */
export type SearchPlan = 'matches' | 'ordered';

/** The page and count statements of a list request (exported so the benchmark can replay them raw). */
export function listQuery(f: ListArgs, plan: SearchPlan = 'matches'): { sql: string; params: unknown[]; countSql: string; countParams: unknown[] } | null {
  const w = whereOf(f);
  if (!w) return null;
  const sort = f.sort ?? { col: 'receivedAt', dir: 'desc' };
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  // Every sort column has an index ending in received_at (and the rowid), so this order is read
  // straight from an index; the tie-breakers make paging stable.
  const keys = sort.col === 'no' ? ['i.n'] : sort.col === 'receivedAt' ? ['i.received_at', 'i.n'] : [SORT_COLUMNS[sort.col], 'i.received_at', 'i.n'];
  const order = `ORDER BY ${keys.map((k) => `${k} ${dir}`).join(', ')}`;
  // '+' keeps the planner from driving the page from the matches' rowids, so it reads the order's index.
  const where = plan === 'ordered' && w.fts ? w.where.replace(`i.n IN (${w.fts.sql})`, `+i.n IN (${w.fts.sql})`) : w.where;
  // Two steps: pick the page's keys first (index only), then build the 100 rows (place names,
  // pending escalations) — so those per-row lookups never run for rows outside the page.
  return {
    sql: `${SELECT} WHERE i.n IN (SELECT i.n FROM incidents i ${where} ${order} LIMIT ? OFFSET ?) ${order}`,
    params: [...w.params, f.limit, f.offset],
    ...countOf(w, !!f.includeMerged),
  };
}

/**
 * The (capped) number of matches, stopping at the cap. A search with no other filter counts in
 * the FTS index itself (rowids only, never a table row), leaving out the few merged records.
 */
function countOf(w: NonNullable<ReturnType<typeof whereOf>>, includeMerged: boolean): { countSql: string; countParams: unknown[] } {
  const one = w.fts?.single;
  if (one && !w.otherFilters) {
    const merged = includeMerged ? '' : ' AND rowid NOT IN (SELECT n FROM incidents WHERE merged_into IS NOT NULL)';
    return { countSql: `SELECT count(*) AS c FROM (SELECT 1 FROM ${one.table} WHERE ${one.table} MATCH ?${merged} LIMIT ${COUNT_CAP + 1})`, countParams: [one.match] };
  }
  return { countSql: `SELECT count(*) AS c FROM (SELECT 1 FROM incidents i ${w.where} LIMIT ${COUNT_CAP + 1})`, countParams: w.params };
}

/** Matches counted for the plan choice stop here: past it the ordered walk always wins. */
const PROBE_CAP = 20_000;

/**
 * Which way to read a search's page. Walking the index in order reaches the page's end after
 * about (offset + limit) × rows / matches rows; reading the matches costs one table lookup each
 * plus the sort, measured ≈4× a step of the walk (tests/bench/suites/search.bench.ts). So the
 * walk wins once 4 × matches² > (offset + limit) × rows.
 */
export function searchPlan(db: DB, f: ListArgs): SearchPlan {
  const w = f.q ? whereOf(f) : null;
  if (!w?.fts) return 'matches';
  const probe = stmt(db, `SELECT count(*) AS c FROM (${w.fts.sql} LIMIT ${PROBE_CAP})`).get(...w.fts.params) as { c: number };
  const rows = (stmt(db, 'SELECT max(n) AS m FROM incidents').get() as { m: number | null }).m ?? 0;
  return 4 * probe.c * probe.c > (f.offset + f.limit) * rows ? 'ordered' : 'matches';
}

export function listIncidents(db: DB, f: ListArgs): { rows: IncidentRow[]; total: number | null } {
  const q = listQuery(f, searchPlan(db, f));
  if (!q) return { rows: [], total: f.count ? 0 : null };
  const rows = stmt(db, q.sql).all(...q.params) as ListedRecord[];
  const total = f.count ? (stmt(db, q.countSql).get(...q.countParams) as { c: number }).c : null;
  return { rows: rows.map(toRow), total };
}

/** Open incidents of the same type and township close in time: offered instead of a new record. */
export function duplicateCandidates(db: DB, q: { at: number; windowMs: number; townshipCode: string | null; classCode: string; typeCode: string }): IncidentRow[] {
  const rows = stmt(db, `${SELECT}
    WHERE i.status <> 'closed' AND i.merged_into IS NULL AND i.received_at BETWEEN ? AND ?
      AND i.class_code = ? AND i.type_code = ? AND (? IS NULL OR i.township_code IS NULL OR i.township_code = ?)
    ORDER BY abs(i.received_at - ?) LIMIT 10`).all(q.at - q.windowMs, q.at + q.windowMs, q.classCode, q.typeCode, q.townshipCode, q.townshipCode, q.at) as ListedRecord[];
  return rows.map(toRow);
}

export function openIncidents(db: DB, limit = 200): IncidentRow[] {
  return (stmt(db, `${SELECT} WHERE i.status <> 'closed' AND i.merged_into IS NULL ORDER BY i.received_at DESC LIMIT ?`).all(limit) as ListedRecord[]).map(toRow);
}

/** Accident records with missing persons, newest first (re-grading when the window closes, standards §2). */
export function incidentsWithMissing(db: DB, limit = 500): IncidentRow[] {
  return (stmt(db, `${SELECT} WHERE i.missing > 0 AND i.merged_into IS NULL ORDER BY i.received_at DESC LIMIT ?`).all(limit) as ListedRecord[]).map(toRow);
}

// ---- settings (config and per-user grid state live in the foundation `settings` table) ----

export const DEFAULT_CONFIG: IncidentsConfig = {
  escalationMinutes: 10,
  duplicateWindowMinutes: 360,
  toleranceMinutes: 10,
  missingWindowDays: MISSING_AS_DEAD.windowDays,
  missingShortWindowDays: MISSING_AS_DEAD.shortWindowDays,
};

export function getSetting<T>(db: DB, key: string): T | null {
  const r = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as T) : null;
}
export function putSetting(db: DB, key: string, value: unknown, now: number): void {
  stmt(db, 'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
    key,
    JSON.stringify(value),
    now,
  );
}
export const getConfig = (db: DB): IncidentsConfig => ({ ...DEFAULT_CONFIG, ...(getSetting<Partial<IncidentsConfig>>(db, 'incidents.config') ?? {}) });
