import type { Ctx } from '../api/types';
import type { IncidentRow, ListFilter } from '../../contract/incidents';
import { listIncidents } from './repo';
import { addTableSheet, newWorkbook, stamp, toBase64 } from '../paper/workbook';
import { ACCIDENT_TYPES, CLASSES, GRADE_ITEMS, INDUSTRIES } from './taxonomy';

/** Most rows one export carries (the grid's current view; narrow the filter for more). */
export const EXPORT_MAX = 10_000;

const SOURCE_NAMES: Record<string, [string, string]> = {
  phone: ['电话', 'Phone'],
  hotline12350: ['12350举报', '12350 hotline'],
  transfer110: ['110转警', 'From 110'],
  transfer119: ['119转警', 'From 119'],
  transfer120: ['120转警', 'From 120'],
  superior: ['上级通报', 'Superior notice'],
  township: ['乡镇报告', 'Township report'],
  media: ['媒体', 'Media'],
  other: ['其他', 'Other'],
};
const STATUS_NAMES: Record<string, [string, string]> = { received: ['已接报', 'Received'], handling: ['处置中', 'Handling'], closed: ['已办结', 'Closed'] };

export async function exportXlsx(ctx: Ctx, input: ListFilter & { sort?: { col: 'receivedAt' | 'occurredAt' | 'grade' | 'status' | 'township' | 'no'; dir: 'asc' | 'desc' } }) {
  const zh = ctx.locale !== 'en';
  const tz = ctx.requireStation().timeZone;
  const rows: IncidentRow[] = [];
  for (let offset = 0; rows.length < EXPORT_MAX; offset += 1000) {
    const page = listIncidents(ctx.db, { ...input, offset, limit: Math.min(1000, EXPORT_MAX - rows.length), count: false });
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  const when = (ms: number | null) => (ms == null ? '' : fmt.format(ms));
  const name = (list: { code: string; name: string; en: string }[], code: string | null) => {
    const x = list.find((i) => i.code === code);
    return x ? (zh ? x.name : x.en) : (code ?? '');
  };
  const types = CLASSES.flatMap((c) => c.types);
  const cols: [string, string, number, (r: IncidentRow) => string | number | null][] = [
    ['编号', 'No.', 12, (r) => r.no],
    ['接报时间', 'Received', 17, (r) => when(r.receivedAt)],
    ['发生时间', 'Occurred', 17, (r) => when(r.occurredAt)],
    ['来源', 'Source', 10, (r) => SOURCE_NAMES[r.source]?.[zh ? 0 : 1] ?? r.source],
    ['乡镇（街道）', 'Township', 14, (r) => r.townshipName ?? ''],
    ['村（社区）', 'Village', 14, (r) => r.villageName ?? ''],
    ['地点', 'Place', 20, (r) => r.placeText ?? ''],
    ['事件类别', 'Class', 12, (r) => name(CLASSES, r.classCode)],
    ['事件类型', 'Type', 18, (r) => name(types, r.typeCode)],
    ['事故类型', 'Accident type', 12, (r) => name(ACCIDENT_TYPES, r.accidentType)],
    ['行业', 'Sector', 12, (r) => name(INDUSTRIES, r.industry)],
    ['等级', 'Grade', 10, (r) => name(GRADE_ITEMS, r.grade)],
    ['状态', 'Status', 8, (r) => STATUS_NAMES[r.status][zh ? 0 : 1]],
    ['死亡', 'Dead', 6, (r) => r.casualties.dead],
    ['受伤', 'Injured', 6, (r) => r.casualties.injured],
    ['其中重伤', 'Serious', 8, (r) => r.casualties.serious],
    ['失踪', 'Missing', 6, (r) => r.casualties.missing],
    ['被困', 'Trapped', 6, (r) => r.casualties.trapped],
    ['转移', 'Evacuated', 6, (r) => r.casualties.evacuated],
    ['直接经济损失（万元）', 'Direct loss (10k CNY)', 12, (r) => (r.directLoss == null ? null : r.directLoss / 10_000)],
    ['事件概要', 'Summary', 40, (r) => r.summary],
    ['报告人', 'Caller', 16, (r) => [r.callerUnit, r.callerName, r.callerPhone].filter(Boolean).join(' ')],
    ['登记人', 'Recorded by', 10, (r) => r.createdByName],
  ];
  const wb = newWorkbook();
  const s = ctx.requireStation();
  addTableSheet(
    wb,
    zh ? '接报登记' : 'Incidents',
    { station: s.name, subject: zh ? '突发事件接报登记表' : 'Incident register', period: input.from !== undefined || input.to !== undefined ? `${input.from !== undefined ? stamp(input.from, tz).slice(0, 10) : ''}${zh ? ' 至 ' : ' to '}${input.to !== undefined ? stamp(input.to, tz).slice(0, 10) : ''}` : '', exportedAt: stamp(ctx.clock.now(), tz), locale: ctx.locale },
    // The width given is the cap: long text wraps there, short columns fit their content.
    cols.map(([zhName, en, width]) => ({ header: zh ? zhName : en, min: Math.min(width, 6), max: Math.max(width, 8) })),
    rows.map((r) => cols.map((c) => c[3](r))),
    { orientation: 'landscape' },
  );
  return { fileName: `${zh ? '接报登记' : 'incidents'}-${stamp(ctx.clock.now(), tz).slice(0, 10)}.xlsx`, data: await toBase64(wb), rows: rows.length };
}
