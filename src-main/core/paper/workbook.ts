import ExcelJS from 'exceljs';
import type { Locale } from '../../contract/roles';

/*
 * Workbooks that print. Every sheet an export makes goes through here so that it comes out of the
 * printer as a document: a title row (station, subject), a line with the period and the export
 * time, A4 in the orientation the table needs, one page wide (as many pages long as it takes), the
 * header row repeated on every page and frozen on screen, columns as wide as their content (phones,
 * codes and dates are never cut), thin borders, and "第 1 页 共 3 页" in the footer.
 */
export type Cell = string | number | null;

export interface SheetHead {
  /** Station name (发出单位), first on the title row. */
  station: string;
  /** What the sheet is (物资库存表, 值班表 2026-12). */
  subject: string;
  /** The period the figures cover, already formatted ('' for a snapshot). */
  period: string;
  /** The moment of export, already formatted in the station's zone. */
  exportedAt: string;
  locale: Locale;
}

export interface ColumnSpec {
  header: string;
  /** Smallest and largest width in characters (defaults 6 and 50); long text wraps at the largest. */
  min?: number;
  max?: number;
  /** Numbers right-aligned; text left. */
  align?: 'left' | 'center' | 'right';
}

const WORDS = {
  'zh-CN': { period: '统计期间：', exported: '导出时间：', footer: '第 &P 页 共 &N 页' },
  en: { period: 'Period: ', exported: 'Exported: ', footer: 'Page &P of &N' },
};

/** Characters a cell needs (CJK and full-width forms count two, as Excel's column width does). */
export function displayWidth(v: Cell | undefined): number {
  if (v === null || v === undefined) return 0;
  const s = String(v);
  let n = 0;
  for (const line of s.split('\n')) {
    let w = 0;
    for (const ch of line) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1;
    n = Math.max(n, w);
  }
  return n;
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** A4 page setup for a sheet whose header row is `headerRow` (1-based): repeated, frozen, one page wide. */
export function printSetup(
  ws: ExcelJS.Worksheet,
  o: { orientation: 'portrait' | 'landscape'; headerRows: [number, number]; locale: Locale; lastCol: number; lastRow?: number; fitToHeight?: number },
): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: o.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: o.fitToHeight ?? 0, // 0: as many pages long as needed
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    printTitlesRow: `${o.headerRows[0]}:${o.headerRows[1]}`,
    printArea: o.lastRow ? `A1:${colName(o.lastCol)}${o.lastRow}` : undefined,
  };
  ws.headerFooter = { oddFooter: `&C${WORDS[o.locale].footer}`, evenFooter: `&C${WORDS[o.locale].footer}` };
  ws.views = [{ state: 'frozen', ySplit: o.headerRows[1], xSplit: 0 }];
}

export function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Sets each column to fit the widest of its cells from `fromRow` on (clamped to min/max). Returns
 * which columns hit their cap: their cells must wrap (the caller sets that on the data cells only,
 * so the title and header keep their own alignment).
 */
export function fitColumns(ws: ExcelJS.Worksheet, fromRow: number, specs: { min?: number; max?: number }[] = []): boolean[] {
  const widths: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n < fromRow) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged) return;
      // Bold (header) glyphs run about a fifth wider.
      const w = displayWidth(cell.value as Cell) * (cell.font?.bold || row.font?.bold ? 1.2 : 1);
      widths[c - 1] = Math.max(widths[c - 1] ?? 0, Math.ceil(w));
    });
  });
  const wraps: boolean[] = [];
  for (let c = 0; c < widths.length; c++) {
    const min = specs[c]?.min ?? 6;
    const max = specs[c]?.max ?? 50;
    const want = (widths[c] ?? 0) + 2;
    ws.getColumn(c + 1).width = Math.max(min, Math.min(max, want));
    wraps[c] = want > max;
  }
  return wraps;
}

/** The merged title must not be wider than the table under it: widen the columns evenly if it is. */
export function widenForTitle(ws: ExcelJS.Worksheet, lastCol: number): void {
  const title = Math.ceil(displayWidth(ws.getCell(1, 1).value as Cell) * 16 / 11) + 4; // 16 pt title over 11 pt body
  const sub = displayWidth(ws.getCell(2, 1).value as Cell) + 2;
  const need = Math.max(title, sub);
  let total = 0;
  for (let i = 1; i <= lastCol; i++) total += ws.getColumn(i).width ?? 8.43;
  if (total >= need) return;
  const extra = (need - total) / lastCol;
  for (let i = 1; i <= lastCol; i++) ws.getColumn(i).width = Math.ceil((ws.getColumn(i).width ?? 8.43) + extra);
}

/** The two head rows: "东昌区应急管理局 物资库存表" and "统计期间：… 导出时间：…". Returns the next free row. */
export function writeHead(ws: ExcelJS.Worksheet, head: SheetHead, lastCol: number): number {
  const w = WORDS[head.locale];
  const t = ws.getRow(1);
  t.getCell(1).value = `${head.station} ${head.subject}`.trim();
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  t.height = 28;
  ws.mergeCells(1, 1, 1, Math.max(1, lastCol));
  const s = ws.getRow(2);
  s.getCell(1).value = [head.period ? w.period + head.period : '', w.exported + head.exportedAt].filter(Boolean).join('    ');
  s.font = { size: 10 };
  s.alignment = { horizontal: 'right' };
  ws.mergeCells(2, 1, 2, Math.max(1, lastCol));
  return 3;
}

/**
 * A complete printable table sheet: head rows, one header row (repeated on every page), bordered
 * data rows, widths fitted, A4 set up. Landscape is chosen when the columns are wider than a
 * portrait page holds (unless the caller decides).
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  head: SheetHead,
  columns: ColumnSpec[],
  rows: Cell[][],
  opts: { orientation?: 'portrait' | 'landscape'; footnotes?: string[] } = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(name));
  const n = columns.length;
  const hr = writeHead(ws, head, n);
  const header = ws.getRow(hr);
  columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (let i = 1; i <= n; i++) {
    const cell = header.getCell(i);
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
  }
  rows.forEach((r, k) => {
    const row = ws.getRow(hr + 1 + k);
    for (let i = 0; i < n; i++) {
      const cell = row.getCell(i + 1);
      cell.value = r[i] ?? null;
      cell.border = BORDER;
      const align = columns[i].align ?? (typeof r[i] === 'number' ? 'right' : 'left');
      cell.alignment = { horizontal: align, vertical: 'top', wrapText: true };
    }
  });
  let last = hr + rows.length;
  for (const f of opts.footnotes ?? []) {
    last++;
    ws.getRow(last).getCell(1).value = f;
    ws.mergeCells(last, 1, last, n);
  }
  const wraps = fitColumns(ws, hr, columns);
  widenForTitle(ws, n);
  // Data cells wrap only where a column hit its cap (rows grow there); elsewhere a cell is one line.
  for (let i = 1; i <= n; i++) {
    for (let r = hr + 1; r <= hr + rows.length; r++) {
      const cell = ws.getRow(r).getCell(i);
      cell.alignment = { ...cell.alignment, wrapText: !!wraps[i - 1] };
    }
  }
  // LibreOffice and Excel size rows from wrapped text only when asked: estimate the lines.
  for (let r = hr + 1; r <= hr + rows.length; r++) {
    let lines = 1;
    for (let i = 1; i <= n; i++) {
      if (!wraps[i - 1]) continue;
      const w = ws.getColumn(i).width ?? 8.43;
      lines = Math.max(lines, Math.ceil(displayWidth(rows[r - hr - 1][i - 1]) / Math.max(1, w - 1)));
    }
    if (lines > 1) ws.getRow(r).height = 15 * lines;
  }
  const total = columns.reduce((a, _c, i) => a + (ws.getColumn(i + 1).width ?? 8), 0);
  const orientation = opts.orientation ?? (total > PORTRAIT_CHARS ? 'landscape' : 'portrait');
  printSetup(ws, { orientation, headerRows: [hr, hr], locale: head.locale, lastCol: n, lastRow: last });
  return ws;
}

/** Width units across an A4 portrait page at about 90 % (≈100 fit at 100 %); wider tables print landscape. */
export const PORTRAIT_CHARS = 110;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(s: string): string {
  return s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

export async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString('base64');
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  return wb;
}

/** "2026-12-02 14:05" in the station's zone. */
export function stamp(ms: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}
