import { z } from 'zod';
import { query, mutation } from './method';
import { DUTY_STAFF, EVERY_ROLE, MANAGERS } from './roles';
import { EpochMs, Id, Version, optText, text } from './common';
import { LocalMonth } from './time';

/* ------------------------------------------------------------------------------------------
 * Form templates (resources/reports/*.json). Pure data: a province's variant is a data change.
 * The schema is here so the renderer renders and validates with the same definitions as main.
 * ------------------------------------------------------------------------------------------ */

export const FIELD_TYPES = ['text', 'textarea', 'integer', 'decimal', 'datetime', 'select', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const STAGES = ['initial', 'followup', 'final', 'verified', 'daily'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const TEMPLATE_KINDS = ['event', 'accident', 'disaster', 'daily'] as const;

/** Where a prefilled value comes from in the incident record. */
export const PREFILL_KEYS = [
  'occurredAt', 'receivedAt', 'place', 'township', 'eventType', 'grade', 'summary', 'dead', 'injured', 'serious', 'missing',
  'trapped', 'evacuated', 'directLossWan', 'measures', 'caller', 'informed', 'trend', 'accidentType', 'industry',
] as const;

const Label = z.string().min(1).max(100);
export const TemplateField = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: Label,
  labelEn: Label,
  type: z.string(),
  unit: z.string().max(10).optional(),
  /** true, or the stages in which the field is required. */
  required: z.union([z.boolean(), z.array(Stage)]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  maxLength: z.number().int().min(1).max(20000).optional(),
  options: z.array(z.object({ value: z.string(), label: Label, labelEn: Label })).optional(),
  prefill: z.enum(PREFILL_KEYS).optional(),
  /** A 续报 always carries this field (e.g. 新进展), whether it changed or not. */
  always: z.boolean().optional(),
  /** Only shown / exported in these stages. */
  stages: z.array(Stage).optional(),
}).strict();
export type TemplateField = z.infer<typeof TemplateField> & { type: FieldType };

export const ConsistencyRule = z.discriminatedUnion('type', [
  /** sum(parts) = total (applies when any part is filled unless `always`). */
  z.object({ id: z.string(), type: z.literal('sumEquals'), parts: z.array(z.string()).min(1), total: z.string(), always: z.boolean().optional(), source: z.string() }).strict(),
  /** sum(left) ≤ right. */
  z.object({ id: z.string(), type: z.literal('lte'), left: z.array(z.string()).min(1), right: z.string(), source: z.string() }).strict(),
]);
export type ConsistencyRule = z.infer<typeof ConsistencyRule>;

export const ReportTemplate = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  kind: z.enum(TEMPLATE_KINDS),
  title: Label,
  titleEn: Label,
  /** Which incident classes the template is offered for (empty = standalone allowed). */
  classes: z.array(z.string()).default([]),
  standalone: z.boolean().default(false),
  stages: z.array(Stage).min(1),
  /** `paperTitle`: the heading as printed, where the form's wording (the regulation's) is too long for a one-page 初报. */
  sections: z.array(z.object({ id: z.string(), title: Label, titleEn: Label, paperTitle: Label.optional(), fields: z.array(TemplateField).min(1) }).strict()).min(1),
  /** Statistical unit rows (the township is the unit, standards §3): these fields are per township, totals are sums. */
  breakdown: z.object({ by: z.literal('township'), fields: z.array(z.string()).min(1) }).strict().optional(),
  rules: z.array(ConsistencyRule).default([]),
  /** Figures that need a written explanation when they move sharply against the previous report. */
  sharpChange: z.object({ fields: z.array(z.string()) }).strict().optional(),
  attachments: z.array(z.object({ id: z.string(), label: Label, labelEn: Label }).strict()).default([]),
  /** Photos of the scene the report needs at submission when a yes/no field is set (standards §1: ≥3 when an emergency response was started). */
  photos: z.object({ when: z.string(), min: z.number().int().min(1) }).strict().optional(),
  export: z.object({
    formats: z.array(z.enum(['docx', 'xlsx'])).min(1),
    /** Document number pattern: {unit} {year} {n}. */
    numberPattern: z.string().default('{unit}〔{year}〕{n}号'),
  }).strict(),
}).strict();
export type ReportTemplate = Omit<z.infer<typeof ReportTemplate>, 'sections'> & {
  sections: { id: string; title: string; titleEn: string; paperTitle?: string; fields: TemplateField[] }[];
};

export const STAGE_NAMES: Record<Stage, [string, string]> = {
  initial: ['初报', 'Initial'],
  followup: ['续报', 'Follow-up'],
  final: ['终报', 'Final'],
  verified: ['核报', 'Verified'],
  daily: ['日报', 'Daily'],
};
const CN_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function cnNumber(n: number): string {
  if (n <= 10) return CN_NUM[n];
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  if (n < 100) return `${CN_NUM[Math.floor(n / 10)]}十${n % 10 ? CN_NUM[n % 10] : ''}`;
  return String(n);
}
/** 初报, 续报一, 续报二 …, 终报, 核报, 日报 (standards §1). */
export function stageLabel(stage: Stage, seq: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const [zh, en] = STAGE_NAMES[stage];
  if (stage === 'followup' && seq > 0) return locale === 'en' ? `${en} ${seq}` : `${zh}${cnNumber(seq)}`;
  if (stage === 'daily' && seq > 0) return locale === 'en' ? `${en} ${seq}` : `${zh}（第${seq}期）`;
  return locale === 'en' ? en : zh;
}

/* ------------------------------------------------------------------------------------------
 * Report data and validation (shared: the form validates as you type, main validates again).
 * ------------------------------------------------------------------------------------------ */

export type FieldValue = string | number | boolean | null;
export interface ReportData {
  fields: Record<string, FieldValue>;
  /** Per-township figures (breakdown templates): township code → field → value. */
  rows?: Record<string, Record<string, number | null>>;
}
export const ReportDataSchema = z.object({
  fields: z.record(z.string().max(40), z.union([z.string().max(20000), z.number(), z.boolean(), z.null()])),
  rows: z.record(z.string().regex(/^\d{9}$/), z.record(z.string().max(40), z.number().nullable())).optional(),
}).strict();

export interface ValidationIssue {
  /** 'fields.x' or 'rows.<code>.x' or 'totals.x' or 'explanation'. */
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

export function allFields(t: ReportTemplate): TemplateField[] {
  return t.sections.flatMap((s) => s.fields);
}
export function fieldById(t: ReportTemplate, id: string): TemplateField | undefined {
  for (const s of t.sections) for (const f of s.fields) if (f.id === id) return f;
  return undefined;
}
export const isNumeric = (f: TemplateField) => f.type === 'integer' || f.type === 'decimal';
export const fieldInStage = (f: TemplateField, stage: Stage) => !f.stages || f.stages.includes(stage);
export const isRequired = (f: TemplateField, stage: Stage) =>
  f.required === true || (Array.isArray(f.required) && f.required.includes(stage));

/** Totals of a breakdown template: the sum over township rows; other numeric fields as entered. */
export function totalsOf(t: ReportTemplate, d: ReportData): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of allFields(t)) if (isNumeric(f)) out[f.id] = typeof d.fields[f.id] === 'number' ? (d.fields[f.id] as number) : null;
  if (t.breakdown && d.rows) {
    for (const id of t.breakdown.fields) {
      let sum: number | null = null;
      for (const row of Object.values(d.rows)) {
        const v = row[id];
        if (typeof v === 'number') sum = roundTo((sum ?? 0) + v, 6);
      }
      out[id] = sum;
    }
  }
  return out;
}
const roundTo = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function checkValue(f: TemplateField, v: FieldValue | undefined, path: string, issues: ValidationIssue[]) {
  if (v === null || v === undefined || v === '') return;
  switch (f.type) {
    case 'integer':
    case 'decimal': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return void issues.push({ path, key: 'reports.v.number' });
      if (f.type === 'integer' && !Number.isInteger(v)) return void issues.push({ path, key: 'reports.v.integer', params: { unit: f.unit ?? '' } });
      const min = f.min ?? 0;
      if (v < min) return void issues.push({ path, key: min === 0 ? 'reports.v.nonNegative' : 'reports.v.min', params: { min } });
      if (f.max !== undefined && v > f.max) return void issues.push({ path, key: 'reports.v.max', params: { max: f.max } });
      if (f.type === 'decimal' && f.decimals !== undefined && roundTo(v, f.decimals) !== v) {
        issues.push({ path, key: 'reports.v.decimals', params: { decimals: f.decimals } });
      }
      return;
    }
    case 'datetime':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) issues.push({ path, key: 'reports.v.datetime' });
      return;
    case 'boolean':
      if (typeof v !== 'boolean') issues.push({ path, key: 'reports.v.boolean' });
      return;
    case 'select':
      if (typeof v !== 'string' || !f.options?.some((o) => o.value === v)) issues.push({ path, key: 'reports.v.option' });
      return;
    default:
      if (typeof v !== 'string') return void issues.push({ path, key: 'reports.v.text' });
      if (v.length > (f.maxLength ?? (f.type === 'textarea' ? 4000 : 200))) issues.push({ path, key: 'reports.v.tooLong', params: { max: f.maxLength ?? (f.type === 'textarea' ? 4000 : 200) } });
  }
}

function checkRules(t: ReportTemplate, vals: Record<string, number | null | undefined>, prefix: string, issues: ValidationIssue[]) {
  const num = (id: string) => (typeof vals[id] === 'number' ? (vals[id] as number) : null);
  const name = (id: string) => fieldById(t, id)?.label ?? id;
  for (const r of t.rules) {
    if (r.type === 'sumEquals') {
      const parts = r.parts.map(num);
      if (!r.always && parts.every((p) => p === null)) continue;
      const sum = roundTo(parts.reduce<number>((a, b) => a + (b ?? 0), 0), 6);
      const total = num(r.total) ?? 0;
      if (sum !== total) {
        issues.push({
          path: `${prefix}${r.total}`,
          key: 'reports.v.sumEquals',
          params: { rule: r.id, parts: r.parts.map(name).join(' + '), total: name(r.total), sum, value: total, source: r.source },
        });
      }
    } else {
      const left = r.left.map(num);
      const right = num(r.right);
      if (left.every((x) => x === null)) continue;
      const sum = roundTo(left.reduce<number>((a, b) => a + (b ?? 0), 0), 6);
      if (sum > (right ?? 0)) {
        issues.push({
          path: `${prefix}${r.left[0]}`,
          key: 'reports.v.lte',
          params: { rule: r.id, left: r.left.map(name).join(' + '), right: name(r.right), sum, value: right ?? 0, source: r.source },
        });
      }
    }
  }
}

export interface SharpChange {
  field: string;
  label: string;
  previous: number;
  current: number;
  /** |current − previous| / max(previous, 1) */
  ratio: number;
}

/** Figures that moved by more than `threshold` (a fraction: 0.5 = 50 %) against the previous report (standards §3). */
export function sharpChanges(t: ReportTemplate, d: ReportData, prev: ReportData | null, threshold: number): SharpChange[] {
  if (!prev || !t.sharpChange) return [];
  const a = totalsOf(t, prev);
  const b = totalsOf(t, d);
  const out: SharpChange[] = [];
  for (const id of t.sharpChange.fields) {
    const p = a[id];
    const c = b[id];
    if (typeof p !== 'number' || typeof c !== 'number') continue;
    const ratio = Math.abs(c - p) / Math.max(p, 1);
    if (ratio > threshold) out.push({ field: id, label: fieldById(t, id)?.label ?? id, previous: p, current: c, ratio: roundTo(ratio, 4) });
  }
  return out;
}

/**
 * Every problem of a report in a stage: field types and units, required fields, the template's
 * consistency rules (per township row and on the totals), and a missing explanation for sharp
 * changes. `complete` false checks values only (drafts may be unfinished).
 */
export function validateReport(
  t: ReportTemplate,
  stage: Stage,
  d: ReportData,
  opts: { complete: boolean; previous?: ReportData | null; threshold?: number; explanation?: string | null },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const missing: ValidationIssue[] = [];
  const known = new Map(allFields(t).map((f) => [f.id, f]));
  for (const k of Object.keys(d.fields)) if (!known.has(k)) issues.push({ path: `fields.${k}`, key: 'reports.v.unknownField' });
  const breakdown = new Set(t.breakdown?.fields ?? []);
  for (const f of known.values()) {
    if (!fieldInStage(f, stage)) continue;
    if (breakdown.has(f.id) && d.rows && Object.keys(d.rows).length) {
      for (const [code, row] of Object.entries(d.rows)) checkValue(f, row[f.id], `rows.${code}.${f.id}`, issues);
      continue;
    }
    const v = d.fields[f.id];
    checkValue(f, v, `fields.${f.id}`, issues);
    if (opts.complete && isRequired(f, stage) && (v === null || v === undefined || v === '')) {
      const hasRows = breakdown.has(f.id) && d.rows && Object.keys(d.rows).length;
      if (!hasRows) missing.push({ path: `fields.${f.id}`, key: 'reports.v.required' });
    }
  }
  if (d.rows) {
    if (!t.breakdown) issues.push({ path: 'rows', key: 'reports.v.noBreakdown' });
    for (const [code, row] of Object.entries(d.rows)) {
      for (const k of Object.keys(row)) if (!breakdown.has(k)) issues.push({ path: `rows.${code}.${k}`, key: 'reports.v.unknownField' });
      checkRules(t, row, `rows.${code}.`, issues);
    }
  }
  // Cross-field rules need well-formed values; missing required fields do not stop them.
  if (!issues.length) checkRules(t, totalsOf(t, d), d.rows && Object.keys(d.rows).length ? 'totals.' : 'fields.', issues);
  issues.push(...missing);
  if (opts.complete && opts.previous && !(opts.explanation ?? '').trim()) {
    const sharp = sharpChanges(t, d, opts.previous, opts.threshold ?? 0.5);
    if (sharp.length) {
      issues.push({
        path: 'explanation',
        key: 'reports.v.explanationRequired',
        params: { fields: sharp.map((s) => `${s.label} ${s.previous}→${s.current}`).join('，'), threshold: Math.round((opts.threshold ?? 0.5) * 100) },
      });
    }
  }
  return issues;
}

/** The fields a 续报 carries: those that changed against the previous report, plus `always` fields. */
export function changedFields(t: ReportTemplate, d: ReportData, prev: ReportData | null): Set<string> {
  const out = new Set<string>();
  const a = prev ? totalsOf(t, prev) : {};
  const b = totalsOf(t, d);
  for (const f of allFields(t)) {
    if (f.always) out.add(f.id);
    else if (!prev) out.add(f.id);
    else if (isNumeric(f) ? a[f.id] !== b[f.id] : (prev.fields[f.id] ?? null) !== (d.fields[f.id] ?? null)) out.add(f.id);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------
 * Deadline rules (resources/reports/deadline-rules.json; station overrides in report_rule_overrides)
 * ------------------------------------------------------------------------------------------ */

export const RULE_KINDS = ['within', 'interval', 'dailyAt', 'sameDay', 'afterClose'] as const;
export const Channel = z.enum(['phone', 'written', 'any']);
export const RuleParams = z.object({
  minutes: z.number().int().min(1).max(60 * 24 * 60).optional(),
  times: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).min(1).max(6).optional(),
  windowDays: z.number().int().min(1).max(365).optional(),
  shortWindowDays: z.number().int().min(1).max(365).optional(),
}).strict();
export type RuleParams = z.infer<typeof RuleParams>;

export const DeadlineRule = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9.-]*$/),
  kind: z.enum(RULE_KINDS),
  stage: Stage,
  channel: Channel.default('any'),
  anchor: z.enum(['received', 'occurred', 'lastSent', 'closed']).default('received'),
  match: z.object({
    classes: z.array(z.string()).optional(),
    grades: z.array(z.enum(['I', 'II', 'III', 'IV'])).optional(),
    disasterTypes: z.array(z.string()).optional(),
    notDisasterTypes: z.array(z.string()).optional(),
    /** Accident types (GB 6441) with the short casualty window (fire: standards §1 Decree 493 Art. 13). */
    shortTypes: z.array(z.string()).optional(),
    /** Industry sectors with the short casualty window (road transport, fire: standards §1 Decree 493 Art. 13). */
    shortIndustries: z.array(z.string()).optional(),
    dailyMode: z.boolean().optional(),
    /** Only for a 较大涉险事故 (standards §1, Decree 21). */
    nearMiss: z.boolean().optional(),
    /** Only when dead + missing reach this number (natural disasters ≥10: standards §1). */
    deadAndMissingAtLeast: z.number().int().min(1).optional(),
  }).strict().default({}),
  params: RuleParams,
  /** Who else must receive the report under this rule (e.g. the province and the nation). */
  recipients: z.array(Label).max(5).optional(),
  recipientsEn: z.array(Label).max(5).optional(),
  enabled: z.boolean(),
  unconfirmed: z.boolean().default(false),
  source: z.string(),
  label: Label,
  labelEn: Label,
}).strict();
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export interface RuleView extends DeadlineRule {
  /** The national default before the station's override. */
  defaults: { enabled: boolean; params: RuleParams };
  overridden: boolean;
  overrideNote: string | null;
  version: number;
}

export interface Obligation {
  ruleId: string;
  stage: Stage;
  seq: number;
  channel: 'phone' | 'written' | 'any';
  dueAt: number;
  unconfirmed: boolean;
  label: string;
  labelEn: string;
  /** Recipients the rule names (besides the usual next level). */
  recipients?: string[];
  recipientsEn?: string[];
}

export interface DueItem {
  chainId: string;
  incidentId: string | null;
  title: string;
  grade: string | null;
  next: Obligation | null;
  /** Every open obligation, earliest first. */
  open: Obligation[];
  overdue: boolean;
}

/* ------------------------------------------------------------------------------------------
 * Reports
 * ------------------------------------------------------------------------------------------ */

export const REPORT_STATUSES = ['draft', 'submitted', 'signed', 'sent', 'voided'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const SEND_VIA = ['phone', 'fax', 'document', 'sync'] as const;
export const SendVia = z.enum(SEND_VIA);

export interface ReportRow {
  id: string;
  chainId: string;
  incidentId: string | null;
  incidentNo: string | null;
  templateId: string;
  templateVersion: number;
  kind: string;
  stage: Stage;
  seq: number;
  stageLabel: string;
  title: string;
  no: string | null;
  status: ReportStatus;
  authorId: string;
  authorName: string;
  submittedAt: number | null;
  signedByName: string | null;
  signedAt: number | null;
  sentAt: number | null;
  sentVia: (typeof SEND_VIA)[number] | null;
  sentTo: string | null;
  sentByName: string | null;
  dueAt: number | null;
  late: boolean;
  lateReason: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface ReportDetail extends ReportRow {
  data: ReportData;
  explanation: string | null;
  correctionReason: string | null;
  returnNote: string | null;
  unit: string;
  /** The report this one follows in its chain (for the diff and sharp-change check). */
  previous: { id: string; stageLabel: string; data: ReportData } | null;
  sharp: SharpChange[];
  issues: ValidationIssue[];
  chain: { id: string; stage: Stage; stageLabel: string; status: ReportStatus; sentAt: number | null }[];
  /** Open deadlines of this report's chain. */
  due: Obligation[];
}

export interface TimelinessRow {
  id: string;
  chainId: string;
  incidentId: string | null;
  reportId: string | null;
  ruleId: string;
  stage: Stage;
  seq: number;
  stageLabel: string;
  title: string;
  dueAt: number;
  metAt: number | null;
  late: boolean;
  reason: string | null;
  reasonByName: string | null;
}

export interface RegisterCell {
  month: string;
  stage: Stage;
  onTime: number;
  late: number;
  /** Deadlines passed with nothing sent yet (computed now). */
  missed: number;
}

export interface ReportsConfig {
  /** Fraction: 0.5 = a move of more than 50 % needs a written explanation (standards §3). */
  sharpChangeThreshold: number;
  /** Minutes before a deadline when the duty board / desktop alerts. */
  alertLeadMinutes: number[];
  /** Hours ahead the duty-board panel looks. */
  boardHorizonHours: number;
  /** Name printed as 报送单位 (default: the station's name). */
  unitName: string | null;
  /** 联系电话 printed under a report (GB/T 9704 附注, standards §7). */
  contactPhone: string | null;
  /** 版记 抄送机关 (standards §7), e.g. 区委区政府总值班室; none prints no 抄送 line. */
  copyTo?: string | null;
  /** 版记 印发机关 (standards §7); none prints the 发文机关. */
  printedBy?: string | null;
  /** Print a 份号 (6 digits, top left, standards §7) on every archived copy. */
  numberCopies?: boolean;
}

/** An archived copy of a report: the exact document as signed or as sent. */
export interface ReportArchive {
  id: string;
  event: 'signed' | 'sent';
  fileName: string;
  sha256: string;
  size: number;
  byName: string;
  createdAt: number;
}

const Reason = text(500);

/** A scene photo attached to a report (kept for the whole chain: the 续报 keeps the 初报's photos). */
export interface ReportPhoto {
  id: string;
  name: string;
  mime: string;
  size: number;
  byName: string;
  createdAt: number;
}
/** Photos up to 8 MB (a phone photo fits), sent whole as base64. */
export const MAX_REPORT_PHOTO = 8 * 1024 * 1024;

export const ListReportsInput = z.object({
  status: z.array(z.enum(REPORT_STATUSES)).max(5).optional(),
  stage: Stage.optional(),
  incidentId: Id.optional(),
  chainId: Id.optional(),
  awaitingSignature: z.boolean().optional(),
  from: EpochMs.optional(),
  to: EpochMs.optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();

export const reportsMethods = {
  'reports.templates': query<ReportTemplate[]>(EVERY_ROLE)(z.object({}).strict()),
  'reports.create': mutation<ReportDetail>(DUTY_STAFF)(
    z.object({
      templateId: z.string().max(60),
      stage: Stage.default('initial'),
      incidentId: Id.optional(),
      /** A standalone chain (disaster statistics) to continue. */
      chainId: Id.optional(),
      title: optText(200),
    }).strict(),
  ),
  'reports.get': query<ReportDetail>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'reports.list': query<{ rows: ReportRow[]; total: number }>(EVERY_ROLE)(ListReportsInput),
  'reports.update': mutation<ReportDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, data: ReportDataSchema, explanation: z.string().max(4000).nullable().optional() }).strict(),
  ),
  'reports.photos.list': query<ReportPhoto[]>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'reports.photos.add': mutation<ReportPhoto[]>(DUTY_STAFF)(
    z.object({ id: Id, name: text(200), mime: z.string().max(100), data: z.string().min(1).max(Math.ceil(MAX_REPORT_PHOTO / 3) * 4 + 4) }).strict(),
  ),
  /** Photos are never deleted: voiding hides one from the count and records who, when and why. */
  /** `reportId` is the draft on screen: a photo added to the 初报 is voided from the 续报 being written. */
  'reports.photos.void': mutation<ReportPhoto[]>(DUTY_STAFF)(z.object({ reportId: Id, id: Id, reason: Reason }).strict()),
  'reports.submit': mutation<ReportDetail>(DUTY_STAFF)(z.object({ id: Id, version: Version }).strict()),
  'reports.returnToDraft': mutation<ReportDetail>(['leader'])(z.object({ id: Id, version: Version, note: Reason }).strict()),
  'reports.sign': mutation<ReportDetail>(['leader'])(z.object({ id: Id, version: Version }).strict()),
  'reports.send': mutation<ReportDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      version: Version,
      via: SendVia,
      recipient: text(200),
      /** When it actually went out (a phone report recorded afterwards). */
      sentAt: EpochMs.optional(),
      note: optText(500),
      /** Required when any deadline it meets has passed (迟报). */
      lateReason: optText(500),
      /** Required for a phone report recorded well after the call (its time lies in the past); kept on the send's record. */
      backdateReason: optText(500),
    }).strict(),
  ),
  'reports.correct': mutation<ReportDetail>(DUTY_STAFF)(z.object({ id: Id, reason: Reason }).strict()),
  'reports.void': mutation<ReportDetail>(DUTY_STAFF)(z.object({ id: Id, version: Version, reason: Reason }).strict()),
  'reports.markStable': mutation<{ chainId: string; stabilisedAt: number }>(DUTY_STAFF)(
    z.object({ chainId: Id, at: EpochMs.optional() }).strict(),
  ),
  'reports.due': query<DueItem[]>(EVERY_ROLE)(z.object({ horizonHours: z.number().int().min(1).max(24 * 30).optional() }).strict()),
  'reports.register': query<RegisterCell[]>(EVERY_ROLE)(z.object({ year: z.number().int().min(2000).max(2100) }).strict()),
  'reports.registerDetail': query<TimelinessRow[]>(EVERY_ROLE)(
    z.object({ month: LocalMonth, stage: Stage.optional(), lateOnly: z.boolean().optional() }).strict(),
  ),
  'reports.rules': query<RuleView[]>(EVERY_ROLE)(z.object({}).strict()),
  'reports.setRule': mutation<RuleView>(MANAGERS)(
    z.object({ id: z.string().max(80), version: Version, enabled: z.boolean().optional(), params: RuleParams.optional(), note: optText(500), reset: z.boolean().optional() }).strict(),
  ),
  'reports.config': query<ReportsConfig>(EVERY_ROLE)(z.object({}).strict()),
  'reports.setConfig': mutation<ReportsConfig>(MANAGERS)(
    z.object({
      sharpChangeThreshold: z.number().min(0.05).max(10).optional(),
      alertLeadMinutes: z.array(z.number().int().min(1).max(24 * 60)).max(5).optional(),
      boardHorizonHours: z.number().int().min(1).max(72).optional(),
      unitName: z.string().trim().max(100).nullable().optional(),
      contactPhone: z.string().trim().max(40).regex(/^[0-9０-９+()（）\-— 转]*$/).nullable().optional(),
      copyTo: z.string().trim().max(200).nullable().optional(),
      printedBy: z.string().trim().max(100).nullable().optional(),
      numberCopies: z.boolean().optional(),
    }).strict(),
  ),
  'reports.archives': query<ReportArchive[]>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  /** An archived copy's exact bytes (a reprint from history, never a re-render). */
  'reports.archive': query<{ fileName: string; mime: string; data: string; sha256: string }>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'reports.export': query<{ fileName: string; mime: string; data: string }>(EVERY_ROLE)(
    z.object({ id: Id, format: z.enum(['docx', 'xlsx']) }).strict(),
  ),
};
