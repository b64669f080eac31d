import ExcelJS from 'exceljs';
import {
  allFields, fieldInStage, isNumeric, totalsOf, type ReportDetail, type ReportTemplate, type TemplateField,
} from '../../../contract/reports';
import { cnDate, paperValue, type PaperContext } from './compose';

/** Indicator columns that fit one A4 landscape page width at a readable size. */
export const COLUMNS_PER_PAGE = 14;

/**
 * The 快报表 workbook in the official table's layout: a row per statistical unit (township,
 * standards §3) and the 合计 row; the indicators as columns grouped under their section (人口受灾,
 * 紧急转移安置, 房屋, 农业, 基础设施, 直接经济损失), units in the header. Prints on A4 landscape:
 * title row, fit to width (a page per 14 indicators, the township column and header rows repeated),
 * frozen header, footer page numbers "— 1 —".
 */
export async function quickReportWorkbook(t: ReportTemplate, d: ReportDetail, c: PaperContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  const ids = new Set(t.breakdown?.fields ?? allFields(t).filter(isNumeric).map((f) => f.id));
  const groups = t.sections.map((s) => ({ title: s.title, cols: s.fields.filter((f) => ids.has(f.id)) })).filter((g) => g.cols.length);
  const cols: TemplateField[] = groups.flatMap((g) => g.cols);
  const width = cols.length + 1;
  const pages = Math.max(1, Math.ceil(cols.length / COLUMNS_PER_PAGE));
  const firstPage = Math.min(width, COLUMNS_PER_PAGE + 1);
  const ws = wb.addWorksheet('快报表', {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: pages, fitToHeight: 0,
      horizontalCentered: true, printTitlesRow: '3:4', printTitlesColumn: 'A:A',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C— &P —', evenFooter: '&C— &P —' },
    views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }],
  });
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };

  // Title and the form's head line, over the first page's width so they print on page 1.
  ws.mergeCells(1, 1, 1, firstPage);
  const title = ws.getCell(1, 1);
  title.value = `${t.title}（${d.stageLabel}）`;
  title.font = { bold: true, size: 18, name: '方正小标宋简体' };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  const f = (id: string) => allFields(t).find((x) => x.id === id);
  const head = [
    d.unit,
    ...['disasterType', 'startedAt', 'statsUntil'].map((id) => (f(id) && fieldInStage(f(id)!, d.stage) ? `${f(id)!.label}：${paperValue(f(id)!, d.data.fields[id], c)}` : '')),
    d.no ? `编号：${d.no}` : '',
  ].filter(Boolean).join('　　');
  // Labels stand in column A (repeated on every page), the text from column B.
  ws.getCell(2, 1).value = '填报单位';
  ws.mergeCells(2, 2, 2, firstPage);
  ws.getCell(2, 2).value = head;
  ws.getCell(2, 2).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(2).height = 30;

  // Two header rows: sections, then indicators with units.
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = '乡镇（街道）';
  let col = 2;
  for (const g of groups) {
    if (g.cols.length > 1) ws.mergeCells(3, col, 3, col + g.cols.length - 1);
    ws.getCell(3, col).value = g.title;
    col += g.cols.length;
  }
  cols.forEach((x, i) => { ws.getCell(4, i + 2).value = `${x.label}（${x.unit ?? ''}）`; });
  for (const r of [3, 4]) {
    for (let i = 1; i <= width; i++) {
      const cell = ws.getCell(r, i);
      cell.font = { bold: true, size: 10 };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = box;
    }
  }
  ws.getRow(3).height = 30;
  ws.getRow(4).height = 58;

  const rows = d.data.rows ?? {};
  const totals = totalsOf(t, d.data);
  const dataRow = (name: string, values: (number | null)[], bold: boolean) => {
    const row = ws.addRow([name, ...values]);
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (cell, i) => {
      cell.border = box;
      cell.font = { size: 10, bold };
      if (i > 1) { cell.alignment = { horizontal: 'right', vertical: 'middle' }; }
    });
  };
  for (const [code, r] of Object.entries(rows)) dataRow(c.places.get(code) ?? '', cols.map((x) => (typeof r[x.id] === 'number' ? r[x.id] : null)), false);
  dataRow('合计', cols.map((x) => totals[x.id]), true);

  ws.getColumn(1).width = 14;
  for (let i = 2; i <= width; i++) ws.getColumn(i).width = 9.5;

  // Text parts and the sign-off line, over the first page's width.
  const text = (label: string, s: string, h = 20) => {
    const r = ws.addRow([label, s]);
    ws.mergeCells(r.number, 2, r.number, firstPage);
    r.getCell(1).font = { bold: true };
    r.getCell(1).alignment = { vertical: 'top' };
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    r.height = Math.min(120, 18 * Math.ceil(s.length / 80) + 4, Math.max(h, 18 * Math.ceil(s.length / 80) + 4));
  };
  const desc = d.data.fields.description;
  if (typeof desc === 'string' && desc) text('灾情描述', desc);
  const measures = d.data.fields.measures;
  if (typeof measures === 'string' && measures) text('救灾工作情况', measures);
  if (d.explanation) text('数据变化说明', d.explanation);
  if (t.attachments.length) text('附件', t.attachments.map((a, i) => `${i + 1}. ${a.label}`).join('　'));
  text('签发', `单位负责人（签发人）：${d.signedByName ?? ''}　　填表人：${d.authorName}　　联系电话：${c.contactPhone ?? ''}　　报出日期：${cnDate(c.tz, d.sentAt ?? d.signedAt ?? c.now)}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
