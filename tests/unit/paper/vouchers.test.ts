import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { materialsFixture, receive } from '../materials/fixture';
import { totalsByUnit } from '../../../src-renderer/src/features/materials/totals';

/* Issue 13, vouchers and the stock card: totals per unit only; the incident by number and short title; 摘要 per movement. */
describe('vouchers and stock card (issue 13)', () => {
  it('totals per unit: 30 顶 and 50 床 are two totals, never 80', () => {
    const lines = [
      { unit: '顶', qty: 10 },
      { unit: '床', qty: 50 },
      { unit: '顶', qty: 20 },
      { unit: '箱', qty: 0.1 },
      { unit: '箱', qty: 0.2 },
    ];
    expect(totalsByUnit(lines, (l) => l.qty)).toEqual([
      { unit: '顶', qty: 30 },
      { unit: '床', qty: 50 },
      { unit: '箱', qty: 0.3 },
    ]);
    expect(totalsByUnit(lines, (l) => l.qty).some((x) => x.qty === 80)).toBe(false);
  });

  it('an issue voucher names its incident by number and short title, and the stock card says what each movement was', async () => {
    const fx = await materialsFixture();
    const inc = await fx.admin.ok('incidents.create', {
      source: 'phone', callerUnit: '江南街道办事处', callerName: '李明', callerTitle: '干部', callerPhone: '13904351234',
      townshipCode: (fx.t.db.prepare("SELECT code FROM places WHERE level = 'township' LIMIT 1").get() as { code: string } | undefined)?.code ?? null,
      placeText: '新华社区商业街12号', classCode: '2', typeCode: '21', accidentType: '08', industry: 'industry_trade',
      summary: '一家小型仓库发生火灾，现场浓烟较大，消防队已出动，报告人称情况紧急。',
      casualties: { dead: 0, injured: 1, serious: 0, missing: 0, trapped: 0, evacuated: 30 }, directLoss: null, measures: '', informed: '', trend: '',
    } as never);
    await receive(fx.keeper, fx.depot.id, [
      { itemId: fx.tent.id, qty: 40 },
      { itemId: fx.quilt.id, qty: 100 },
    ]);
    const d = await fx.keeper.ok('materials.docs.save', {
      kind: 'issue', warehouseId: fx.depot.id, incidentId: inc.id, recipient: '江南街道办事处', reason: '安置受灾群众',
      lines: [{ itemId: fx.tent.id, qty: 30 }, { itemId: fx.quilt.id, qty: 50 }],
    });
    const posted = await fx.keeper.ok('materials.docs.post', { id: d.id, version: d.version });
    expect(posted.incidentTitle).toMatch(new RegExp(`^${inc.no} `));
    expect(posted.incidentTitle).toContain('火灾');
    expect(posted.incidentTitle).not.toContain('报告人称');
    expect(totalsByUnit(posted.lines, (l) => l.qty)).toEqual([
      { unit: '顶', qty: 30 },
      { unit: '床', qty: 50 },
    ]);
    const card = { itemId: fx.tent.id, warehouseId: fx.depot.id, from: 0, to: fx.t.clock.now() + 1 };
    const c = await fx.keeper.ok('materials.stockCard', card);
    expect(c.rows.map((r) => r.summary)).toEqual([expect.stringMatching(/^Receipt, purchase/), `Issue, 江南街道办事处, ${inc.no} 东昌街道 Fire accident, 安置受灾群众`]);
    const x = await fx.keeper.ok('materials.export', { view: 'card', card });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('Stock card 棉帐篷（12平方米） Unit: 顶');
    expect(ws.getRow(3).values).toContain('Summary');
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts.some((s) => s.startsWith('Issue, 江南街道办事处'))).toBe(true);
    expect(texts.some((s) => /^[0-9a-f]{8}-/.test(s))).toBe(false);
    fx.t.close();
  });
});
