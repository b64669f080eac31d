import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { world, team, shelter, plan } from './fixture';
import type { Caller, TestApp } from '../helpers';
import { testApp, setUpStation } from '../helpers';

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.t.close());

async function load(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}
const toBase64 = async (wb: ExcelJS.Workbook) => Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
const count = (t: TestApp, table: string) => t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

async function importFile(c: Caller, list: 'teams' | 'shelters' | 'plans', base64: string) {
  const { rows } = await c.ok('resources.readSheet', { base64 });
  return c.call('resources.import', { list, rows });
}

describe('resources spreadsheets: export → real xlsx → import', () => {
  it('teams round-trip into another station unchanged (words for choices and townships, numbers as numbers)', async () => {
    await w.op.ok('resources.save', team('金厂镇防汛抢险队', { townshipCode: '220502100', lat: 41.7011, lng: 126.0302, equipment: '冲锋舟 2 艘、抽水泵 4 台' }));
    await w.op.ok('resources.save', team('东昌区蓝天救援队', { kind: 'social', strength: 55, address: '东昌区新华路 8 号' }));
    const exp = await w.op.ok('resources.export', { list: 'teams' });
    expect(exp).toMatchObject({ rows: 2, fileName: expect.stringMatching(/^Rescue teams-\d{4}-\d{2}-\d{2}\.xlsx$/) });
    const ws = (await load(exp.data)).worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('东昌区应急管理局 Rescue teams');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['Name', 'Kind', 'Strength', '24-hour phone', 'Township', 'Latitude']));
    const body = [4, 5].map((r) => ws.getRow(r).values as unknown[]);
    expect(body.flat()).toEqual(expect.arrayContaining(['金厂镇防汛抢险队', 'Professional rescue', '金厂镇', 41.7011, 'Civil rescue group', 55]));

    // Into a second station: every record arrives with the same values.
    const t2 = testApp();
    const s2 = await setUpStation(t2);
    const r = await importFile(s2.admin, 'teams', exp.data);
    expect(r).toMatchObject({ ok: true, value: { added: 2, updated: 0 } });
    const strip = (rows: { values: Record<string, unknown> }[]) => rows.map((x) => x.values).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(strip(await s2.admin.ok('resources.list', { list: 'teams' }))).toEqual(strip(await w.op.ok('resources.list', { list: 'teams' })));
    // The same file again updates by name rather than doubling the list.
    expect(await importFile(s2.admin, 'teams', exp.data)).toMatchObject({ ok: true, value: { added: 0, updated: 2 } });
    expect(count(t2, 'res_teams')).toBe(2);
    t2.close();
  });

  it('a teams sheet in Chinese with one bad row imports nothing and names the row and the cell in words', async () => {
    const before = count(w.t, 'res_teams');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('队伍');
    ws.addRow(['东昌区应急救援队伍名录']);
    ws.addRow(['名称', '类别', '人数', '负责人', '24小时值守电话', '乡镇（街道）', '纬度', '经度']);
    ws.addRow(['环通乡民兵应急分队', '民兵应急分队', 25, '赵连长', '13800000001', '环通乡', 41.62, 125.88]);
    ws.addRow(['江东乡志愿者队', '志愿者队伍', '二十', '钱队长', '13800000002', '江东乡', '', '']);
    ws.addRow(['老站街道社区救援队', '社会救援力量', 12, '孙队长', '', '老站街道', '', '']);
    const l = await w.t.anon.ok('auth.login', { username: 'op1', password: 'changed-pass-1' });
    const r = await importFile(w.t.as(l.token, 'zh-CN'), 'teams', await toBase64(wb));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain('有 2 行数据不合格，未导入任何记录');
      expect(r.error.message).toContain('第 4 行：“人数”应为不小于 0 的整数（填的是“二十”）');
      expect(r.error.message).toContain('第 5 行：“24小时值守电话”不能为空');
      expect(r.error.details).toEqual({ rows: [expect.objectContaining({ row: 4 }), expect.objectContaining({ row: 5 })] });
    }
    expect(count(w.t, 'res_teams')).toBe(before);
  });

  it('shelters and plans export and import too; a sheet without the required headings is refused', async () => {
    await w.op.ok('resources.save', shelter('滨江街道第一中学避难场所', { townshipCode: '220502009', capacity: 1200, status: 'open' }));
    await w.op.ok('resources.save', plan('东昌区防汛抗旱应急预案', { typeCodes: '11', revisedOn: '2025-05-20' }));
    for (const list of ['shelters', 'plans'] as const) {
      const exp = await w.op.ok('resources.export', { list });
      const t2 = testApp();
      const s2 = await setUpStation(t2);
      expect(await importFile(s2.admin, list, exp.data)).toMatchObject({ ok: true, value: { added: 1 } });
      const [a] = await s2.admin.ok('resources.list', { list });
      const [b] = await w.op.ok('resources.list', { list });
      expect(a.values).toEqual(b.values);
      t2.close();
    }
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名称', '地址']);
    const r = await importFile(w.op, 'shelters', await toBase64(wb));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Required columns are missing from the heading row: Kind、Status、Capacity、Manager、Phone\.$/);
    const junk = await w.op.call('resources.readSheet', { base64: Buffer.from('not a workbook').toString('base64') });
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.message).toMatch(/^The Excel file cannot be read/);
  });
});

