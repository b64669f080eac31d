import type { Ctx, Handlers } from '../api/types';
import {
  suggestAccidentGrade,
  type CorrectableField,
  type EntryKind,
  type Grade,
  type GridColumnState,
  type IncidentDetail,
  type Status,
  mayAckInApp,
} from '../../contract/incidents';
import { conflict, forbidden, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { placeByCode } from '../station/places';
import {
  ACCIDENT_THRESHOLDS,
  isAccidentClass,
  taxonomyOf,
  taxonomyProblem,
} from './taxonomy';
import {
  CASUALTY_KEYS,
  COUNT_CAP,
  FIELD_COLUMNS,
  ackAttention,
  appendEntry,
  attachmentById,
  attachmentsOf,
  attentionById,
  attentionOf,
  duplicateCandidates,
  entriesOf,
  entryById,
  getConfig,
  getSetting,
  incidentNo,
  insertAttention,
  insertIncident,
  listIncidents,
  mergedInto,
  nextSeq,
  pendingAttention,
  putSetting,
  recordById,
  reindex,
  rowById,
  voidAttachment,
  type IncidentRecord,
} from './repo';
import { attachFile, readAttachment, receiveChunk } from './attachments';
import { exportXlsx } from './export';
import { missingGradeOf } from './grading';
import { localYear } from '../../contract/time';
import { updateVersioned, bumpVersion, type Patch, type SqlValue } from '../db/versioned';

const MINUTE = 60_000;

function load(ctx: Ctx, id: string): IncidentRecord {
  const r = recordById(ctx.db, id);
  if (!r) throw notFound('incident', id);
  return r;
}

/** Changing anything on a closed or merged record is refused (reopen first). */
function writable(ctx: Ctx, r: IncidentRecord): void {
  if (r.merged_into) {
    const p = recordById(ctx.db, r.merged_into)!;
    throw conflict('incidents.mergedInto', { no: incidentNo(p.year, p.seq) });
  }
  if (r.status === 'closed') throw conflict('incidents.closed');
}

export function detail(ctx: Ctx, id: string): IncidentDetail {
  const row = rowById(ctx.db, id);
  if (!row) throw notFound('incident', id);
  const merged = mergedInto(ctx.db, id);
  const ids = [id, ...merged.map((m) => m.id)];
  return {
    ...row,
    entries: entriesOf(ctx.db, ids),
    attention: ids.flatMap((x) => attentionOf(ctx.db, x)),
    attachments: attachmentsOf(ctx.db, ids),
    merged,
    missingGrade: missingGradeOf(row, getConfig(ctx.db), ctx.clock.now()),
  };
}

function saved(ctx: Ctx, id: string, before: unknown): IncidentDetail {
  const d = detail(ctx, id);
  const { entries: _e, attention: _a, attachments: _f, merged: _m, ...after } = d;
  ctx.audit({ entity: 'incident', entityId: id, before, after });
  return d;
}

function me(ctx: Ctx) {
  const u = ctx.requireUser();
  return { id: u.id, name: u.displayName };
}

function entry(ctx: Ctx, incidentId: string, kind: EntryKind, body: string, data?: unknown, at?: number): string {
  const id = newId();
  const u = me(ctx);
  const now = ctx.clock.now();
  appendEntry(ctx.db, { id, stationId: ctx.requireStation().id, incidentId, kind, at: at ?? now, body, data, authorId: u.id, authorName: u.name }, now);
  return id;
}

function raiseAttention(ctx: Ctx, incidentId: string, entryId: string | null, reason: string): void {
  const u = me(ctx);
  const now = ctx.clock.now();
  insertAttention(ctx.db, {
    id: newId(),
    stationId: ctx.requireStation().id,
    incidentId,
    entryId,
    reason,
    raisedBy: u.id,
    raisedByName: u.name,
    raisedAt: now,
    dueAt: now + getConfig(ctx.db).escalationMinutes * MINUTE,
  });
}

/** Bad times (standards §6 phone-record elements: time comes first). */
function checkTimes(ctx: Ctx, receivedAt: number, occurredAt: number | null | undefined): void {
  const { toleranceMinutes } = getConfig(ctx.db);
  const tol = toleranceMinutes * MINUTE;
  const now = ctx.clock.now();
  if (receivedAt > now + tol) throw invalid('incidents.receivedInFuture', {}, { issues: [{ path: ['receivedAt'], message: 'future' }] });
  if (occurredAt != null) {
    if (occurredAt > now + tol) throw invalid('incidents.occurredInFuture', {}, { issues: [{ path: ['occurredAt'], message: 'future' }] });
    if (occurredAt > receivedAt + tol) {
      throw invalid('incidents.occurredAfterReceived', { minutes: toleranceMinutes }, { issues: [{ path: ['occurredAt'], message: 'afterReceived' }] });
    }
  }
}

function checkCodes(f: { classCode: string; typeCode: string; accidentType?: string | null; industry?: string | null }): void {
  const p = taxonomyProblem(f);
  if (p) throw invalid('incidents.unknownCode', { field: p[0], code: p[1] }, { issues: [{ path: [p[0]], message: 'unknownCode' }] });
}

/** Resolves township/village against the station's places; a village alone implies its township. */
function checkPlace(ctx: Ctx, townshipCode: string | null | undefined, villageCode: string | null | undefined): { township: string | null; village: string | null } {
  const place = (code: string) => placeByCode(ctx.db, code);
  let township = townshipCode ?? null;
  const village = villageCode ?? null;
  if (township) {
    const t = place(township);
    if (!t || t.level !== 'township') throw invalid('incidents.unknownPlace', { code: township }, { issues: [{ path: ['townshipCode'], message: 'unknownPlace' }] });
  }
  if (village) {
    const v = place(village);
    if (!v || v.level !== 'village') throw invalid('incidents.unknownPlace', { code: village }, { issues: [{ path: ['villageCode'], message: 'unknownPlace' }] });
    if (township && v.parent_code !== township) throw invalid('incidents.villageNotInTownship', {}, { issues: [{ path: ['villageCode'], message: 'villageNotInTownship' }] });
    township = v.parent_code;
  }
  return { township, village };
}

function suggestion(classCode: string, c: { dead: number; serious: number }, loss: number | null | undefined): Grade | null {
  return isAccidentClass(classCode) ? suggestAccidentGrade(ACCIDENT_THRESHOLDS, c, loss).grade : null;
}

const nul = <T,>(v: T | undefined): T | null => (v === undefined ? null : v);

export const incidentsHandlers: Handlers<
  | 'incidents.taxonomy'
  | 'incidents.create'
  | 'incidents.get'
  | 'incidents.list'
  | 'incidents.duplicates'
  | 'incidents.addEntry'
  | 'incidents.correct'
  | 'incidents.setGrade'
  | 'incidents.setStatus'
  | 'incidents.flag'
  | 'incidents.ack'
  | 'incidents.queue'
  | 'incidents.merge'
  | 'incidents.uploadChunk'
  | 'incidents.attach'
  | 'incidents.attachment'
  | 'incidents.voidAttachment'
  | 'incidents.export'
  | 'incidents.gridState'
  | 'incidents.saveGridState'
  | 'incidents.setConfig'
> = {
  'incidents.taxonomy': { handler: (ctx) => taxonomyOf(getConfig(ctx.db)) },

  'incidents.create': {
    handler: (ctx, input) => {
      const station = ctx.requireStation();
      const u = me(ctx);
      const now = ctx.clock.now();
      const receivedAt = input.receivedAt ?? now;
      checkTimes(ctx, receivedAt, input.occurredAt);
      checkCodes(input);
      const place = checkPlace(ctx, input.townshipCode, input.villageCode);
      const suggested = suggestion(input.classCode, input.casualties, input.directLoss);
      const grade = input.grade ?? suggested;
      const overridden = input.grade !== undefined && input.grade !== suggested;
      if (overridden && !input.gradeReason) {
        throw invalid('incidents.gradeReasonRequired', {}, { issues: [{ path: ['gradeReason'], message: 'required' }] });
      }
      const year = localYear(receivedAt, station.timeZone);
      const id = newId();
      const c = input.casualties;
      insertIncident(ctx.db, {
        id,
        station_id: station.id,
        year,
        seq: nextSeq(ctx.db, year),
        received_at: receivedAt,
        occurred_at: nul(input.occurredAt),
        source: input.source,
        caller_unit: nul(input.callerUnit) || null,
        caller_name: nul(input.callerName) || null,
        caller_title: nul(input.callerTitle) || null,
        caller_phone: nul(input.callerPhone) || null,
        township_code: place.township,
        village_code: place.village,
        place_text: nul(input.placeText) || null,
        lat: nul(input.lat),
        lng: nul(input.lng),
        class_code: input.classCode,
        type_code: input.typeCode,
        accident_type: nul(input.accidentType),
        industry: nul(input.industry),
        summary: input.summary,
        dead: c.dead,
        injured: c.injured,
        serious: c.serious,
        missing: c.missing,
        trapped: c.trapped,
        evacuated: c.evacuated,
        direct_loss: nul(input.directLoss),
        measures: nul(input.measures) || null,
        informed: nul(input.informed) || null,
        trend: nul(input.trend) || null,
        cause: nul(input.cause) || null,
        result: nul(input.result) || null,
        impact: nul(input.impact) || null,
        endangered: input.endangered ?? 0,
        serious_pollution: input.seriousPollution ? 1 : 0,
        key_site_threat: input.keySiteThreat ? 1 : 0,
        grade,
        grade_suggested: suggested,
        grade_overridden: overridden ? 1 : 0,
        status: 'received',
        flagged: input.flagged ? 1 : 0,
        merged_into: null,
        created_by: u.id,
        created_by_name: u.name,
        version: 1,
        created_at: now,
        updated_at: now,
        closed_at: null,
      });
      entry(ctx, id, 'intake', input.summary, { source: input.source }, receivedAt);
      if (grade) entry(ctx, id, 'grade', input.gradeReason ?? '', { from: null, to: grade, suggested, overridden });
      // Every call is passed to the leader on duty within the configured time (standards §6).
      raiseAttention(ctx, id, null, 'new');
      if (input.flagged) {
        const e = entry(ctx, id, 'flag', input.flagReason ?? '', {});
        raiseAttention(ctx, id, e, input.flagReason || 'flag');
      }
      reindex(ctx.db, id);
      return saved(ctx, id, undefined);
    },
  },

  'incidents.get': { handler: (ctx, input) => detail(ctx, input.id) },

  'incidents.list': {
    handler: (ctx, input) => {
      const r = listIncidents(ctx.db, input);
      return { rows: r.rows, total: r.total, countCap: COUNT_CAP };
    },
  },

  'incidents.duplicates': {
    handler: (ctx, input) => {
      const cfg = getConfig(ctx.db);
      return duplicateCandidates(ctx.db, {
        at: input.occurredAt ?? input.receivedAt ?? ctx.clock.now(),
        windowMs: cfg.duplicateWindowMinutes * MINUTE,
        townshipCode: input.townshipCode ?? null,
        classCode: input.classCode,
        typeCode: input.typeCode,
      });
    },
  },

  'incidents.addEntry': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      const now = ctx.clock.now();
      if (input.at !== undefined && input.at > now + getConfig(ctx.db).toleranceMinutes * MINUTE) {
        throw invalid('incidents.occurredInFuture', {}, { issues: [{ path: ['at'], message: 'future' }] });
      }
      const e = entry(ctx, r.id, input.kind, input.body, null, input.at);
      const set: Patch = {};
      if (r.status === 'received' && input.kind !== 'followup') {
        set.status = 'handling';
        entry(ctx, r.id, 'status', '', { from: 'received', to: 'handling' });
      }
      if (input.flag) {
        set.flagged = 1;
        raiseAttention(ctx, r.id, e, input.body.slice(0, 200));
      }
      bumpVersion(ctx.db, 'incidents', r.id, now, set);
      reindex(ctx.db, r.id);
      return saved(ctx, r.id, before);
    },
  },

  'incidents.correct': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      writable(ctx, r);
      if (r.version !== input.version) throw conflict();
      const before = rowById(ctx.db, r.id)!;
      const ch = input.changes;
      const changes: Record<string, [unknown, unknown]> = {};
      const set: Patch = {};
      for (const [field, col] of Object.entries(FIELD_COLUMNS) as [Exclude<CorrectableField, 'casualties'>, string][]) {
        if (!(field in ch)) continue;
        let v = (ch as Record<string, unknown>)[field];
        if (v === undefined || v === '') v = null;
        if (typeof v === 'boolean') v = v ? 1 : 0;
        if (v === null && (field === 'endangered' || field === 'seriousPollution' || field === 'keySiteThreat')) v = 0;
        const old = (r as unknown as Record<string, unknown>)[col];
        if (v !== old) {
          changes[field] = [old, v];
          set[col] = v as SqlValue;
        }
      }
      if (ch.casualties) {
        for (const k of CASUALTY_KEYS) {
          if (ch.casualties[k] !== r[k]) {
            changes[`casualties.${k}`] = [r[k], ch.casualties[k]];
            set[k] = ch.casualties[k];
          }
        }
      }
      if (!Object.keys(changes).length) return detail(ctx, r.id);
      const next = { ...r, ...set } as IncidentRecord;
      if (set.summary === null) throw invalid('validation', {}, { issues: [{ path: ['changes', 'summary'], message: 'required' }] });
      checkTimes(ctx, r.received_at, next.occurred_at);
      checkCodes({ classCode: next.class_code, typeCode: next.type_code, accidentType: next.accident_type, industry: next.industry });
      const place = checkPlace(ctx, next.township_code, next.village_code);
      if (place.township !== next.township_code) set.township_code = place.township;

      const suggested = suggestion(next.class_code, next, next.direct_loss);
      set.grade_suggested = suggested;
      if (!r.grade_overridden && suggested !== r.grade) {
        set.grade = suggested;
        set.grade_overridden = 0;
      }
      const onlyLosses = Object.keys(changes).every((k) => k.startsWith('casualties.') || k === 'directLoss');
      const now = ctx.clock.now();
      updateVersioned(ctx.db, 'incidents', r.id, input.version, set, now);
      entry(ctx, r.id, onlyLosses ? 'casualty' : 'correction', input.reason, { changes });
      if ('grade' in set) entry(ctx, r.id, 'grade', '', { from: r.grade, to: set.grade, suggested, overridden: false });
      reindex(ctx.db, r.id);
      return saved(ctx, r.id, before);
    },
  },

  'incidents.setGrade': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      if (input.grade === r.grade) return detail(ctx, r.id);
      const overridden = input.grade !== r.grade_suggested;
      updateVersioned(ctx.db, 'incidents', r.id, input.version, { grade: input.grade, grade_overridden: overridden ? 1 : 0 }, ctx.clock.now());
      entry(ctx, r.id, 'grade', input.reason, { from: r.grade, to: input.grade, suggested: r.grade_suggested, overridden });
      return saved(ctx, r.id, before);
    },
  },

  'incidents.setStatus': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      if (r.merged_into) writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      const from: Status = r.status;
      const to = input.status;
      if (from === to) return detail(ctx, r.id);
      if (from === 'handling' && to === 'received') throw conflict('incidents.badTransition', { from, to });
      if (from === 'closed' && !input.reason) throw invalid('incidents.reopenReason', {}, { issues: [{ path: ['reason'], message: 'required' }] });
      const now = ctx.clock.now();
      const set: Patch = { status: from === 'closed' ? 'handling' : to, closed_at: to === 'closed' ? now : null };
      updateVersioned(ctx.db, 'incidents', r.id, input.version, set, now);
      entry(ctx, r.id, 'status', input.reason ?? '', { from, to: set.status, reopen: from === 'closed' });
      return saved(ctx, r.id, before);
    },
  },

  'incidents.flag': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      if (input.entryId) {
        const e = entryById(ctx.db, input.entryId);
        if (!e || e.incident_id !== r.id) throw invalid('incidents.entryNotInIncident', {}, { issues: [{ path: ['entryId'], message: 'entryNotInIncident' }] });
      }
      const e = entry(ctx, r.id, 'flag', input.reason, { entryId: input.entryId ?? null });
      raiseAttention(ctx, r.id, input.entryId ?? e, input.reason);
      bumpVersion(ctx.db, 'incidents', r.id, ctx.clock.now(), { flagged: 1 });
      return saved(ctx, r.id, before);
    },
  },

  'incidents.ack': {
    handler: (ctx, input) => {
      const a = attentionById(ctx.db, input.attentionId);
      if (!a) throw notFound('attention', input.attentionId);
      if (a.acked_at !== null) throw conflict('incidents.alreadyAcked');
      const user = ctx.requireUser();
      if (input.via === 'app' && !mayAckInApp(user)) throw forbidden('incidents.ackLeaderOnly');
      if (input.via === 'phone' && !input.leaderName) throw invalid('incidents.leaderNameRequired', {}, { issues: [{ path: ['leaderName'], message: 'required' }] });
      const before = rowById(ctx.db, a.incident_id);
      const now = ctx.clock.now();
      const leaderName = input.via === 'app' ? user.displayName : input.leaderName!;
      ackAttention(ctx.db, a.id, { at: now, by: user.id, byName: user.displayName, via: input.via, leaderName, note: input.note ?? null });
      entry(ctx, a.incident_id, 'ack', input.note ?? '', { attentionId: a.id, via: input.via, leaderName, dueAt: a.due_at, late: now > a.due_at });
      bumpVersion(ctx.db, 'incidents', a.incident_id, now);
      return saved(ctx, a.incident_id, before);
    },
  },

  'incidents.queue': {
    handler: (ctx, input) => pendingAttention(ctx.db, input.overdueOnly ? ctx.clock.now() : null),
  },

  'incidents.merge': {
    handler: (ctx, input) => {
      if (input.id === input.intoId) throw invalid('incidents.mergeSelf');
      const r = load(ctx, input.id);
      const into = load(ctx, input.intoId);
      if (r.merged_into) throw conflict('incidents.alreadyMerged', { no: incidentNo(r.year, r.seq) });
      if (into.merged_into) throw conflict('incidents.alreadyMerged', { no: incidentNo(into.year, into.seq) });
      if (into.status === 'closed') throw conflict('incidents.closed');
      const before = rowById(ctx.db, r.id);
      const now = ctx.clock.now();
      const set: Patch = { merged_into: into.id };
      if (r.status !== 'closed') Object.assign(set, { status: 'closed', closed_at: now });
      updateVersioned(ctx.db, 'incidents', r.id, input.version, set, now);
      const intoNo = incidentNo(into.year, into.seq);
      const fromNo = incidentNo(r.year, r.seq);
      entry(ctx, r.id, 'merge', input.reason, { into: into.id, intoNo });
      entry(ctx, into.id, 'merge', input.reason, { from: r.id, fromNo });
      // Records whose own duplicates were merged into `r` follow it.
      for (const m of mergedInto(ctx.db, r.id)) bumpVersion(ctx.db, 'incidents', m.id, now, { merged_into: into.id });
      bumpVersion(ctx.db, 'incidents', into.id, now);
      reindex(ctx.db, into.id);
      ctx.audit({ entity: 'incident', entityId: r.id, before, after: rowById(ctx.db, r.id) });
      return saved(ctx, into.id, rowById(ctx.db, into.id));
    },
  },

  // Writes a temp file only (no database change), so it is not a mutation; `attach` is.
  'incidents.uploadChunk': {
    handler: (ctx, input) => ({ received: receiveChunk(ctx, input.uploadId, input.offset, input.data) }),
  },

  'incidents.attach': {
    handler: (ctx, input) => {
      const r = load(ctx, input.id);
      writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      const a = attachFile(ctx, r.id, input);
      entry(ctx, r.id, 'attachment', input.name, { attachmentId: a, sha256: input.sha256, size: input.size, mime: input.mime });
      bumpVersion(ctx.db, 'incidents', r.id, ctx.clock.now());
      reindex(ctx.db, r.id);
      return saved(ctx, r.id, before);
    },
  },

  'incidents.voidAttachment': {
    handler: (ctx, input) => {
      const a = attachmentById(ctx.db, input.id);
      if (!a) throw notFound('attachment', input.id);
      const r = load(ctx, a.incident_id);
      writable(ctx, r);
      const before = rowById(ctx.db, r.id);
      const u = me(ctx);
      const now = ctx.clock.now();
      voidAttachment(ctx.db, a.id, u.id, input.reason, now);
      entry(ctx, r.id, 'correction', input.reason, { changes: { attachment: [a.name, null] }, attachmentId: a.id });
      bumpVersion(ctx.db, 'incidents', r.id, now);
      return saved(ctx, r.id, before);
    },
  },

  'incidents.attachment': { handler: (ctx, input) => readAttachment(ctx, input.id) },

  'incidents.export': { mode: 'async', handler: (ctx, input) => exportXlsx(ctx, input) },

  'incidents.gridState': {
    handler: (ctx) => ({ state: getSetting<GridColumnState[]>(ctx.db, `incidents.grid.${ctx.requireUser().id}`) }),
  },

  'incidents.saveGridState': {
    handler: (ctx, input) => {
      const key = `incidents.grid.${ctx.requireUser().id}`;
      const before = getSetting(ctx.db, key);
      putSetting(ctx.db, key, input.state ?? null, ctx.clock.now());
      ctx.audit({ entity: 'setting', entityId: key, before, after: input.state });
      return { state: input.state ?? null };
    },
  },

  'incidents.setConfig': {
    handler: (ctx, input) => {
      const before = getConfig(ctx.db);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      putSetting(ctx.db, 'incidents.config', after, ctx.clock.now());
      ctx.audit({ entity: 'setting', entityId: 'incidents.config', before, after });
      return after;
    },
  },
};
