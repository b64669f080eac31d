import { tryUpdateVersioned } from '../db/versioned';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import {
  DeadlineRule, stageLabel,
  type DueItem, type Obligation, type ReportRow, type ReportsConfig, type ReportStatus, type RuleParams,
  type RuleView, type Stage, type TimelinessRow,
} from '../../contract/reports';
import { DEFAULT_RULES } from './templates';
import { obligations, type Subject } from './deadlines';
import { majorNearMissBy } from '../../contract/incidents';
import { NEAR_MISS } from '../incidents/taxonomy';
import { localMonth } from '../../contract/time';

export interface ChainRecord {
  id: string;
  station_id: string;
  incident_id: string | null;
  template_id: string;
  title: string;
  class_code: string | null;
  grade: string | null;
  disaster_type: string | null;
  received_at: number;
  occurred_at: number | null;
  stabilised_at: number | null;
  daily_mode: number;
  done_at: number | null;
  next_no: number;
  created_at: number;
}

export interface ReportRecord {
  n: number;
  id: string;
  station_id: string;
  chain_id: string;
  incident_id: string | null;
  template_id: string;
  template_version: number;
  kind: string;
  stage: Stage;
  seq: number;
  title: string;
  no: string | null;
  data: string;
  explanation: string | null;
  status: ReportStatus;
  supersedes: string | null;
  superseded_by: string | null;
  correction_reason: string | null;
  return_note: string | null;
  author_id: string;
  author_name: string;
  submitted_at: number | null;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: number | null;
  sent_at: number | null;
  sent_via: ReportRow['sentVia'];
  sent_to: string | null;
  sent_by: string | null;
  sent_by_name: string | null;
  sent_note: string | null;
  outbox_ref: string | null;
  due_at: number | null;
  late: number;
  late_reason: string | null;
  voided_at: number | null;
  voided_by: string | null;
  void_reason: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/* ---------------- chains ---------------- */

export const chainById = (db: DB, id: string) => stmt(db, 'SELECT * FROM report_chains WHERE id = ?').get(id) as ChainRecord | undefined;
export const chainOfIncident = (db: DB, incidentId: string) =>
  stmt(db, 'SELECT * FROM report_chains WHERE incident_id = ?').get(incidentId) as ChainRecord | undefined;

export function insertChain(db: DB, c: Omit<ChainRecord, 'stabilised_at' | 'daily_mode' | 'done_at' | 'next_no'>): ChainRecord {
  stmt(db, `INSERT INTO report_chains (id, station_id, incident_id, template_id, title, class_code, grade, disaster_type, received_at, occurred_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    c.id, c.station_id, c.incident_id, c.template_id, c.title, c.class_code, c.grade, c.disaster_type, c.received_at, c.occurred_at, c.created_at,
  );
  return chainById(db, c.id)!;
}

export function updateChain(db: DB, id: string, set: Partial<Pick<ChainRecord, 'disaster_type' | 'stabilised_at' | 'daily_mode' | 'done_at' | 'occurred_at'>>): void {
  const cols = Object.keys(set);
  if (!cols.length) return;
  stmt(db, `UPDATE report_chains SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => (set as Record<string, unknown>)[c]), id);
}

/* ---------------- reports ---------------- */

export const reportById = (db: DB, id: string) => stmt(db, 'SELECT * FROM reports WHERE id = ?').get(id) as ReportRecord | undefined;

export function insertReport(db: DB, r: Pick<ReportRecord, 'id' | 'station_id' | 'chain_id' | 'incident_id' | 'template_id' | 'template_version' | 'kind' | 'stage' | 'seq' | 'title' | 'data' | 'supersedes' | 'correction_reason' | 'author_id' | 'author_name' | 'created_at'>): void {
  stmt(db, `INSERT INTO reports (id, station_id, chain_id, incident_id, template_id, template_version, kind, stage, seq, title, data, status,
              supersedes, correction_reason, author_id, author_name, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`).run(
    r.id, r.station_id, r.chain_id, r.incident_id, r.template_id, r.template_version, r.kind, r.stage, r.seq, r.title, r.data,
    r.supersedes, r.correction_reason, r.author_id, r.author_name, r.created_at, r.created_at,
  );
}

/** Version-checked update; false when stale. */
export function chainReports(db: DB, chainId: string): ReportRecord[] {
  return stmt(db, 'SELECT * FROM reports WHERE chain_id = ? ORDER BY n').all(chainId) as ReportRecord[];
}

/** Live (not voided) reports of a stage in a chain. */
export function liveOfStage(db: DB, chainId: string, stage: Stage): ReportRecord[] {
  return stmt(db, "SELECT * FROM reports WHERE chain_id = ? AND stage = ? AND status <> 'voided' ORDER BY n").all(chainId, stage) as ReportRecord[];
}

/** The report a new one follows: the latest signed or sent report of the same template before it. */
export function previousOf(db: DB, r: Pick<ReportRecord, 'chain_id' | 'template_id' | 'n'>): ReportRecord | undefined {
  return stmt(db, `SELECT * FROM reports WHERE chain_id = ? AND template_id = ? AND n < ? AND status IN ('signed', 'sent')
                   ORDER BY n DESC LIMIT 1`).get(r.chain_id, r.template_id, r.n) as ReportRecord | undefined;
}

export function nextNumber(db: DB, templateId: string, yearStart: number, yearEnd: number): number {
  return (stmt(db, 'SELECT count(*) n FROM reports WHERE template_id = ? AND no IS NOT NULL AND signed_at >= ? AND signed_at < ?')
    .get(templateId, yearStart, yearEnd) as { n: number }).n + 1;
}

const LIST_COLS = `r.*, i.year AS inc_year, i.seq AS inc_seq`;
type Listed = ReportRecord & { inc_year: number | null; inc_seq: number | null };

export function toReportRow(r: ReportRecord & Partial<Pick<Listed, 'inc_year' | 'inc_seq'>>): ReportRow {
  return {
    id: r.id,
    chainId: r.chain_id,
    incidentId: r.incident_id,
    incidentNo: r.inc_year ? `${r.inc_year}-${String(r.inc_seq).padStart(5, '0')}` : null,
    templateId: r.template_id,
    templateVersion: r.template_version,
    kind: r.kind,
    stage: r.stage,
    seq: r.seq,
    stageLabel: stageLabel(r.stage, r.seq),
    title: r.title,
    no: r.no,
    status: r.status,
    authorId: r.author_id,
    authorName: r.author_name,
    submittedAt: r.submitted_at,
    signedByName: r.signed_by_name,
    signedAt: r.signed_at,
    sentAt: r.sent_at,
    sentVia: r.sent_via,
    sentTo: r.sent_to,
    sentByName: r.sent_by_name,
    dueAt: r.due_at,
    late: r.late === 1,
    lateReason: r.late_reason,
    supersedes: r.supersedes,
    supersededBy: r.superseded_by,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function rowWithIncident(db: DB, id: string): ReportRow | null {
  const r = stmt(db, `SELECT ${LIST_COLS} FROM reports r LEFT JOIN incidents i ON i.id = r.incident_id WHERE r.id = ?`).get(id) as Listed | undefined;
  return r ? toReportRow(r) : null;
}

export interface ListQuery {
  status?: ReportStatus[];
  stage?: Stage;
  incidentId?: string;
  chainId?: string;
  awaitingSignature?: boolean;
  from?: number;
  to?: number;
  offset: number;
  limit: number;
}

/** Newest first; every filter is served by an index (reports_status, reports_stage, reports_chain, reports_created). */
export function listReports(db: DB, q: ListQuery, excludeAuthor?: string): { rows: ReportRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (w: string, ...p: unknown[]) => {
    where.push(w);
    params.push(...p);
  };
  if (q.awaitingSignature) {
    where.push("r.status = 'submitted'");
    if (excludeAuthor) add('r.author_id <> ?', excludeAuthor);
  }
  if (q.status?.length) add(`r.status IN (${q.status.map(() => '?').join(',')})`, ...q.status);
  if (q.stage) add('r.stage = ?', q.stage);
  if (q.incidentId) add('r.incident_id = ?', q.incidentId);
  if (q.chainId) add('r.chain_id = ?', q.chainId);
  if (q.from !== undefined) add('r.created_at >= ?', q.from);
  if (q.to !== undefined) add('r.created_at < ?', q.to);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = stmt(db, `SELECT ${LIST_COLS} FROM reports r LEFT JOIN incidents i ON i.id = r.incident_id ${w}
                         ORDER BY r.created_at DESC, r.n DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Listed[];
  const total = (stmt(db, `SELECT count(*) n FROM reports r ${w}`).get(...params) as { n: number }).n;
  return { rows: rows.map(toReportRow), total };
}

/* ---------------- sends and timeliness ---------------- */

export function insertSend(db: DB, s: { id: string; stationId: string; reportId: string; chainId: string; stage: Stage; seq: number; via: string; recipient: string; sentAt: number; note: string | null; outboxRef: string | null; late: boolean; lateReason: string | null; byId: string; byName: string; now: number; backdateReason?: string | null }): void {
  stmt(db, `INSERT INTO report_sends (id, station_id, report_id, chain_id, stage, seq, via, recipient, sent_at, note, outbox_ref, late, late_reason, by_id, by_name, created_at, backdate_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    s.id, s.stationId, s.reportId, s.chainId, s.stage, s.seq, s.via, s.recipient, s.sentAt, s.note, s.outboxRef, s.late ? 1 : 0, s.lateReason, s.byId, s.byName, s.now,
    s.backdateReason ?? null,
  );
}

export function sendsOf(db: DB, reportId: string): { via: string; recipient: string; sentAt: number; byName: string; late: number; lateReason: string | null; backdateReason: string | null; createdAt: number }[] {
  return stmt(db, `SELECT via, recipient, sent_at AS sentAt, by_name AS byName, late, late_reason AS lateReason, backdate_reason AS backdateReason, created_at AS createdAt
                   FROM report_sends WHERE report_id = ? ORDER BY sent_at`).all(reportId) as never;
}

export function insertTimeliness(db: DB, t: { id: string; stationId: string; chainId: string; incidentId: string | null; reportId: string; o: Obligation; metAt: number; reason: string | null; byId: string; byName: string; now: number }): void {
  const late = t.metAt > t.o.dueAt;
  stmt(db, `INSERT INTO report_timeliness (id, station_id, chain_id, incident_id, report_id, rule_id, stage, seq, channel, due_at, met_at, late, reason,
              reason_by, reason_by_name, reason_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    t.id, t.stationId, t.chainId, t.incidentId, t.reportId, t.o.ruleId, t.o.stage, t.o.seq, t.o.channel, t.o.dueAt, t.metAt, late ? 1 : 0,
    late ? t.reason : null, late ? t.byId : null, late ? t.byName : null, late ? t.now : null, t.now,
  );
}

/* ---------------- rules and config ---------------- */

interface OverrideRecord { rule_id: string; enabled: number | null; params: string | null; note: string | null; version: number }

export function ruleViews(db: DB): RuleView[] {
  const ov = new Map((stmt(db, 'SELECT * FROM report_rule_overrides').all() as OverrideRecord[]).map((o) => [o.rule_id, o]));
  return DEFAULT_RULES.map((r) => {
    const o = ov.get(r.id);
    const params: RuleParams = o?.params ? { ...r.params, ...(JSON.parse(o.params) as RuleParams) } : r.params;
    const enabled = o && o.enabled !== null ? o.enabled === 1 : r.enabled;
    return {
      ...r,
      enabled,
      params,
      defaults: { enabled: r.enabled, params: r.params },
      overridden: !!o && (o.enabled !== null || o.params !== null),
      overrideNote: o?.note ?? null,
      version: o?.version ?? 0,
    };
  });
}

/** The rule set in force at this station: national defaults with the station's overrides. */
export function effectiveRules(db: DB): DeadlineRule[] {
  return ruleViews(db).map(({ defaults: _d, overridden: _o, overrideNote: _n, version: _v, ...r }) => r);
}

export function upsertOverride(db: DB, o: { ruleId: string; stationId: string; enabled: boolean | null; params: RuleParams | null; note: string | null; by: string; now: number; version: number }): boolean {
  const cur = stmt(db, 'SELECT version FROM report_rule_overrides WHERE rule_id = ?').get(o.ruleId) as { version: number } | undefined;
  if ((cur?.version ?? 0) !== o.version) return false;
  if (!cur) {
    stmt(db, `INSERT INTO report_rule_overrides (rule_id, station_id, enabled, params, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(o.ruleId, o.stationId, o.enabled === null ? null : o.enabled ? 1 : 0, o.params ? JSON.stringify(o.params) : null, o.note, o.by, o.now);
  } else {
    const set = { enabled: o.enabled === null ? null : o.enabled ? 1 : 0, params: o.params ? JSON.stringify(o.params) : null, note: o.note, updated_by: o.by };
    return tryUpdateVersioned(db, 'report_rule_overrides', { rule_id: o.ruleId }, o.version, set, o.now);
  }
  return true;
}

export const DEFAULT_CONFIG: ReportsConfig = { sharpChangeThreshold: 0.5, alertLeadMinutes: [60, 15], boardHorizonHours: 6, unitName: null, contactPhone: null };
export function getConfig(db: DB): ReportsConfig {
  const r = stmt(db, "SELECT value FROM settings WHERE key = 'reports.config'").get() as { value: string } | undefined;
  return { ...DEFAULT_CONFIG, ...(r ? (JSON.parse(r.value) as Partial<ReportsConfig>) : {}) };
}
export function putConfig(db: DB, c: ReportsConfig, now: number): void {
  stmt(db, `INSERT INTO settings (key, value, updated_at) VALUES ('reports.config', ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(JSON.stringify(c), now);
}

/* ---------------- deadline subjects ---------------- */

interface SubjectRow {
  chain_id: string;
  incident_id: string | null;
  title: string;
  class_code: string | null;
  type_code: string | null;
  accident_type: string | null;
  industry: string | null;
  dead: number | null;
  trapped: number | null;
  missing: number | null;
  evacuated: number | null;
  endangered: number | null;
  serious_pollution: number | null;
  key_site_threat: number | null;
  grade: Subject['grade'];
  disaster_type: string | null;
  received_at: number;
  occurred_at: number | null;
  closed_at: number | null;
  daily_mode: number;
  cas: number | null;
}

const CHAIN_SUBJECTS = `
  SELECT c.id AS chain_id, c.incident_id, c.title,
         COALESCE(i.class_code, c.class_code) AS class_code, i.type_code, i.accident_type, i.industry, i.dead, i.trapped, i.missing, i.evacuated, i.endangered, i.serious_pollution, i.key_site_threat,
         COALESCE(i.grade, c.grade) AS grade, c.disaster_type,
         COALESCE(i.received_at, c.received_at) AS received_at, COALESCE(i.occurred_at, c.occurred_at) AS occurred_at,
         COALESCE(c.stabilised_at, i.closed_at) AS closed_at, c.daily_mode,
         (SELECT max(e.at) FROM incident_entries e INDEXED BY report_incident_casualty WHERE e.incident_id = c.incident_id AND e.kind = 'casualty') AS cas
  FROM report_chains c LEFT JOIN incidents i ON i.id = c.incident_id`;

/** Open incidents that have no reporting chain yet: their 初报 is due. */
const UNCHAINED = `
  SELECT i.id AS chain_id, i.id AS incident_id, i.summary AS title, i.class_code, i.type_code, i.accident_type, i.industry, i.grade,
         i.dead, i.trapped, i.missing, i.evacuated, i.endangered, i.serious_pollution, i.key_site_threat,
         NULL AS disaster_type, i.received_at, i.occurred_at, i.closed_at, 0 AS daily_mode, NULL AS cas
  FROM incidents i
  WHERE i.status <> 'closed' AND i.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM report_chains c WHERE c.incident_id = i.id)`;

/**
 * Closed incidents received recently that never got a report (漏报): their 初报 deadline stays
 * open and overdue, so the omission is visible in the due list and the register.
 */
const UNCHAINED_CLOSED = `
  SELECT i.id AS chain_id, i.id AS incident_id, i.summary AS title, i.class_code, i.type_code, i.accident_type, i.industry, i.grade,
         i.dead, i.trapped, i.missing, i.evacuated, i.endangered, i.serious_pollution, i.key_site_threat,
         NULL AS disaster_type, i.received_at, i.occurred_at, i.closed_at, 0 AS daily_mode, NULL AS cas
  FROM incidents i
  WHERE i.received_at >= ? AND i.status = 'closed' AND i.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM report_chains c WHERE c.incident_id = i.id)`;
export const OMISSION_WINDOW_MS = 30 * 86_400_000;

function toSubject(r: SubjectRow, sent: Subject['sent']): Subject {
  return {
    classCode: r.class_code,
    typeCode: r.type_code,
    accidentType: r.accident_type,
    industry: r.industry,
    nearMiss: r.class_code === '2' && r.trapped !== null && majorNearMissBy(NEAR_MISS, {
      casualties: { trapped: r.trapped, missing: r.missing ?? 0, evacuated: r.evacuated ?? 0 },
      endangered: r.endangered, seriousPollution: r.serious_pollution === 1, keySiteThreat: r.key_site_threat === 1,
    }).length > 0,
    deadAndMissing: (r.dead ?? 0) + (r.missing ?? 0),
    grade: r.grade,
    disasterType: r.disaster_type,
    receivedAt: r.received_at,
    occurredAt: r.occurred_at,
    closedAt: r.closed_at,
    casualtyChangedAt: r.cas,
    dailyMode: r.daily_mode === 1,
    sent,
  };
}

const SENDS_OF_CHAIN = `SELECT stage, seq, sent_at AS sentAt, via FROM report_sends WHERE chain_id = ?`;

export function subjectOfChain(db: DB, chainId: string): Subject | null {
  const r = stmt(db, `${CHAIN_SUBJECTS} WHERE c.id = ?`).get(chainId) as SubjectRow | undefined;
  if (!r) return null;
  return toSubject(r, stmt(db, SENDS_OF_CHAIN).all(chainId) as Subject['sent']);
}

/** The subject of an incident that has no chain yet (or its chain). */
export function subjectOfIncident(db: DB, incidentId: string): { chainId: string; s: Subject } | null {
  const c = chainOfIncident(db, incidentId);
  if (c) return { chainId: c.id, s: subjectOfChain(db, c.id)! };
  const r = stmt(db, UNCHAINED.replace("WHERE i.status <> 'closed' AND", 'WHERE i.id = ? AND')).get(incidentId) as SubjectRow | undefined;
  return r ? { chainId: incidentId, s: toSubject(r, []) } : null;
}

/**
 * Next due stage and time of every open reporting chain and every open incident without one:
 * two indexed scans (open chains, open incidents) and one pass over their sends.
 */
export function dueItems(db: DB, rules: DeadlineRule[], tz: string, now?: number): DueItem[] {
  const rows = [
    ...(stmt(db, `${CHAIN_SUBJECTS} WHERE c.done_at IS NULL`).all() as SubjectRow[]),
    ...(stmt(db, UNCHAINED).all() as SubjectRow[]),
    ...(now === undefined ? [] : (stmt(db, UNCHAINED_CLOSED).all(now - OMISSION_WINDOW_MS) as SubjectRow[])),
  ];
  const sends = new Map<string, Subject['sent']>();
  for (const s of stmt(db, `SELECT s.chain_id, s.stage, s.seq, s.sent_at AS sentAt, s.via FROM report_chains c
                            JOIN report_sends s ON s.chain_id = c.id WHERE c.done_at IS NULL`).all() as (Subject['sent'][number] & { chain_id: string })[]) {
    let l = sends.get(s.chain_id);
    if (!l) sends.set(s.chain_id, (l = []));
    l.push({ stage: s.stage, seq: s.seq, sentAt: s.sentAt, via: s.via });
  }
  const out: DueItem[] = [];
  for (const r of rows) {
    const open = obligations(rules, toSubject(r, sends.get(r.chain_id) ?? []), tz);
    out.push({ chainId: r.chain_id, incidentId: r.incident_id, title: r.title, grade: r.grade, next: open[0] ?? null, open, overdue: false });
  }
  return out;
}

/* ---------------- register ---------------- */

interface TimelinessRecord {
  id: string; chain_id: string; incident_id: string | null; report_id: string | null; rule_id: string; stage: Stage; seq: number;
  due_at: number; met_at: number; late: number; reason: string | null; reason_by_name: string | null; title: string; chain_incident_id: string | null;
}

export function timelinessBetween(db: DB, from: number, to: number): TimelinessRecord[] {
  return stmt(db, `SELECT t.*, c.title, c.incident_id AS chain_incident_id FROM report_timeliness t JOIN report_chains c ON c.id = t.chain_id
                   WHERE t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at`).all(from, to) as TimelinessRecord[];
}

/** Only what the year summary counts (served by the covering index report_timeliness_register). */
export function timelinessCounts(db: DB, from: number, to: number): { due_at: number; stage: Stage; late: number }[] {
  return stmt(db, 'SELECT due_at, stage, late FROM report_timeliness WHERE due_at >= ? AND due_at < ?').all(from, to) as never;
}

export const toTimelinessRow = (t: TimelinessRecord): TimelinessRow => ({
  id: t.id,
  chainId: t.chain_id,
  incidentId: t.incident_id,
  reportId: t.report_id,
  ruleId: t.rule_id,
  stage: t.stage,
  seq: t.seq,
  stageLabel: stageLabel(t.stage, t.seq),
  title: t.title,
  dueAt: t.due_at,
  metAt: t.met_at,
  late: t.late === 1,
  reason: t.reason,
  reasonByName: t.reason_by_name,
});

export { localMonth };

/** Submitted reports waiting for a signature, oldest first (the leader's queue). */
export function awaitingSignature(db: DB): ReportRecord[] {
  return stmt(db, "SELECT * FROM reports WHERE status = 'submitted' ORDER BY submitted_at LIMIT 200").all() as ReportRecord[];
}
