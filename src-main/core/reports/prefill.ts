import type { IncidentRow } from '../../contract/incidents';
import { allFields, type PREFILL_KEYS, type ReportData, type ReportTemplate, type Stage, fieldInStage } from '../../contract/reports';
import { ACCIDENT_TYPES, INDUSTRIES, className, typeName } from '../incidents/taxonomy';

type Key = (typeof PREFILL_KEYS)[number];
const join = (parts: (string | null | undefined)[], sep = '') => parts.filter((p) => p && p.trim()).join(sep) || null;

/** Values of the incident record, named as templates reference them (`prefill`). */
export function incidentValues(i: IncidentRow): Record<Key, string | number | null> {
  return {
    occurredAt: i.occurredAt ?? i.receivedAt,
    receivedAt: i.receivedAt,
    place: join([i.townshipName, i.villageName, i.placeText]),
    township: i.townshipCode,
    eventType: `${className(i.classCode)} / ${typeName(i.typeCode)}`,
    grade: i.grade,
    summary: i.summary,
    dead: i.casualties.dead,
    injured: i.casualties.injured,
    serious: i.casualties.serious,
    missing: i.casualties.missing,
    trapped: i.casualties.trapped,
    evacuated: i.casualties.evacuated,
    // The incident keeps yuan; report forms take 万元.
    directLossWan: i.directLoss === null ? null : Math.round(i.directLoss / 100) / 100,
    measures: i.measures,
    caller: join([i.callerUnit, i.callerName, i.callerTitle, i.callerPhone], ' '),
    informed: i.informed,
    trend: i.trend,
    accidentType: i.accidentType ? (ACCIDENT_TYPES.find((t) => t.code === i.accidentType)?.name ?? i.accidentType) : null,
    industry: i.industry ? (INDUSTRIES.find((t) => t.code === i.industry)?.name ?? i.industry) : null,
  };
}

/** A new report's data: the previous report of the chain (a 续报 carries it forward), then the incident's current facts. */
export function prefillData(t: ReportTemplate, stage: Stage, incident: IncidentRow | null, previous: ReportData | null, now: number): ReportData {
  const fields: ReportData['fields'] = {};
  const vals = incident ? incidentValues(incident) : null;
  for (const f of allFields(t)) {
    if (!fieldInStage(f, stage) || f.always) continue;
    const prev = previous?.fields[f.id];
    if (prev !== undefined && prev !== null) fields[f.id] = prev;
    // Figures and grade follow the incident log; text the operator wrote is carried forward.
    const live = f.prefill && vals ? vals[f.prefill] : null;
    if (live !== null && live !== undefined && (prev === undefined || prev === null || f.type === 'integer' || f.type === 'decimal' || f.id === 'grade')) {
      if (f.type === 'select' && !f.options?.some((o) => o.value === live)) continue;
      fields[f.id] = live;
    }
  }
  if (t.kind === 'daily' && fields.reportDate === undefined) fields.reportDate = now;
  if (t.breakdown && fields.statsUntil === undefined) fields.statsUntil = now;
  const data: ReportData = { fields };
  if (t.breakdown) {
    data.rows = previous?.rows ? structuredClone(previous.rows) : {};
    if (incident?.townshipCode && !data.rows[incident.townshipCode]) data.rows[incident.townshipCode] = {};
    // Breakdown figures live in the rows, never in the flat fields: the incident's casualties go to its
    // township's row (standards §3: the township is the statistical unit), following the log like the flat figures.
    const row = incident?.townshipCode ? data.rows[incident.townshipCode] : null;
    for (const id of t.breakdown.fields) {
      if (row && id in fields && fields[id] !== null) row[id] = fields[id] as number;
      delete fields[id];
    }
  }
  return data;
}
