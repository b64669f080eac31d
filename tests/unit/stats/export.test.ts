/**
 * 导出数据 (issue 16): each chart's figures as a printable workbook. The sheets are parsed back
 * with ExcelJS and compared with what `stats.incidents` / `stats.timeliness` return for the same
 * filter; every name is in words (never a class, type, grade or township code).
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, world } from '../incidents/fixtures';
import type { TestApp } from '../helpers';

const at = (y: number, m: number, d: number, h = 2) => Date.UTC(y, m - 1, d, h); // 10:00 Beijing time

// Months pass on the test clock between the calls: sessions idle out, so each step signs in afresh.
const login = async (t: TestApp, username: string) => t.as((await t.anon.ok('auth.login', { username, password: 'changed-pass-1' })).token);

async function records() {
  const w = await world();
  w.t.clock.t = at(2026, 3, 10);
  const op = await login(w.t, 'op1');
  await op.ok('incidents.create', call({ grade: 'IV', casualties: { dead: 1, injured: 2, serious: 0, missing: 0, trapped: 0, evacuated: 0 } }));
  await op.ok('incidents.create', call({ typeCode: '22', accidentType: '02', industry: 'road', casualties: { dead: 2, injured: 0, serious: 0, missing: 1, trapped: 0, evacuated: 0 } }));
  w.t.clock.t = at(2026, 5, 4);
  const op2 = await login(w.t, 'op1');
  await op2.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: undefined, industry: undefined, townshipCode: undefined, summary: '山体滑坡', directLoss: 5_000_000 }));
  w.t.clock.t = at(2026, 6, 1);
  // The viewer reads in Chinese (the duty room's default); one test reads the English workbook.
  const token = (await w.t.anon.ok('auth.login', { username: 'view1', password: 'changed-pass-1' })).token;
  return { ...w, viewer: w.t.as(token, 'zh-CN'), viewerEn: w.t.as(token, 'en') };
}

async function parse(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** The data rows of a table sheet (head rows 1–2, the header row 3) as plain values. */
function table(ws: ExcelJS.Worksheet): { header: unknown[]; rows: unknown[][] } {
  const vals = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) rows.push(vals(r));
  return { header: vals(3), rows };
}

describe('stats.export (导出数据)', () => {
  const filter = { from: '2026-01-01', to: '2026-06-01' };

  it('writes every incident chart as a sheet whose figures equal stats.incidents, names in words', async () => {
    const { viewer } = await records();
    const s = await viewer.ok('stats.incidents', filter);
    const out = await viewer.ok('stats.export', { view: 'incidents', filter });
    expect(out.filename).toBe('突发事件统计-2026-01-01-2026-06-01.xlsx');
    const wb = await parse(out.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['突发事件逐月统计表', '突发事件分类别统计表', '突发事件分级别统计表', '突发事件分乡镇统计表', '突发事件分类型统计表']);

    const months = table(wb.worksheets[0]);
    expect(months.header).toEqual(['月份', '本期起数', '去年同期起数']);
    expect(months.rows).toEqual([...s.byMonth.map((m) => [m.month, m.count, m.lastYear]), ['合计', 3, 0]]);

    const classes = table(wb.getWorksheet('突发事件分类别统计表')!);
    expect(classes.header).toEqual(['事件类别', '事件起数', '死亡人数', '失踪人数', '受伤人数', '直接经济损失（万元）']);
    // Class 2 (事故灾难): 1 + 2 dead, 1 missing, 2 + 0 injured, 2 × 20 万元; class 1 (自然灾害): the fixture's 1 injured, 500 万元.
    expect(classes.rows).toEqual([
      ['事故灾难', 2, 3, 1, 2, 40],
      ['自然灾害', 1, 0, 0, 1, 500],
      ['合计', 3, 3, 1, 3, 540],
    ]);
    expect(classes.rows.slice(0, 2)).toEqual(s.byClass.map((b, i) => [classes.rows[i][0], b.count, b.dead, b.missing, b.injured, b.loss / 10_000]));

    const towns = table(wb.getWorksheet('突发事件分乡镇统计表')!);
    expect(towns.rows.map((r) => r[0])).toEqual(['东昌街道', '未填乡镇', '合计']);
    expect(towns.rows.map((r) => r[1])).toEqual([...s.byTownship.map((b) => b.count), 3]);

    const grades = table(wb.getWorksheet('突发事件分级别统计表')!);
    expect(grades.rows.map((r) => r[1])).toEqual([...s.byGrade.map((b) => b.count), 3]);
    for (const r of grades.rows) expect(r[0]).toMatch(/^(特别重大|重大|较大|一般|未定级|合计)$/);

    const types = table(wb.getWorksheet('突发事件分类型统计表')!);
    expect(types.rows.map((r) => r[1])).toEqual([...s.byType.map((b) => b.count), 3]);
    // No code anywhere a person reads: every name cell holds Chinese words.
    for (const ws of wb.worksheets.slice(1)) for (const r of table(ws).rows) expect(String(r[0])).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('prints: title row, A4, one page wide, the header row repeated', async () => {
    const { viewer } = await records();
    const wb = await parse((await viewer.ok('stats.export', { view: 'incidents', filter, chart: 'townships' })).base64);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain('突发事件分乡镇统计表');
    expect(String(ws.getCell(2, 1).value)).toContain('统计期间：2026-01-01 至 2026-06-01');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  });

  it('timeliness sheets equal stats.timeliness; a chart of the other page is refused in words', async () => {
    const { viewer } = await records();
    const s = await viewer.ok('stats.timeliness', filter);
    const wb = await parse((await viewer.ok('stats.export', { view: 'timeliness', filter })).base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信息报送及时率逐月统计表', '信息报送及时率分乡镇统计表']);
    const m = table(wb.worksheets[0]);
    expect(m.header).toEqual(['月份', '应报次数', '按时报送', '迟报', '逾期未报（漏报）', '按时报送率（%）']);
    expect(m.rows.slice(0, s.byMonth.length).map((r) => r.slice(0, 5))).toEqual(s.byMonth.map((b) => [b.key, b.due, b.onTime, b.late, b.missed]));
    if (s.byMonth.length) expect(m.rows.at(-1)!.slice(0, 5)).toEqual(['合计', s.totals.due, s.totals.onTime, s.totals.late, s.totals.missed]);
    const bad = await viewer.call('stats.export', { view: 'timeliness', filter, chart: 'classes' });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
    if (!bad.ok) expect(JSON.stringify(bad.error)).toContain('该图表不属于所选的统计页');
  });

  it('in English the sheets and names are English words', async () => {
    const { viewerEn } = await records();
    const out = await viewerEn.ok('stats.export', { view: 'incidents', filter, chart: 'classes' });
    expect(out.filename).toBe('Incidents by class-2026-01-01-2026-06-01.xlsx');
    const ws = (await parse(out.base64)).worksheets[0];
    expect(ws.name).toBe('Incidents by class');
    expect(table(ws).rows.map((r) => r[0])).toEqual(['Accident', 'Natural disaster', 'Total']);
  });
});
