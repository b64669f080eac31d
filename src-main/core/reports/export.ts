import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import {
  allFields, changedFields, fieldInStage, isNumeric, totalsOf,
  type FieldValue, type ReportData, type ReportDetail, type ReportTemplate, type TemplateField,
} from '../../contract/reports';
import { tzOffset } from '../../contract/time';

export interface ExportOptions {
  tz: string;
  /** Township code → name (the statistical unit rows). */
  places: Map<string, string>;
  previous: ReportData | null;
}

/** 2026年11月28日 09时05分, in the station's zone. */
export function fmtTime(tz: string, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  const d = new Date(ms + tzOffset(ms, tz));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${p(d.getUTCMonth() + 1)}月${p(d.getUTCDate())}日 ${p(d.getUTCHours())}时${p(d.getUTCMinutes())}分`;
}

export function fmtValue(f: TemplateField, v: FieldValue | undefined, tz: string): string {
  if (v === null || v === undefined || v === '') return '';
  switch (f.type) {
    case 'datetime': return fmtTime(tz, v as number);
    case 'boolean': return v ? '是' : '否';
    case 'select': return f.options?.find((o) => o.value === v)?.label ?? String(v);
    case 'integer':
    case 'decimal': return `${v}${f.unit ? ` ${f.unit}` : ''}`;
    default: return String(v);
  }
}

const BODY = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong', cs: 'FangSong' };
const HEI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei', cs: 'SimHei' };
const TITLE = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun', cs: 'SimSun' };

const p = (text: string, o: { font?: typeof BODY; size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; color?: string } = {}) =>
  new Paragraph({
    alignment: o.align,
    spacing: { after: o.after ?? 60, line: 440 },
    indent: o.indent ? { firstLine: 640 } : undefined,
    children: [new TextRun({ text, font: o.font ?? BODY, size: o.size ?? 32, bold: o.bold, color: o.color })],
  });

/**
 * The official layout (公文式): title, stage, 报送单位 / 签发人 / 编号 / 报送时间, a red rule,
 * the heading, body sections (a 续报 carries only what changed, plus its new developments and
 * any explanation), the per-township table for statistics, and the attachments list.
 */
export async function exportDocx(t: ReportTemplate, d: ReportDetail, o: ExportOptions): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  children.push(p(t.title, { font: TITLE, size: 44, align: AlignmentType.CENTER, after: 120, color: 'C00000' }));
  children.push(p(`（${d.stageLabel}）`, { font: BODY, size: 32, align: AlignmentType.CENTER, after: 120 }));
  children.push(p(`报送单位：${d.unit}　　签发人：${d.signedByName ?? '（未签发）'}`, { size: 28 }));
  children.push(p(`编号：${d.no ?? '（签发时编号）'}`, { size: 28 }));
  children.push(p(`报送时间：${fmtTime(o.tz, d.sentAt ?? d.signedAt) || '（未报送）'}`, { size: 28 }));
  children.push(new Paragraph({ border: { bottom: { color: 'C00000', style: BorderStyle.SINGLE, size: 12, space: 1 } }, spacing: { after: 240 }, children: [] }));
  children.push(p(`关于${d.title}的${d.stageLabel}`, { font: HEI, size: 32, align: AlignmentType.CENTER, after: 240 }));
  if (d.correctionReason) children.push(p(`（更正版本。更正原因：${d.correctionReason}）`, { indent: true }));

  const only = d.stage === 'followup' ? changedFields(t, d.data, o.previous) : null;
  const breakdown = new Set(t.breakdown?.fields ?? []);
  const totals = totalsOf(t, d.data);
  let n = 0;
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
  for (const s of t.sections) {
    const lines: string[] = [];
    for (const f of s.fields) {
      if (!fieldInStage(f, d.stage)) continue;
      if (only && !only.has(f.id)) continue;
      const v = breakdown.has(f.id) ? totals[f.id] : d.data.fields[f.id];
      const text = fmtValue(f, v, o.tz);
      if (!text) continue;
      // A field named like its section (简要经过, 已经采取的措施) prints as the section's text.
      lines.push(f.label === s.title || s.title.endsWith(f.label) ? text : `${f.label}：${text}`);
    }
    if (!lines.length) continue;
    children.push(p(`${cn[n++] ?? n}、${s.title}`, { font: HEI, indent: true }));
    for (const l of lines) children.push(p(l, { indent: true }));
  }
  if (d.explanation) {
    children.push(p(`${cn[n++] ?? n}、数据变化说明`, { font: HEI, indent: true }));
    children.push(p(d.explanation, { indent: true }));
  }
  if (t.breakdown && d.data.rows && Object.keys(d.data.rows).length) {
    children.push(p(`${cn[n++] ?? n}、分乡镇（街道）情况`, { font: HEI, indent: true }));
    // One row per indicator (with its unit), one column per township, then the total: the
    // township is the statistical unit (standards §3); indicators nobody filled are left out.
    const inds = t.breakdown.fields.map((id) => allFields(t).find((f) => f.id === id)!).filter((f) => Object.values(d.data.rows!).some((r) => typeof r[f.id] === 'number'));
    const codes = Object.keys(d.data.rows);
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: BODY, size: 18, bold })] })] });
    const rows = [new TableRow({ tableHeader: true, children: [cell('指标', true), cell('单位', true), ...codes.map((c) => cell(o.places.get(c) ?? c, true)), cell('合计', true)] })];
    for (const f of inds) {
      rows.push(new TableRow({
        children: [cell(f.label), cell(f.unit ?? ''), ...codes.map((c) => { const v = d.data.rows![c][f.id]; return cell(v === null || v === undefined ? '' : String(v)); }), cell(totals[f.id] === null ? '' : String(totals[f.id]), true)],
      }));
    }
    children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }));
  }
  if (t.attachments.length) {
    children.push(p('', {}));
    children.push(p(`附件：${t.attachments.map((a, i) => `${i + 1}. ${a.label}`).join('　')}`, { indent: true }));
  }
  children.push(p('', {}));
  children.push(p(`起草人：${d.authorName}${d.signedAt ? `　　签发时间：${fmtTime(o.tz, d.signedAt)}` : ''}`, { size: 28, align: AlignmentType.RIGHT }));
  if (d.sentVia) children.push(p(`报送方式：${{ phone: '电话', fax: '传真', document: '公文', sync: '系统报送' }[d.sentVia]}　　接收单位：${d.sentTo ?? ''}`, { size: 28, align: AlignmentType.RIGHT }));

  const doc = new Document({
    creator: 'Watchroom 应急值守台',
    title: `${t.title}（${d.stageLabel}）`,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** The statistical form as a workbook: one row per township (the statistical unit), a 合计 row, units in the header. */
export async function exportXlsx(t: ReportTemplate, d: ReportDetail, o: ExportOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  const ws = wb.addWorksheet('快报表');
  const cols = (t.breakdown?.fields ?? allFields(t).filter(isNumeric).map((f) => f.id)).map((id) => allFields(t).find((f) => f.id === id)!);
  const width = cols.length + 1;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = `${t.title}（${d.stageLabel}）`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const meta: [string, string][] = [
    ['填报单位', d.unit], ['编号', d.no ?? ''], ['签发人', d.signedByName ?? ''], ['报送时间', fmtTime(o.tz, d.sentAt ?? d.signedAt)],
    ...allFields(t).filter((f) => !isNumeric(f) && fieldInStage(f, d.stage) && f.type !== 'textarea').map((f) => [f.label, fmtValue(f, d.data.fields[f.id], o.tz)] as [string, string]),
  ];
  ws.addRow(meta.map(([k, v]) => `${k}：${v}`));
  const header = ws.addRow(['乡镇（街道）', ...cols.map((f) => `${f.label}（${f.unit ?? ''}）`)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const rows = d.data.rows ?? {};
  for (const [code, r] of Object.entries(rows)) ws.addRow([o.places.get(code) ?? code, ...cols.map((f) => (typeof r[f.id] === 'number' ? r[f.id] : null))]);
  const totals = totalsOf(t, d.data);
  const total = ws.addRow(['合计', ...cols.map((f) => totals[f.id])]);
  total.font = { bold: true };
  ws.getColumn(1).width = 16;
  for (let i = 2; i <= width; i++) ws.getColumn(i).width = 12;
  if (d.explanation) ws.addRow([`数据变化说明：${d.explanation}`]);
  const desc = d.data.fields.description;
  if (typeof desc === 'string') ws.addRow([`灾情描述：${desc}`]);
  if (t.attachments.length) ws.addRow([`附件：${t.attachments.map((a, i) => `${i + 1}. ${a.label}`).join('；')}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
