import {
  allFields, changedFields, cnNumber, fieldInStage, isNumeric, totalsOf,
  type FieldValue, type ReportData, type ReportDetail, type ReportTemplate, type TemplateField,
} from '../../../contract/reports';
import type { IncidentRow } from '../../../contract/incidents';
import { tzOffset } from '../../../contract/time';
import { ACCIDENT_TYPES } from '../../incidents/taxonomy';
import { eventTitle } from '../../incidents/subject';
import type { AnnexTable, Block, OfficialDoc } from './gbt9704';

/** What the paper needs beyond the report itself, gathered by the caller. */
export interface PaperContext {
  tz: string;
  /** Township / village code → name: places print by name, never by code. */
  places: Map<string, string>;
  /** The county (district) the station serves, e.g. 东昌区. */
  county: string | null;
  incident: IncidentRow | null;
  previous: { stageLabel: string; data: ReportData } | null;
  /** 联系电话 of the duty room (reports config). */
  contactPhone: string | null;
  /** Print the 发文机关 before 关于 in the title. */
  issuerInTitle?: boolean;
  /** Export time (the 成文日期 of an unsigned draft). */
  now: number;
  /** Image files of the incident (its scene photos): the 附件说明 lists 现场照片 only when there are some. */
  photos?: number;
  /** 版记 (standards §7): 抄送机关 and 印发机关 as configured (印发机关 defaults to the 发文机关). */
  copyTo?: string | null;
  printedBy?: string | null;
  /** 份号 of this copy (6 digits), when the station numbers its copies. */
  copyNo?: string | null;
}

const local = (tz: string, ms: number) => new Date(ms + tzOffset(ms, tz));
/** 成文日期 (§7): Arabic numerals, no leading zeros — 2026年12月2日. */
export function cnDate(tz: string, ms: number): string {
  const d = local(tz, ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
/** 2026年11月28日9时5分 — a time within the text. */
export function cnTime(tz: string, ms: number): string {
  const d = local(tz, ms);
  return `${cnDate(tz, ms)}${d.getUTCHours()}时${d.getUTCMinutes() ? `${d.getUTCMinutes()}分` : ''}`;
}

const CODE = /^\d{9}(\d{3})?$/;
/** A value as it reads on paper; a division code that slipped into a text field prints as its name. */
export function paperValue(f: TemplateField, v: FieldValue | undefined, c: Pick<PaperContext, 'tz' | 'places'>): string {
  if (v === null || v === undefined || v === '') return '';
  switch (f.type) {
    case 'datetime': return typeof v === 'number' ? cnTime(c.tz, v) : '';
    case 'boolean': return v ? '是' : '否';
    case 'select': return f.options?.find((o) => o.value === v)?.label ?? String(v);
    case 'integer':
    case 'decimal': return `${v}${f.unit ?? ''}`;
    default: {
      const s = String(v).trim();
      return CODE.test(s) ? (c.places.get(s) ?? '') : s;
    }
  }
}

const end = (s: string) => (/[。！？；：]$/.test(s) ? s : `${s}。`);
const trimEnd = (s: string) => s.replace(/[。；，\s]+$/, '');

/** The event as named in a title: 中毒和窒息 → 中毒窒息事故, a 山体滑坡 type stays as it is. */
export function eventName(t: ReportTemplate, i: IncidentRow | null, d: ReportData): string {
  if (t.kind === 'accident' && !i?.accidentType) {
    // A standalone accident report names the type as written in its form.
    const at = typeof d.fields.accidentType === 'string' ? ACCIDENT_TYPES.find((x) => x.name === d.fields.accidentType)?.code ?? null : null;
    return eventTitle({ classCode: '2', typeCode: null, accidentType: at }, 'zh-CN');
  }
  if (t.kind === 'disaster') {
    const dt = typeof d.fields.disasterType === 'string' ? d.fields.disasterType : null;
    return dt ? `${dt}灾害` : '自然灾害';
  }
  return i ? eventTitle(i, 'zh-CN') : '突发事件';
}

/** 事由's place: county + township (+ village) from the structured fields. */
export function placeName(c: PaperContext): string {
  const i = c.incident;
  const town = i?.townshipName ?? (i?.townshipCode ? c.places.get(i.townshipCode) : null) ?? '';
  const village = i?.villageName ?? '';
  return `${c.county ?? ''}${town}${village}`;
}

/** 文种 of a stage: 初报, 续报（二）, 终报, 核报, 日报（第3期）. */
export function genreOf(d: Pick<ReportDetail, 'stage' | 'seq'>): string {
  if (d.stage === 'followup') return d.seq > 0 ? `续报（${cnNumber(d.seq)}）` : '续报';
  if (d.stage === 'daily') return d.seq > 0 ? `日报（第${d.seq}期）` : '日报';
  return { initial: '初报', final: '终报', verified: '核报' }[d.stage];
}

/**
 * The title (§7: 发文机关 + 事由 + 文种): "关于东昌区环通乡中毒窒息事故的初报". The 事由 is composed from
 * structured fields (place by name + event), never the caller's summary. A standalone disaster
 * process is named by the title the operator gave it ("11·27 东昌区暴雨洪涝") + 灾情.
 */
export function composeTitle(t: ReportTemplate, d: ReportDetail, c: PaperContext): string {
  let subject: string;
  if (t.kind === 'disaster' && !c.incident) subject = `${d.title.replace(/\s+/g, '')}${/灾情$/.test(d.title) ? '' : '灾情'}`;
  else if (t.kind === 'daily' && !c.incident) {
    const day = typeof d.data.fields.reportDate === 'number' ? cnDate(c.tz, d.data.fields.reportDate) : cnDate(c.tz, d.createdAt);
    subject = `${c.county ?? ''}${day}突发事件信息`;
  } else subject = `${placeName(c)}${eventName(t, c.incident, d.data)}`;
  return `${c.issuerInTitle ? d.unit : ''}关于${subject}的${genreOf(d)}`;
}

/** A label as it reads in running text: the form's hint in brackets drops ("事件概况（起因、经过）" → 事件概况), "死亡人数…人" reads "死亡…人". */
function paperLabel(f: TemplateField): string {
  if (isNumeric(f)) {
    const l = f.unit ? f.label.replace(`（${f.unit}）`, '') : f.label;
    return f.unit === '人' && l.endsWith('人数') && l.length > 3 ? l.slice(0, -2) : l;
  }
  return f.label.replace(/（[^）]*）$/, '') || f.label;
}

/**
 * One section's text, tight enough for a one-page 初报: figures read "死亡0人，受伤2人"; a field
 * named like its section prints as the section's text, and so does a section's only written
 * passage; a second time on the same day prints without the date; a classification the title
 * already carries (事件类型 食品安全和职业危害) is not repeated.
 */
function sectionText(t: ReportTemplate, s: ReportTemplate['sections'][number], d: ReportDetail, c: PaperContext, only: Set<string> | null, title: string): string {
  const totals = totalsOf(t, d.data);
  const breakdown = new Set(t.breakdown?.fields ?? []);
  const parts: { text: string; label: string | null; written?: boolean }[] = [];
  let figures: string[] = [];
  let day: string | null = null;
  const flush = () => { if (figures.length) parts.push({ text: figures.join('，'), label: null }); figures = []; };
  for (const f of s.fields) {
    if (!fieldInStage(f, d.stage)) continue;
    if (only && !only.has(f.id)) continue;
    const v = breakdown.has(f.id) ? totals[f.id] : d.data.fields[f.id];
    let text = paperValue(f, v, c);
    if (!text) continue;
    if (isNumeric(f)) {
      // "紧急转移安置人口645人，其中：集中安置445人，分散安置200人".
      let label = paperLabel(f);
      if (label.startsWith('其中：') && figures.length && figures[figures.length - 1].includes('其中：')) label = label.slice(3);
      figures.push(`${label}${text}`);
      continue;
    }
    flush();
    if (f.type === 'datetime' && typeof v === 'number') {
      const date = cnDate(c.tz, v);
      if (date === day) text = text.slice(date.length);
      day = date;
    }
    const kind = text.split(/\s*\/\s*/).at(-1)!;
    if (f.type === 'text' && !f.options && kind.length >= 2 && title.includes(kind)) continue;
    // A field named like its section (简要经过, 已经采取的措施, 事故发生单位概况（…）) prints as the section's text.
    const own = f.label === s.title || s.title.endsWith(f.label) || f.label.startsWith(s.title) || (f.type === 'textarea' && s.fields.length === 1);
    parts.push({ text: trimEnd(text), label: own ? null : paperLabel(f), written: f.type === 'textarea' });
  }
  flush();
  if (!parts.length) return '';
  // A section whose only passage is one written text reads as that text ("三、处置情况。已安排属地处置。").
  if (parts.length === 1 && parts[0].written) return end(parts[0].text);
  return end(parts.map((p) => (p.label ? `${p.label}：${p.text}` : p.text)).join('；'));
}

/** What a 续报 changed against the report it follows, in words (figures "由2人增至3人"). */
export function changesSentence(t: ReportTemplate, d: ReportDetail, c: PaperContext): string {
  if (!c.previous) return '';
  const a = totalsOf(t, c.previous.data);
  const b = totalsOf(t, d.data);
  const out: string[] = [];
  for (const f of allFields(t)) {
    if (!fieldInStage(f, d.stage) || f.always) continue;
    if (isNumeric(f)) {
      const x = a[f.id];
      const y = b[f.id];
      if (x === y || y === null || y === undefined) continue;
      const u = f.unit ?? '';
      out.push(x === null || x === undefined ? `${f.label}${y}${u}` : `${f.label}由${x}${u}${y > x ? '增至' : '减至'}${y}${u}`);
    } else if ((c.previous.data.fields[f.id] ?? null) !== (d.data.fields[f.id] ?? null) && d.data.fields[f.id] !== undefined) {
      out.push(`${f.label}有更新`);
    }
  }
  return out.length ? `与${c.previous.stageLabel}相比：${out.join('，')}。` : `与${c.previous.stageLabel}相比，各项情况无变化。`;
}

/**
 * The body. Rule for empty sections: a section with nothing filled in is omitted and the numbering
 * closes up (a heading with "暂无" wastes a line of a one-page 初报). Completeness before submission
 * guarantees that every section holding a required field has text, so only optional matter drops.
 * A 续报 reports what changed: it opens with the changes and carries only changed sections.
 */
export function composeBody(t: ReportTemplate, d: ReportDetail, c: PaperContext): Block[] {
  const out: Block[] = [];
  const followup = d.stage === 'followup';
  if (d.correctionReason) out.push({ kind: 'p', text: `（本件为更正版本，更正原因：${end(d.correctionReason)}）` });
  if (followup) out.push({ kind: 'p', text: changesSentence(t, d, c) });
  const only = followup ? changedFields(t, d.data, c.previous?.data ?? null) : null;
  const title = composeTitle(t, d, c);
  let n = 0;
  for (const s of t.sections) {
    if (!s.fields.some((f) => fieldInStage(f, d.stage))) continue;
    const text = sectionText(t, s, d, c, only, title);
    if (!text) continue;
    out.push({ kind: 'h1', lead: `${cnNumber(++n)}、${s.paperTitle ?? s.title}。`, text });
  }
  if (d.explanation) out.push({ kind: 'h1', lead: `${cnNumber(++n)}、数据变化说明。`, text: end(d.explanation) });
  out.push({ kind: 'p', text: '特此报告。' });
  return out;
}

/**
 * The per-township figures as an annex table that fits the 版心: one row per indicator someone
 * filled, a column per township and the total; landscape when more than four townships.
 */
export function breakdownAnnex(t: ReportTemplate, d: ReportDetail, c: PaperContext, label: string): AnnexTable | null {
  if (!t.breakdown || !d.data.rows || !Object.keys(d.data.rows).length) return null;
  const rows = d.data.rows;
  const codes = Object.keys(rows);
  const totals = totalsOf(t, d.data);
  const inds = t.breakdown.fields.map((id) => allFields(t).find((f) => f.id === id)!).filter((f) => Object.values(rows).some((r) => typeof r[f.id] === 'number'));
  const fmt = (v: number | null | undefined) => (typeof v === 'number' ? String(v) : '');
  return {
    label,
    title: '分乡镇（街道）灾情统计表',
    header: ['指标', '单位', ...codes.map((k) => c.places.get(k) ?? ''), '合计'],
    rows: inds.map((f) => [f.label, f.unit ?? '', ...codes.map((k) => fmt(rows[k][f.id])), fmt(totals[f.id])]),
    widths: [3.4, 1.1, ...codes.map(() => 1.75), 1.8],
    landscape: codes.length > 4,
    numeric: [...codes.map((_, i) => i + 2), codes.length + 2],
  };
}

/** Everything on the paper of one report, composed (GB/T 9704-2012, standards §7). */
export function composeReport(t: ReportTemplate, d: ReportDetail, c: PaperContext): OfficialDoc {
  const annex = breakdownAnnex(t, d, c, '附件1');
  // 附件说明 lists what goes with the report: the annex table, and the scene photos when the incident has
  // some. A template's other attachment kinds (证照, 示意图) have no file here, so they are not claimed.
  const photos = c.photos ?? 0;
  const attachments = [...(annex ? [annex.title] : []), ...t.attachments.filter((a) => a.id === 'photos' && photos > 0).map((a) => `${a.label}（${photos}张）`)];
  const date = cnDate(c.tz, d.signedAt ?? c.now);
  return {
    issuer: d.unit,
    number: d.no,
    signer: d.signedByName ?? '',
    title: composeTitle(t, d, c),
    recipient: d.sentTo,
    body: composeBody(t, d, c),
    attachments,
    signature: d.unit,
    date,
    contact: { name: d.authorName, phone: c.contactPhone },
    annexes: annex ? [annex] : [],
    copyNo: c.copyNo ?? null,
    // 印发日期: the day it went out (sent), else the 成文日期.
    colophon: { copyTo: c.copyTo ?? null, printedBy: c.printedBy || d.unit, printedOn: d.sentAt ? cnDate(c.tz, d.sentAt) : date },
    docTitle: `${t.title}（${d.stageLabel}）`,
  };
}
