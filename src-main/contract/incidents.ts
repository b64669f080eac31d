import { z } from 'zod';
import { query, mutation } from './method';
import { ADMINS, DUTY_STAFF, EVERY_ROLE } from './roles';
import { Empty, EpochMs, Id, Version, optText, text } from './common';

/**
 * Who may acknowledge a leader-attention item in the app as the informed leader (an operator records
 * a phone acknowledgement instead). The dispatcher's handler and the renderer both ask this.
 */
export const mayAckInApp = (user: { roles: readonly string[] } | null | undefined): boolean => !!user?.roles.includes('leader');

/** Where a call came from (接报来源). */
export const SOURCES = ['phone', 'hotline12350', 'transfer110', 'transfer119', 'transfer120', 'superior', 'township', 'media', 'other'] as const;
export const Source = z.enum(SOURCES);
export type Source = z.infer<typeof Source>;

/** Ⅰ 特别重大 … Ⅳ 一般 (standards §2). */
export const GRADES = ['I', 'II', 'III', 'IV'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const STATUSES = ['received', 'handling', 'closed'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** Entries a person adds to the timeline; the others are written by the system (status, grade, …). */
export const USER_ENTRY_KINDS = ['followup', 'action', 'instruction', 'dispatch'] as const;
export const ENTRY_KINDS = [
  'intake', ...USER_ENTRY_KINDS, 'casualty', 'correction', 'status', 'grade', 'flag', 'ack', 'merge', 'attachment',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const Count = z.number().int().min(0).max(1_000_000);
export const Casualties = z.object({
  dead: Count.default(0),
  injured: Count.default(0),
  /** Of the injured: serious injuries incl. acute industrial poisoning (standards §2). */
  serious: Count.default(0),
  missing: Count.default(0),
  trapped: Count.default(0),
  evacuated: Count.default(0),
}).strict();
export type Casualties = z.output<typeof Casualties>;

const Township = z.string().regex(/^\d{9}$/, { message: 'placeCode' });
const Village = z.string().regex(/^\d{12}$/, { message: 'placeCode' });
const Code = z.string().trim().min(1).max(40);
/** Estimated direct economic loss in CNY (yuan); the form takes 万元. */
const Money = z.number().int().min(0).max(10_000_000_000_000);

/** Every field of a call, as the intake form sends it. */
export const IncidentFields = z.object({
  receivedAt: EpochMs.optional(),
  occurredAt: EpochMs.nullable().optional(),
  source: Source,
  callerUnit: optText(100),
  callerName: optText(50),
  callerTitle: optText(50),
  callerPhone: optText(40),
  townshipCode: Township.nullable().optional(),
  villageCode: Village.nullable().optional(),
  placeText: optText(200),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  classCode: Code,
  typeCode: Code,
  accidentType: Code.nullable().optional(),
  industry: Code.nullable().optional(),
  summary: text(4000),
  casualties: Casualties.default({ dead: 0, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 }),
  directLoss: Money.nullable().optional(),
  measures: optText(2000),
  informed: optText(500),
  trend: optText(1000),
  /** Phone-record elements (standards §6): cause, result, impact. */
  cause: optText(1000),
  result: optText(1000),
  impact: optText(1000),
  /** 较大涉险 criteria besides the casualty counts (standards §1, Decree 21). */
  endangered: Count.optional(),
  seriousPollution: z.boolean().optional(),
  keySiteThreat: z.boolean().optional(),
});

/** Fields a correction may change (a new timeline entry records old → new). */
export const CORRECTABLE = [
  'occurredAt', 'source', 'callerUnit', 'callerName', 'callerTitle', 'callerPhone', 'townshipCode', 'villageCode', 'placeText',
  'lat', 'lng', 'classCode', 'typeCode', 'accidentType', 'industry', 'summary', 'casualties', 'directLoss', 'measures', 'informed', 'trend',
  'cause', 'result', 'impact', 'endangered', 'seriousPollution', 'keySiteThreat',
] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

export const ListSort = z.object({
  col: z.enum(['receivedAt', 'occurredAt', 'grade', 'status', 'township', 'no']),
  dir: z.enum(['asc', 'desc']),
});
export const ListFilter = z.object({
  from: EpochMs.optional(),
  to: EpochMs.optional(),
  classCode: Code.optional(),
  typeCode: Code.optional(),
  grade: z.array(Grade).max(4).optional(),
  townshipCode: Township.optional(),
  status: z.array(Status).max(3).optional(),
  flagged: z.boolean().optional(),
  includeMerged: z.boolean().optional(),
  /** Full text over summaries and timeline (Chinese: 1–2 characters use the bigram index, 3+ the trigram index). */
  q: z.string().trim().max(100).optional(),
}).strict();
export type ListFilter = z.output<typeof ListFilter>;

export const ListInput = ListFilter.extend({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  sort: ListSort.optional(),
  /** Count the matches (capped): the grid asks for it with the first block only. */
  count: z.boolean().default(false),
}).strict();

export interface IncidentRow {
  id: string;
  no: string;
  receivedAt: number;
  occurredAt: number | null;
  source: Source;
  callerUnit: string | null;
  callerName: string | null;
  callerTitle: string | null;
  callerPhone: string | null;
  townshipCode: string | null;
  townshipName: string | null;
  villageCode: string | null;
  villageName: string | null;
  placeText: string | null;
  lat: number | null;
  lng: number | null;
  classCode: string;
  typeCode: string;
  accidentType: string | null;
  industry: string | null;
  summary: string;
  casualties: Casualties;
  directLoss: number | null;
  measures: string | null;
  informed: string | null;
  trend: string | null;
  cause: string | null;
  result: string | null;
  impact: string | null;
  endangered: number;
  seriousPollution: boolean;
  keySiteThreat: boolean;
  /** 较大涉险事故 (standards §1, Decree 21): the criteria it meets; empty when it is not one. */
  majorNearMiss: NearMissBy[];
  grade: Grade | null;
  gradeSuggested: Grade | null;
  gradeOverridden: boolean;
  status: Status;
  flagged: boolean;
  mergedInto: string | null;
  /** Unacknowledged escalations: how many, and the earliest deadline. */
  pendingAttention: number;
  attentionDueAt: number | null;
  createdBy: string;
  createdByName: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface IncidentEntry {
  id: string;
  incidentId: string;
  kind: EntryKind;
  /** When it happened (a follow-up call may be recorded after the fact). */
  at: number;
  body: string;
  /** Structured part: field changes `{ changes: { field: [old, new] } }`, grade/status moves, … */
  data: Record<string, unknown> | null;
  authorId: string;
  authorName: string;
  createdAt: number;
}

export interface AttentionItem {
  id: string;
  incidentId: string;
  incidentNo: string;
  incidentSummary: string;
  entryId: string | null;
  reason: string;
  raisedBy: string;
  raisedByName: string;
  raisedAt: number;
  dueAt: number;
  ackedAt: number | null;
  ackedByName: string | null;
  ackVia: 'app' | 'phone' | null;
  leaderName: string | null;
  ackNote: string | null;
}

export interface AttachmentRow {
  id: string;
  incidentId: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  thumb: string | null;
  createdByName: string;
  createdAt: number;
}

export interface IncidentDetail extends IncidentRow {
  entries: IncidentEntry[];
  attention: AttentionItem[];
  attachments: AttachmentRow[];
  /** Records merged into this one (kept whole; their entries appear in `entries`). */
  merged: { id: string; no: string; summary: string }[];
  /** The grade if the missing were confirmed dead, and whether their window has closed (re-grade due). */
  missingGrade: (MissingGrade & { regradeDue: boolean }) | null;
}

export interface IncidentPage {
  rows: IncidentRow[];
  /** Number of matches when asked (`count`), capped at `countCap`. */
  total: number | null;
  countCap: number;
}

export interface TaxonomyItem {
  code: string;
  name: string;
  en: string;
}
export interface SeverityThreshold {
  grade: Grade;
  deathsAtLeast: number;
  seriousAtLeast: number;
  directLossAtLeast: number;
}
export interface IncidentsConfig {
  /** The leader on duty must be informed within this many minutes (standards §6, default 10). */
  escalationMinutes: number;
  /** A new call this close in time to an open incident of the same place and type is offered as a duplicate. */
  duplicateWindowMinutes: number;
  /** How far occurred-at may lie after received-at / now (clock drift). */
  toleranceMinutes: number;
  /** Missing persons count as dead after this many days (standards §2, UNCONFIRMED: a station setting). */
  missingWindowDays: number;
  /** … for road traffic and fire. */
  missingShortWindowDays: number;
}
export interface Taxonomy {
  /** Each type may carry everyday words a caller uses for it (滑坡 → 地质灾害), matched by the intake form. */
  classes: (TaxonomyItem & { accident: boolean; types: (TaxonomyItem & { words?: string[] })[] })[];
  accidentTypes: TaxonomyItem[];
  industries: TaxonomyItem[];
  grades: TaxonomyItem[];
  accidentThresholds: SeverityThreshold[];
  missingRule: MissingAsDeadRule;
  nearMiss: NearMissCriteria;
  config: IncidentsConfig;
}

export interface GradeSuggestion {
  grade: Grade;
  /** Which criteria reached the grade: 'deaths' | 'serious' | 'directLoss'. */
  by: ('deaths' | 'serious' | 'directLoss')[];
}

/**
 * Decree 493 Art. 3 (standards §2): each criterion gives a grade, the highest wins;
 * "以上" includes the threshold. Pure, so the intake form shows the same suggestion as the server.
 */
export function suggestAccidentGrade(
  thresholds: readonly SeverityThreshold[],
  c: { dead: number; serious: number },
  directLoss: number | null | undefined,
): GradeSuggestion {
  for (const t of thresholds) {
    const by: GradeSuggestion['by'] = [];
    if (c.dead >= t.deathsAtLeast) by.push('deaths');
    if (c.serious >= t.seriousAtLeast) by.push('serious');
    if ((directLoss ?? 0) >= t.directLossAtLeast) by.push('directLoss');
    if (by.length) return { grade: t.grade, by };
  }
  return { grade: 'IV', by: [] };
}

/** 较大涉险事故 thresholds (standards §1, Decree 21; resources/taxonomy/severity.json). */
export interface NearMissCriteria {
  endangeredAtLeast: number;
  trappedOrMissingAtLeast: number;
  evacuatedAtLeast: number;
  source: string;
}
export const NEAR_MISS_BY = ['endangered', 'trappedOrMissing', 'evacuated', 'pollution', 'keySite'] as const;
export type NearMissBy = (typeof NEAR_MISS_BY)[number];

/**
 * 较大涉险事故 (standards §1, Decree 21): an accident with ≥10 people endangered, ≥3 trapped or
 * missing, ≥500 evacuated, serious pollution, or a threat to key sites. Returns the criteria met.
 */
export function majorNearMissBy(
  c: NearMissCriteria,
  i: { casualties: { trapped: number; missing: number; evacuated: number }; endangered?: number | null; seriousPollution?: boolean | null; keySiteThreat?: boolean | null },
): NearMissBy[] {
  const by: NearMissBy[] = [];
  if ((i.endangered ?? 0) >= c.endangeredAtLeast) by.push('endangered');
  if (i.casualties.trapped + i.casualties.missing >= c.trappedOrMissingAtLeast) by.push('trappedOrMissing');
  if (i.casualties.evacuated >= c.evacuatedAtLeast) by.push('evacuated');
  if (i.seriousPollution) by.push('pollution');
  if (i.keySiteThreat) by.push('keySite');
  return by;
}

/**
 * Missing persons count as dead once the window after the accident closes: 30 days, road traffic
 * and fire 7 (standards §2; the original text is UNCONFIRMED, so the days are station settings).
 */
export interface MissingAsDeadRule {
  windowDays: number;
  shortWindowDays: number;
  /** Industry sectors with the short window (道路运输, 消防火灾). */
  shortIndustries: string[];
  /** Accident types (GB 6441) with the short window (08 火灾). */
  shortAccidentTypes: string[];
  unconfirmed: boolean;
  source: string;
}

/** What the grading needs of a record. */
export interface GradingInput {
  classCode: string;
  accidentType?: string | null;
  industry?: string | null;
  occurredAt?: number | null;
  receivedAt: number;
  casualties: { dead: number; serious: number; missing: number };
  directLoss?: number | null;
}

export interface MissingGrade {
  /** The grade if every missing person were confirmed dead (only when it is higher than without). */
  grade: Grade;
  missing: number;
  /** When the window closes and the missing count as dead: the incident is then to be re-graded. */
  windowEndsAt: number;
  windowDays: number;
  unconfirmed: boolean;
}

const DAY_MS = 86_400_000;
const RANK: Record<Grade, number> = { I: 1, II: 2, III: 3, IV: 4 };
/** true when grade a is more serious than b. */
export const graver = (a: Grade, b: Grade | null | undefined) => RANK[a] < RANK[b ?? 'IV'];

/** The window (days) after which missing persons count as dead for this record (standards §2). */
export function missingWindowDays(rule: MissingAsDeadRule, i: Pick<GradingInput, 'accidentType' | 'industry'>): number {
  const short = (i.accidentType != null && rule.shortAccidentTypes.includes(i.accidentType)) || (i.industry != null && rule.shortIndustries.includes(i.industry));
  return short ? rule.shortWindowDays : rule.windowDays;
}

/**
 * The grade an accident would have if its missing were confirmed dead (standards §2, Decree 493
 * Art. 3 with missing counted as dead): null when nobody is missing, or it changes nothing.
 */
export function gradeIfMissingDead(thresholds: readonly SeverityThreshold[], rule: MissingAsDeadRule, i: GradingInput): MissingGrade | null {
  const m = i.casualties.missing;
  if (!m) return null;
  const now = suggestAccidentGrade(thresholds, i.casualties, i.directLoss).grade;
  const ifDead = suggestAccidentGrade(thresholds, { dead: i.casualties.dead + m, serious: i.casualties.serious }, i.directLoss).grade;
  if (!graver(ifDead, now)) return null;
  const windowDays = missingWindowDays(rule, i);
  return { grade: ifDead, missing: m, windowEndsAt: (i.occurredAt ?? i.receivedAt) + windowDays * DAY_MS, windowDays, unconfirmed: rule.unconfirmed };
}

const Reason = text(500);

/** AG Grid column state (colId, width, hide, sort, …): flat objects of plain values. */
const GridState = z.array(z.record(z.string().max(40), z.union([z.string().max(100), z.number(), z.boolean(), z.null()]))).max(60);
export type GridColumnState = Record<string, string | number | boolean | null>;

export const incidentsMethods = {
  'incidents.taxonomy': query<Taxonomy>('authenticated')(Empty),
  'incidents.create': mutation<IncidentDetail>(DUTY_STAFF)(
    IncidentFields.extend({
      grade: Grade.optional(),
      gradeReason: optText(500),
      flagged: z.boolean().optional(),
      flagReason: optText(500),
    }).strict(),
  ),
  'incidents.get': query<IncidentDetail>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'incidents.list': query<IncidentPage>(EVERY_ROLE)(ListInput),
  'incidents.duplicates': query<IncidentRow[]>(EVERY_ROLE)(
    z.object({
      receivedAt: EpochMs.optional(),
      occurredAt: EpochMs.nullable().optional(),
      townshipCode: Township.nullable().optional(),
      classCode: Code,
      typeCode: Code,
    }).strict(),
  ),
  'incidents.addEntry': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      kind: z.enum(USER_ENTRY_KINDS),
      at: EpochMs.optional(),
      body: text(4000),
      flag: z.boolean().optional(),
    }).strict(),
  ),
  'incidents.correct': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, changes: IncidentFields.omit({ receivedAt: true, casualties: true }).partial().extend({ casualties: Casualties.optional() }).strict(), reason: text(500) }).strict(),
  ),
  'incidents.setGrade': mutation<IncidentDetail>(DUTY_STAFF)(z.object({ id: Id, version: Version, grade: Grade, reason: Reason }).strict()),
  'incidents.setStatus': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, status: Status, reason: optText(500) }).strict(),
  ),
  'incidents.flag': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({ id: Id, entryId: Id.optional(), reason: Reason }).strict(),
  ),
  'incidents.ack': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({
      attentionId: Id,
      via: z.enum(['app', 'phone']),
      /** Who was informed, when an operator records a phone acknowledgement. */
      leaderName: optText(50),
      note: optText(500),
    }).strict(),
  ),
  'incidents.queue': query<AttentionItem[]>(EVERY_ROLE)(z.object({ overdueOnly: z.boolean().optional() }).strict()),
  'incidents.merge': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, intoId: Id, reason: Reason }).strict(),
  ),
  /** Chunked upload (≤ 512 KiB raw per chunk) so no call exceeds the 1 MiB body limit. */
  'incidents.uploadChunk': query<{ received: number }>(DUTY_STAFF)(
    z.object({ uploadId: Id, offset: z.number().int().min(0), data: z.string().max(700_000) }).strict(),
  ),
  'incidents.attach': mutation<IncidentDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      uploadId: Id,
      name: text(200),
      mime: z.string().max(100),
      size: z.number().int().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** Image thumbnail made in the renderer (data:image/jpeg;base64,…). */
      thumb: z.string().max(80_000).regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/).optional(),
    }).strict(),
  ),
  /** Attachments are never deleted: voiding hides one and records who, when and why. */
  'incidents.voidAttachment': mutation<IncidentDetail>(DUTY_STAFF)(z.object({ id: Id, reason: Reason }).strict()),
  'incidents.attachment': query<{ name: string; mime: string; size: number; data: string }>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'incidents.export': query<{ fileName: string; data: string; rows: number }>(EVERY_ROLE)(ListFilter.extend({ sort: ListSort.optional() }).strict()),
  'incidents.gridState': query<{ state: GridColumnState[] | null }>('authenticated')(Empty),
  'incidents.saveGridState': mutation<{ state: GridColumnState[] | null }>('authenticated')(z.object({ state: GridState.nullable() }).strict()),
  'incidents.setConfig': mutation<IncidentsConfig>(ADMINS)(
    z.object({
      escalationMinutes: z.number().int().min(1).max(240).optional(),
      duplicateWindowMinutes: z.number().int().min(5).max(24 * 60).optional(),
      toleranceMinutes: z.number().int().min(0).max(120).optional(),
      missingWindowDays: z.number().int().min(1).max(365).optional(),
      missingShortWindowDays: z.number().int().min(1).max(365).optional(),
    }).strict(),
  ),
};
