import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';
import { unzip } from '../reports/fixture';
import { displayWidth } from '../../../src-main/core/paper/workbook';

/*
 * Issue 13, "workbooks that print": every xlsx export has a title row (station, subject), the
 * period and export time, A4 in its orientation, fit to one page wide, the header row repeated on
 * every page and frozen, columns as wide as their content, and page numbers in the footer. The
 * files are converted with LibreOffice (the real thing) and rendered to PNG in test-results/paper/.
 */
const OUT = path.join(__dirname, '../../../test-results/paper');
const STATION = '东昌区应急管理局';

interface Paper {
  name: string;
  base64: string;
  orientation: 'portrait' | 'landscape';
  /** Most pages the PDF may have. */
  maxPages: number;
  /** A text that must print whole (a phone number, a code, a date). */
  mustFit?: string[];
}

let t: TestApp;
let admin: Caller;
const papers: Paper[] = [];

beforeAll(async () => {
  t = testApp();
  const set = await setUpStation(t, true);
  // The papers as a Chinese duty room prints them (one English export checks the other locale).
  admin = t.as(set.token, 'zh-CN');
  const en = t.as(set.token, 'en');
  const now = await admin.ok('roster.now');
  const month = now.current!.date.slice(0, 7);
  const item = t.db.prepare("SELECT i.id FROM mat_items i JOIN mat_lines l ON l.item_id = i.id GROUP BY i.id ORDER BY count(*) DESC LIMIT 1").get() as { id: string };
  const mobile = (t.db.prepare("SELECT mobile FROM roster_people WHERE mobile <> '' LIMIT 1").get() as { mobile: string }).mobile;
  const itemCode = (t.db.prepare('SELECT code FROM mat_items LIMIT 1').get() as { code: string }).code;
  const stock = await admin.ok('materials.export', { view: 'stock' });
  papers.push({ name: 'stock', base64: stock.base64, orientation: 'landscape', maxPages: 4, mustFit: [itemCode] });
  const card = await admin.ok('materials.export', { view: 'card', card: { itemId: item.id, from: Date.UTC(2025, 0, 1), to: t.clock.now() } });
  papers.push({ name: 'stock-card', base64: card.base64, orientation: 'landscape', maxPages: 2 });
  const docs = await en.ok('materials.export', { view: 'docs' });
  papers.push({ name: 'docs', base64: docs.base64, orientation: 'landscape', maxPages: 3 });
  const roster = await admin.ok('roster.month.exportXlsx', { month, holidaysOnly: false });
  papers.push({ name: 'roster', base64: roster.base64, orientation: 'landscape', maxPages: 2, mustFit: [mobile] });
  const inc = await admin.ok('incidents.export', {});
  papers.push({ name: 'incidents', base64: inc.data, orientation: 'landscape', maxPages: 8 });
  const audit = await admin.ok('audit.export', {});
  papers.push({ name: 'audit', base64: audit.base64, orientation: 'portrait', maxPages: 2 });
  fs.mkdirSync(OUT, { recursive: true });
  for (const p of papers) fs.writeFileSync(path.join(OUT, `${p.name}.xlsx`), Buffer.from(p.base64, 'base64'));
}, 120_000);

afterAll(() => t?.close());

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

describe('workbooks that print (issue 13)', () => {
  it('every sheet: A4, its orientation, one page wide, print titles, frozen header, page numbers, title and export time', async () => {
    expect(papers.length).toBe(6);
    for (const p of papers) {
      const files = await unzip(Buffer.from(p.base64, 'base64'));
      const book = files.get('xl/workbook.xml')!;
      const sheets = [...files.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
      expect(sheets.length, p.name).toBeGreaterThan(0);
      expect((book.match(/_xlnm\.Print_Titles/g) ?? []).length, `${p.name}: print titles on every sheet`).toBe(sheets.length);
      for (const [n, k] of sheets.entries()) {
        const xml = files.get(k)!;
        const setup = /<pageSetup [^>]*>/.exec(xml)?.[0] ?? '';
        expect(setup, `${p.name} ${k}`).toMatch(/paperSize="9"/);
        expect(setup).toMatch(/fitToWidth="1"/);
        if (n === 0) expect(setup).toContain(`orientation="${p.orientation}"`);
        expect(xml).toMatch(/<pageSetUpPr fitToPage="1"/);
        expect(xml).toMatch(/<pane [^>]*state="frozen"/);
        expect(xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*&amp;N/);
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(p.base64, 'base64') as unknown as ArrayBuffer);
      for (const ws of wb.worksheets) {
        expect(cellText(ws.getCell('A1').value), p.name).toContain(STATION);
        expect(cellText(ws.getCell('A2').value)).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}|Exported: /);
      }
    }
  });

  it('column widths fit their content (codes, phones, dates never cut); long text wraps instead', async () => {
    for (const p of papers) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(p.base64, 'base64') as unknown as ArrayBuffer);
      const seen = new Set<string>();
      for (const ws of wb.worksheets) {
        ws.eachRow((row, r) => {
          if (r < 3) return; // title and period rows are merged across the sheet
          row.eachCell((cell, c) => {
            if (cell.isMerged) return;
            const text = cellText(cell.value);
            seen.add(text);
            const wraps = !!cell.alignment?.wrapText;
            const width = ws.getColumn(c).width ?? 8.43;
            if (!wraps) expect(width, `${p.name} ${ws.name} ${cell.address} "${text}"`).toBeGreaterThanOrEqual(displayWidth(text));
          });
        });
      }
      for (const s of p.mustFit ?? []) expect(seen.has(s) || [...seen].some((x) => x.includes(s)), `${p.name} has ${s}`).toBe(true);
    }
  });

  it('converted with LibreOffice: page counts stay within bounds; pages rendered to PNG', () => {
    const profile = `file://${path.join(OUT, '.lo-profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, ...papers.map((p) => path.join(OUT, `${p.name}.xlsx`))], { timeout: 240_000, stdio: 'pipe' });
    const counts: Record<string, number> = {};
    for (const p of papers) {
      const pdf = path.join(OUT, `${p.name}.pdf`);
      const info = execFileSync('pdfinfo', [pdf]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
      counts[p.name] = pages;
      const [w, h] = [Number(size[1]), Number(size[2])];
      // A4 is 595 × 842 pt.
      expect(Math.abs(Math.min(w, h) - 595), `${p.name} is A4`).toBeLessThan(3);
      expect(Math.abs(Math.max(w, h) - 842)).toBeLessThan(3);
      expect(w > h, `${p.name} ${p.orientation}`).toBe(p.orientation === 'landscape');
      expect(pages, p.name).toBeGreaterThanOrEqual(1);
      expect(pages, p.name).toBeLessThanOrEqual(p.maxPages);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '3', pdf, path.join(OUT, p.name)], { timeout: 60_000 });
    }
    // The month roster is one landscape page; its phones and changes follow on their own page.
    expect(counts.roster).toBe(2);
    fs.writeFileSync(path.join(OUT, 'pages.json'), JSON.stringify(counts, null, 2));
  }, 300_000);
});
