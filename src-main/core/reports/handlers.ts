import './open-matters';
import type { Ctx, Handlers } from '../api/types';
import { ApiError, conflict, forbidden, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { translate } from '../i18n/messages';
import { rowById as incidentRowById } from '../incidents/repo';
import {
  STAGES, sharpChanges, stageLabel, validateReport,
  type DueItem, type Obligation, type RegisterCell, type ReportData, type ReportDetail, type ReportTemplate,
  type Stage, type TimelinessRow, type ValidationIssue,
} from '../../contract/reports';
import { latestTemplates, templateOf } from './templates';
import { metBySend, obligations } from './deadlines';
import { PHONE_BACKDATE_TOLERANCE_MS, sendTimeProblem } from './sending';
import { prefillData } from './prefill';
import { reportSyncSender } from './outbox';
import { formatDateTime, localMonth, localTimeOnDay, tzOffset, zoneOf } from '../../contract/time';
import { DOCX_MIME, XLSX_MIME, exportDocx, exportXlsx, fileBase } from './export';
import { archiveReport, paperContext, type ArchivedCopy } from './paper/context';
import { photoIssues, refuseIncomplete } from './completeness';
import { archiveBytes, archivesOf } from './repoPaper';
import { incidentLabel } from '../audit/subjects';
import { subjectTitle } from '../incidents/subject';

import {
  chainById, chainOfIncident, chainReports, dueItems, effectiveRules, getConfig, insertChain, insertReport, insertSend, insertTimeliness,
  listReports, liveOfStage, nextNumber, previousOf, putConfig, reportById, rowWithIncident, ruleViews, subjectOfChain, timelinessBetween, timelinessCounts,
  toTimelinessRow, updateChain, upsertOverride, type ReportRecord, type ChainRecord,
} from './repo';
import { updateVersioned, type Patch } from '../db/versioned';


const tzOf = (ctx: Ctx) => zoneOf(ctx.station);

function load(ctx: Ctx, id: string): ReportRecord {
  const r = reportById(ctx.db, id);
  if (!r) throw notFound('report', id);
  return r;
}
function templateFor(r: Pick<ReportRecord, 'template_id' | 'template_version'>): ReportTemplate {
  const t = templateOf(r.template_id, r.template_version);
  if (!t) throw new ApiError('VALIDATION', 'reports.unknownTemplate', { id: `${r.template_id}@${r.template_version}` });
  return t;
}

/** Translated issues in the shape forms read (path array + message). */
function issuesDetails(ctx: Ctx, issues: ValidationIssue[]) {
  return { issues: issues.map((i) => ({ path: i.path.split('.'), message: translate(ctx.locale, i.key, i.params), key: i.key, params: i.params })) };
}
function refuseIssues(ctx: Ctx, issues: ValidationIssue[]): void {
  if (!issues.length) return;
  const first = issues[0];
  throw invalid('reports.invalid', { first: `${first.path}: ${translate(ctx.locale, first.key, first.params)}` }, issuesDetails(ctx, issues));
}

export function chainOpenObligations(ctx: Ctx, chainId: string): Obligation[] {
  const s = subjectOfChain(ctx.db, chainId);
  return s ? obligations(effectiveRules(ctx.db), s, tzOf(ctx)) : [];
}

function detail(ctx: Ctx, id: string): ReportDetail {
  const r = load(ctx, id);
  const row = rowWithIncident(ctx.db, id)!;
  const t = templateFor(r);
  const data = JSON.parse(r.data) as ReportData;
  const prev = previousOf(ctx.db, r);
  const prevData = prev ? (JSON.parse(prev.data) as ReportData) : null;
  const cfg = getConfig(ctx.db);
  const chain = chainReports(ctx.db, r.chain_id);
  const chainRec = chainById(ctx.db, r.chain_id)!;
  return {
    ...row,
    data,
    explanation: r.explanation,
    correctionReason: r.correction_reason,
    returnNote: r.return_note,
    unit: cfg.unitName || ctx.station?.name || '',
    previous: prev ? { id: prev.id, stageLabel: stageLabel(prev.stage, prev.seq), data: prevData! } : null,
    sharp: sharpChanges(t, data, prevData, cfg.sharpChangeThreshold),
    issues: [...validateReport(t, r.stage, data, { complete: true, previous: prevData, threshold: cfg.sharpChangeThreshold, explanation: r.explanation }), ...photoIssues(ctx, t, r)],
    chain: chain.map((c) => ({ id: c.id, stage: c.stage, stageLabel: stageLabel(c.stage, c.seq), status: c.status, sentAt: c.sent_at })),
    due: chainRec.done_at ? [] : chainOpenObligations(ctx, r.chain_id),
  };
}

function saved(ctx: Ctx, id: string, before: unknown, archive?: (d: ReportDetail) => ArchivedCopy): ReportDetail {
  const d = detail(ctx, id);
  const { previous: _p, chain: _c, due: _d, issues: _i, sharp: _s, ...after } = d;
  // A signed or sent report's exact document is archived; its SHA-256 stands in the audit row.
  const a = archive?.(d);
  ctx.audit({ entity: 'report', entityId: id, before, after: a ? { ...after, archive: { id: a.id, event: a.event, fileName: a.fileName, sha256: a.sha256, size: a.size } } : after });
  return d;
}
/** Every problem of a report that must be complete (submit, sign). */
function completenessIssues(ctx: Ctx, t: ReportTemplate, r: ReportRecord): ValidationIssue[] {
  const prev = previousOf(ctx.db, r);
  return [
    ...validateReport(t, r.stage, JSON.parse(r.data) as ReportData, {
      complete: true, previous: prev ? (JSON.parse(prev.data) as ReportData) : null, threshold: getConfig(ctx.db).sharpChangeThreshold, explanation: r.explanation,
    }),
    ...photoIssues(ctx, t, r),
  ];
}
const snapshot = (r: ReportRecord) => ({ ...r, data: JSON.parse(r.data) as unknown });

function isClosed(ctx: Ctx, chain: ChainRecord): boolean {
  if (chain.stabilised_at !== null) return true;
  if (!chain.incident_id) return false;
  return incidentRowById(ctx.db, chain.incident_id)?.status === 'closed';
}

function yearBounds(tz: string, at: number): [number, number] {
  const y = Number(localMonth(at, tz).slice(0, 4));
  const start = Date.UTC(y, 0, 1) - tzOffset(Date.UTC(y, 0, 1), tz);
  const end = Date.UTC(y + 1, 0, 1) - tzOffset(Date.UTC(y + 1, 0, 1), tz);
  return [start, end];
}

/** A chain about an incident is named as the incident is everywhere (audit/subjects incidentLabel → incidents/subject.ts). */
const chainTitle = (ctx: Ctx, incidentId: string | null, stored: string) => (incidentId && incidentLabel(ctx.db, incidentId, ctx.locale)) || stored;

export const reportsHandlers: Handlers<
  | 'reports.templates' | 'reports.create' | 'reports.get' | 'reports.list' | 'reports.update' | 'reports.submit'
  | 'reports.returnToDraft' | 'reports.sign' | 'reports.send' | 'reports.correct' | 'reports.void' | 'reports.markStable'
  | 'reports.due' | 'reports.register' | 'reports.registerDetail' | 'reports.rules' | 'reports.setRule' | 'reports.config'
  | 'reports.setConfig' | 'reports.export' | 'reports.archives' | 'reports.archive'
> = {
  'reports.templates': { handler: () => latestTemplates() },

  'reports.create': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const station = ctx.requireStation();
      const now = ctx.clock.now();
      const t = templateOf(input.templateId);
      if (!t) throw invalid('reports.unknownTemplate', { id: input.templateId });
      const stage = input.stage;
      const sl = stageLabel(stage, 0, ctx.locale);
      if (!t.stages.includes(stage)) throw invalid('reports.stageNotInTemplate', { template: t.title, stage: sl });

      const incident = input.incidentId ? incidentRowById(ctx.db, input.incidentId) : null;
      if (input.incidentId && !incident) throw notFound('incident', input.incidentId);
      let chain = incident ? chainOfIncident(ctx.db, incident.id) : input.chainId ? chainById(ctx.db, input.chainId) : undefined;
      if (input.chainId && !chain) throw notFound('reportChain', input.chainId);
      if (!incident && !chain && !t.standalone) throw invalid('reports.needIncident');
      if (chain?.done_at) throw conflict('reports.chainDone');

      if (stage !== 'initial' && stage !== 'daily') {
        if (!chain || !liveOfStage(ctx.db, chain.id, 'initial').length) throw conflict('reports.noInitial', { stage: sl });
      }
      if (stage === 'followup' || stage === 'daily') {
        if (incident?.status === 'closed' || (chain && isClosed(ctx, chain))) throw conflict('reports.incidentClosed');
      }
      if (stage === 'final' || stage === 'verified') {
        if (!chain || !isClosed(ctx, chain)) throw conflict('reports.incidentOpen', { stage: sl });
        if (liveOfStage(ctx.db, chain.id, stage).some((r) => !r.superseded_by)) throw conflict('reports.finalExists', { stage: sl });
      }
      if (stage === 'initial' && chain && liveOfStage(ctx.db, chain.id, 'initial').some((r) => r.template_id === t.id)) {
        throw conflict('reports.finalExists', { stage: sl });
      }

      if (!chain) {
        chain = insertChain(ctx.db, {
          id: incident ? incident.id : newId(),
          station_id: station.id,
          incident_id: incident?.id ?? null,
          template_id: t.id,
          title: input.title ?? (incident ? subjectTitle(incident.townshipName ?? '', incident, 'zh-CN') : t.title),
          class_code: incident ? null : '1',
          grade: null,
          disaster_type: null,
          received_at: incident?.receivedAt ?? now,
          occurred_at: incident ? null : now,
          created_at: now,
        });
      }
      if (stage === 'daily' && !chain.daily_mode) updateChain(ctx.db, chain.id, { daily_mode: 1 });

      const live = chainReports(ctx.db, chain.id).filter((r) => r.status !== 'voided');
      const seq = stage === 'followup' || stage === 'daily' ? Math.max(0, ...live.filter((r) => r.stage === stage).map((r) => r.seq)) + 1 : 0;
      const prev = [...live].reverse().find((r) => r.template_id === t.id && (r.status === 'signed' || r.status === 'sent'))
        ?? [...live].reverse().find((r) => r.template_id === t.id);
      const data = prefillData(t, stage, incident, prev ? (JSON.parse(prev.data) as ReportData) : null, now);
      const id = newId();
      insertReport(ctx.db, {
        id, station_id: station.id, chain_id: chain.id, incident_id: chain.incident_id, template_id: t.id, template_version: t.version,
        kind: t.kind, stage, seq, title: chain.title, data: JSON.stringify(data), supersedes: null, correction_reason: null,
        author_id: me.id, author_name: me.displayName, created_at: now,
      });
      return saved(ctx, id, undefined);
    },
  },

  'reports.get': { handler: (ctx, input) => detail(ctx, input.id) },

  'reports.list': {
    handler: (ctx, input) => listReports(ctx.db, input, input.awaitingSignature ? ctx.requireUser().id : undefined),
  },

  'reports.update': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      if (r.status === 'signed' || r.status === 'sent') throw conflict('reports.frozen');
      if (r.status !== 'draft') throw conflict('reports.notDraft', { status: r.status });
      const t = templateFor(r);
      refuseIssues(ctx, validateReport(t, r.stage, input.data, { complete: false }));
      const set: Patch = { data: JSON.stringify(input.data) };
      if (input.explanation !== undefined) set.explanation = input.explanation?.trim() || null;
      updateVersioned(ctx.db, 'reports', r.id, input.version, set, ctx.clock.now());
      if (t.kind === 'disaster' && r.stage === 'initial') {
        // The disaster type picks the 续报 cadence (drought: every 10 days); a standalone process
        // counts its 初报 deadline from when the disaster started (standards §1).
        const set: Parameters<typeof updateChain>[2] = {};
        if (typeof input.data.fields.disasterType === 'string') set.disaster_type = input.data.fields.disasterType;
        if (!r.incident_id && typeof input.data.fields.startedAt === 'number') set.occurred_at = input.data.fields.startedAt;
        updateChain(ctx.db, r.chain_id, set);
      }
      return saved(ctx, r.id, snapshot(r));
    },
  },

  'reports.submit': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      if (r.status !== 'draft') throw conflict('reports.notDraft', { status: r.status });
      const t = templateFor(r);
      refuseIncomplete(ctx, t, completenessIssues(ctx, t, r), 'submit');
      updateVersioned(ctx.db, 'reports', r.id, input.version, { status: 'submitted', submitted_at: ctx.clock.now(), return_note: null }, ctx.clock.now());
      return saved(ctx, r.id, snapshot(r));
    },
  },

  'reports.returnToDraft': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      if (r.status !== 'submitted') throw conflict('reports.notSubmitted');
      updateVersioned(ctx.db, 'reports', r.id, input.version, { status: 'draft', return_note: input.note }, ctx.clock.now());
      return saved(ctx, r.id, snapshot(r));
    },
  },

  'reports.sign': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const r = load(ctx, input.id);
      if (r.status === 'signed' || r.status === 'sent') throw conflict('reports.frozen');
      if (r.status !== 'submitted') throw conflict('reports.notSubmitted');
      // 签发 is a second person's check: the author never signs their own report.
      if (r.author_id === me.id) throw forbidden('reports.selfSign');
      const t = templateFor(r);
      refuseIncomplete(ctx, t, completenessIssues(ctx, t, r), 'sign');
      const now = ctx.clock.now();
      const tz = tzOf(ctx);
      const [ys, ye] = yearBounds(tz, now);
      const n = nextNumber(ctx.db, t.id, ys, ye);
      const unit = getConfig(ctx.db).unitName || ctx.requireStation().name;
      const no = t.export.numberPattern.replace('{unit}', unit).replace('{year}', localMonth(now, tz).slice(0, 4)).replace('{n}', String(n));
      updateVersioned(ctx.db, 'reports', r.id, input.version, { status: 'signed', signed_by: me.id, signed_by_name: me.displayName, signed_at: now, no }, now);
      return saved(ctx, r.id, snapshot(r), (d) => archiveReport(ctx, t, d, 'signed'));
    },
  },

  'reports.send': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const r = load(ctx, input.id);
      if (r.status !== 'signed' && r.status !== 'sent') throw conflict('reports.notSigned');
      if (r.version !== input.version) throw conflict();
      const now = ctx.clock.now();
      // A written time typed within the signing minute is recorded as the signing time (never before it).
      const sentAt = input.via !== 'phone' && input.sentAt !== undefined && r.signed_at !== null ? Math.max(input.sentAt, Math.min(r.signed_at, input.sentAt + 60_000)) : (input.sentAt ?? now);
      if (sentAt > now + 60_000) throw invalid('reports.sentInFuture');
      const tz = tzOf(ctx);
      const rules = effectiveRules(ctx.db);
      const subject = subjectOfChain(ctx.db, r.chain_id)!;
      const backdateReason = input.backdateReason?.trim() || null;
      const timeProblem = sendTimeProblem({ via: input.via, sentAt, now, receivedAt: subject.receivedAt, signedAt: r.signed_at, backdateReason });
      if (timeProblem) {
        const params = { at: formatDateTime(timeProblem.at, tz, ctx.locale) };
        throw invalid(timeProblem.key, params, { issues: [{ path: [timeProblem.path], message: translate(ctx.locale, timeProblem.key, params) }] });
      }
      const met = metBySend(rules, subject, { stage: r.stage, seq: r.seq, sentAt, via: input.via }, tz);
      const late = met.filter((o) => sentAt > o.dueAt);
      const reason = input.lateReason?.trim() || null;
      if (late.length && !reason) {
        throw invalid('reports.lateReasonRequired', { deadlines: late.map((o) => o.label).join('；') }, {
          issues: [{ path: ['lateReason'], message: translate(ctx.locale, 'reports.lateReasonRequired', { deadlines: late.map((o) => o.label).join('；') }) }],
          late: late.map((o) => ({ ruleId: o.ruleId, dueAt: o.dueAt })),
        });
      }
      let outboxRef: string | null = null;
      if (input.via === 'sync') {
        const s = reportSyncSender();
        if (!s) throw invalid('reports.syncUnavailable');
        outboxRef = s.enqueue(ctx.db, detail(ctx, r.id), { recipient: input.recipient, sentAt }).ref;
      }
      const station = ctx.requireStation();
      insertSend(ctx.db, {
        id: newId(), stationId: station.id, reportId: r.id, chainId: r.chain_id, stage: r.stage, seq: r.seq, via: input.via, recipient: input.recipient, sentAt,
        note: input.note ?? null, outboxRef, late: late.length > 0, lateReason: late.length ? reason : null, byId: me.id, byName: me.displayName, now,
        backdateReason: input.via === 'phone' && sentAt < now - PHONE_BACKDATE_TOLERANCE_MS ? backdateReason : null,
      });
      for (const o of met) {
        insertTimeliness(ctx.db, { id: newId(), stationId: station.id, chainId: r.chain_id, incidentId: r.incident_id, reportId: r.id, o, metAt: sentAt, reason, byId: me.id, byName: me.displayName, now });
      }
      const set: Patch = {};
      if (r.status === 'signed') {
        Object.assign(set, {
          status: 'sent', sent_at: sentAt, sent_via: input.via, sent_to: input.recipient, sent_by: me.id, sent_by_name: me.displayName,
          sent_note: input.note ?? null, outbox_ref: outboxRef, due_at: met.length ? Math.min(...met.map((o) => o.dueAt)) : null,
          late: late.length ? 1 : 0, late_reason: late.length ? reason : null,
        });
      }
      updateVersioned(ctx.db, 'reports', r.id, input.version, set, now);
      if (r.stage === 'final' || r.stage === 'verified') updateChain(ctx.db, r.chain_id, { done_at: sentAt });
      return saved(ctx, r.id, snapshot(r), (d) => archiveReport(ctx, templateFor(r), d, 'sent'));
    },
  },

  'reports.correct': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const r = load(ctx, input.id);
      if (r.status !== 'signed' && r.status !== 'sent') throw conflict('reports.cannotCorrect');
      if (r.superseded_by && reportById(ctx.db, r.superseded_by)?.status !== 'voided') throw conflict('reports.alreadyCorrected');
      const now = ctx.clock.now();
      const id = newId();
      insertReport(ctx.db, {
        id, station_id: r.station_id, chain_id: r.chain_id, incident_id: r.incident_id, template_id: r.template_id, template_version: r.template_version,
        kind: r.kind, stage: r.stage, seq: r.seq, title: r.title, data: r.data, supersedes: r.id, correction_reason: input.reason,
        author_id: me.id, author_name: me.displayName, created_at: now,
      });
      updateVersioned(ctx.db, 'reports', r.id, r.version, { superseded_by: id }, now);
      ctx.audit({ entity: 'report', entityId: r.id, before: { supersededBy: r.superseded_by }, after: { supersededBy: id } });
      return saved(ctx, id, undefined);
    },
  },

  'reports.void': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const r = load(ctx, input.id);
      if (r.status !== 'draft' && r.status !== 'submitted') throw conflict('reports.cannotVoid');
      const now = ctx.clock.now();
      updateVersioned(ctx.db, 'reports', r.id, input.version, { status: 'voided', voided_at: now, voided_by: me.id, void_reason: input.reason }, now);
      return saved(ctx, r.id, snapshot(r));
    },
  },

  'reports.markStable': {
    handler: (ctx, input) => {
      const c = chainById(ctx.db, input.chainId);
      if (!c) throw notFound('reportChain', input.chainId);
      if (c.incident_id) throw conflict('reports.notStandalone');
      const at = input.at ?? ctx.clock.now();
      updateChain(ctx.db, c.id, { stabilised_at: at });
      ctx.audit({ entity: 'reportChain', entityId: c.id, before: { stabilisedAt: c.stabilised_at }, after: { stabilisedAt: at } });
      return { chainId: c.id, stabilisedAt: at };
    },
  },

  'reports.due': {
    handler: (ctx, input) => {
      const now = ctx.clock.now();
      const items = dueItems(ctx.db, effectiveRules(ctx.db), tzOf(ctx), now);
      const horizon = input.horizonHours === undefined ? Infinity : now + input.horizonHours * 3_600_000;
      const out: DueItem[] = [];
      for (const it of items) {
        if (!it.next || it.next.dueAt > horizon) continue;
        // Named by the composed 事由 (number, place + event), as on the alert strip and the handover, never the caller's summary.
        out.push({ ...it, title: chainTitle(ctx, it.incidentId, it.title), overdue: it.next.dueAt < now });
      }
      return out.sort((a, b) => a.next!.dueAt - b.next!.dueAt);
    },
  },

  'reports.register': {
    handler: (ctx, input) => {
      const tz = tzOf(ctx);
      const now = ctx.clock.now();
      const from = Date.UTC(input.year, 0, 1) - tzOffset(Date.UTC(input.year, 0, 1), tz);
      const to = Date.UTC(input.year + 1, 0, 1) - tzOffset(Date.UTC(input.year + 1, 0, 1), tz);
      const cells = new Map<string, RegisterCell>();
      const cell = (month: string, stage: Stage) => {
        const k = `${month}|${stage}`;
        let c = cells.get(k);
        if (!c) cells.set(k, (c = { month, stage, onTime: 0, late: 0, missed: 0 }));
        return c;
      };
      for (const t of timelinessCounts(ctx.db, from, to)) cell(localMonth(t.due_at, tz), t.stage)[t.late ? 'late' : 'onTime']++;
      for (const it of dueItems(ctx.db, effectiveRules(ctx.db), tz, now)) {
        for (const o of it.open) if (o.dueAt < now && o.dueAt >= from && o.dueAt < to) cell(localMonth(o.dueAt, tz), o.stage).missed++;
      }
      return [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
    },
  },

  'reports.registerDetail': {
    handler: (ctx, input) => {
      const tz = tzOf(ctx);
      const now = ctx.clock.now();
      const [y, m] = input.month.split('-').map(Number);
      const from = localTimeOnDay(Date.UTC(y, m - 1, 1, 12), tz, 0, 0);
      const to = localTimeOnDay(Date.UTC(y, m, 1, 12), tz, 0, 0);
      const rows: TimelinessRow[] = timelinessBetween(ctx.db, from, to).map((r) => ({ ...toTimelinessRow(r), title: chainTitle(ctx, r.incident_id ?? r.chain_incident_id, r.title) }));
      for (const it of dueItems(ctx.db, effectiveRules(ctx.db), tz, now)) {
        for (const o of it.open) {
          if (o.dueAt >= now || o.dueAt < from || o.dueAt >= to) continue;
          rows.push({
            id: `${it.chainId}:${o.ruleId}:${o.seq}`, chainId: it.chainId, incidentId: it.incidentId, reportId: null, ruleId: o.ruleId, stage: o.stage,
            seq: o.seq, stageLabel: stageLabel(o.stage, o.seq), title: it.title, dueAt: o.dueAt, metAt: null, late: true, reason: null, reasonByName: null,
          });
        }
      }
      return rows
        .filter((r) => (!input.stage || r.stage === input.stage) && (!input.lateOnly || r.late))
        .sort((a, b) => a.dueAt - b.dueAt);
    },
  },

  'reports.rules': { handler: (ctx) => ruleViews(ctx.db) },

  'reports.setRule': {
    handler: (ctx, input) => {
      const me = ctx.requireUser();
      const cur = ruleViews(ctx.db).find((r) => r.id === input.id);
      if (!cur) throw invalid('reports.unknownRule', { id: input.id });
      const params = input.reset ? null : input.params ? { ...cur.params, ...input.params } : cur.overridden ? cur.params : null;
      if (params) {
        const need = { within: 'minutes', interval: 'minutes', afterClose: 'minutes', dailyAt: 'times', sameDay: 'windowDays' } as const;
        if (params[need[cur.kind]] === undefined) throw invalid('reports.ruleParams', { id: cur.id, param: need[cur.kind] });
      }
      const enabled = input.reset ? null : input.enabled !== undefined ? input.enabled : cur.enabled !== cur.defaults.enabled ? cur.enabled : null;
      const ok = upsertOverride(ctx.db, {
        ruleId: cur.id, stationId: ctx.requireStation().id, enabled, params, note: input.note ?? cur.overrideNote, by: me.id, now: ctx.clock.now(), version: input.version,
      });
      if (!ok) throw conflict();
      const after = ruleViews(ctx.db).find((r) => r.id === input.id)!;
      ctx.audit({ entity: 'reportRule', entityId: cur.id, before: cur, after });
      return after;
    },
  },

  'reports.config': { handler: (ctx) => getConfig(ctx.db) },

  'reports.setConfig': {
    handler: (ctx, input) => {
      const before = getConfig(ctx.db);
      const after = { ...before };
      if (input.sharpChangeThreshold !== undefined) after.sharpChangeThreshold = input.sharpChangeThreshold;
      if (input.alertLeadMinutes !== undefined) after.alertLeadMinutes = [...new Set(input.alertLeadMinutes)].sort((a, b) => b - a);
      if (input.boardHorizonHours !== undefined) after.boardHorizonHours = input.boardHorizonHours;
      if (input.unitName !== undefined) after.unitName = input.unitName || null;
      if (input.contactPhone !== undefined) after.contactPhone = input.contactPhone || null;
      if (input.copyTo !== undefined) after.copyTo = input.copyTo || null;
      if (input.printedBy !== undefined) after.printedBy = input.printedBy || null;
      if (input.numberCopies !== undefined) after.numberCopies = input.numberCopies;
      putConfig(ctx.db, after, ctx.clock.now());
      ctx.audit({ entity: 'reportsConfig', entityId: 'reports.config', before, after });
      return after;
    },
  },

  'reports.archives': {
    handler: (ctx, input) => {
      load(ctx, input.id);
      return archivesOf(ctx.db, input.id).map((a) => ({ id: a.id, event: a.event, fileName: a.file_name, sha256: a.sha256, size: a.size, byName: a.by_name, createdAt: a.created_at }));
    },
  },

  'reports.archive': {
    handler: (ctx, input) => {
      const a = archiveBytes(ctx.db, input.id);
      if (!a) throw notFound('reportArchive', input.id);
      return { fileName: a.file_name, mime: DOCX_MIME, data: Buffer.from(a.bytes).toString('base64'), sha256: a.sha256 };
    },
  },

  'reports.export': {
    mode: 'async',
    handler: async (ctx, input) => {
      const d = ctx.db.transaction(() => detail(ctx, input.id)).deferred();
      const t = templateFor({ template_id: d.templateId, template_version: d.templateVersion });
      if (!t.export.formats.includes(input.format)) throw invalid('reports.exportFormat', { format: input.format });
      const base = fileBase(d);
      if (input.format === 'docx') {
        // A signed or sent report prints as archived (the exact copy), never re-rendered.
        const last = ctx.db.transaction(() => archivesOf(ctx.db, d.id).at(-1)).deferred();
        const copy = last ? archiveBytes(ctx.db, last.id) : undefined;
        const buf = copy ? copy.bytes : exportDocx(t, d, ctx.db.transaction(() => paperContext(ctx, d)).deferred());
        return { fileName: copy ? copy.file_name : `${base}.docx`, mime: DOCX_MIME, data: Buffer.from(buf).toString('base64') };
      }
      const buf = await exportXlsx(t, d, ctx.db.transaction(() => paperContext(ctx, d)).deferred());
      return { fileName: `${base}.xlsx`, mime: XLSX_MIME, data: buf.toString('base64') };
    },
  },
};
