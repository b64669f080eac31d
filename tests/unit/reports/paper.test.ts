import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { H, MIN, fire } from './fixture';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';
import { digest, redact } from '../../../src-main/core/audit/chain';
import { titleLines } from '../../../src-main/core/reports/paper/gbt9704';
import type { ReportDetail } from '../../../src-main/contract/reports';
import dongchang from '../../../resources/divisions/220502.json';
import { NO_SOFFICE, SOFFICE, docxParts, paragraphs, pdfPageSizes, pdfPageText, renderPaper } from './paperTools';

import accidentTypes from '../../../resources/taxonomy/accident-types.json';
const EN_19 = accidentTypes.types.find((x) => x.code === '19')!.en;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s, 'base64');
const TWIPS_PER_MM = 1440 / 25.4;
const near = (twips: number, mm: number, tolMm = 1) => Math.abs(twips / TWIPS_PER_MM - mm) <= tolMm;

interface W { t: TestApp; admin: Caller; op: Caller; leader: Caller }
async function world(): Promise<W> {
  const t = testApp();
  const { token } = await setUpStation(t);
  const admin = t.as(token, 'zh-CN');
  const person = async (username: string, displayName: string, roles: ('operator' | 'leader')[]) => {
    await admin.ok('users.create', { username, displayName, password: 'initial-pass-1', roles });
    const l = await t.anon.ok('auth.login', { username, password: 'initial-pass-1' });
    const c = t.as(l.token, 'zh-CN');
    await c.ok('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' });
    return c;
  };
  const op = await person('chenli', '陈丽', ['operator']);
  const leader = await person('wangjh', '王建华', ['leader']);
  await leader.ok('reports.setConfig', { contactPhone: '0435-3212345' });
  return { t, admin, op, leader };
}

/** A poisoning accident in 环通乡 (a typical 初报 of a duty room). */
async function poisoning(w: W) {
  const inc = await w.op.ok('incidents.create', fire({
    townshipCode: '220502200', placeText: '某食品加工企业', accidentType: '19', callerUnit: '环通乡人民政府', callerName: '张强', callerTitle: '应急办主任',
    summary: '环通乡某食品加工企业污水处理池清淤作业时发生中毒窒息事故，报告人称情况紧急。',
    casualties: { dead: 1, injured: 2, serious: 1, missing: 0, trapped: 0, evacuated: 0 }, directLoss: 1_500_000,
    measures: '区应急管理局、环通乡政府负责同志已赶赴现场，组织救援并将伤员送往区人民医院救治，已责令企业停产', informed: '已报120、119', trend: '现场已得到控制',
  }));
  const r = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id });
  return { inc, r };
}
const complete = (r: ReportDetail) => ({
  fields: {
    ...r.data.fields,
    unitOverview: '东昌区某食品加工有限公司，民营企业，法定代表人李某，主要从事豆制品生产，从业人员46人',
    scene: '事故发生在企业污水处理池，池深约3米，现场已设置警戒',
    course: '11月28日8时40分许，该企业2名员工进入污水处理池清淤时晕倒，1名员工施救时相继晕倒，3人被救出后送医，其中1人经抢救无效死亡',
  },
});
async function signedAndSent(w: W) {
  const { inc, r } = await poisoning(w);
  let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: complete(r) });
  d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
  const signed = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
  w.t.clock.advance(10 * MIN);
  const sent = await w.op.ok('reports.send', { id: signed.id, version: signed.version, via: 'fax', recipient: '通化市应急管理局' });
  return { inc, signed, sent };
}

describe('paper: GB/T 9704-2012 report layout (standards §7)', () => {
  it('standards §7: title lines break in a trapezoid, longer line first, at most 20 characters of 2号 in the 版心', () => {
    expect(titleLines('关于东昌区环通乡中毒窒息事故的初报')).toEqual(['关于东昌区环通乡中毒窒息事故的初报']);
    const l = titleLines('关于东昌区环通乡某村某食品加工企业污水处理池中毒窒息事故的续报（二）');
    expect(l.length).toBe(2);
    expect([...l[0]].length).toBeGreaterThanOrEqual([...l[1]].length);
    for (const x of l) expect([...x].length).toBeLessThanOrEqual(20);
  });

  it('standards §7: the accident 初报 docx — A4, margins 37/28 mm, 版心 156×225 mm, 22-line grid, fonts and sizes per element, every required element', async () => {
    const w = await world();
    const { sent } = await signedAndSent(w);
    const x = await w.op.ok('reports.export', { id: sent.id, format: 'docx' });
    const { doc, settings, files } = await docxParts(b64(x.data));
    // Page: A4 210 × 297 mm; 天头 37 mm ± 1, 订口 28 mm ± 1; 版心 156 × 225 mm.
    const sz = /<w:pgSz [^>]*w:w="(\d+)"[^>]*w:h="(\d+)"/.exec(doc)!;
    expect(near(Number(sz[1]), 210, 0.5) && near(Number(sz[2]), 297, 0.5)).toBe(true);
    const mar = Object.fromEntries([.../w:(top|left|right|bottom)="(\d+)"/g[Symbol.matchAll](/<w:pgMar [^>]*>/.exec(doc)![0])].map((m) => [m[1], Number(m[2])]));
    expect(near(mar.top, 37) && near(mar.left, 28)).toBe(true);
    expect(near(Number(sz[1]) - mar.left - mar.right, 156)).toBe(true);
    expect(near(Number(sz[2]) - mar.top - mar.bottom, 225)).toBe(true);
    // 22 lines of the grid fill the 版心 height; body lines are exactly one grid line.
    const pitch = Number(/<w:docGrid [^>]*w:linePitch="(\d+)"/.exec(doc)![1]);
    expect(Math.round((Number(sz[2]) - mar.top - mar.bottom) / pitch)).toBe(22);
    expect(/<w:docGrid [^>]*w:type="lines"/.test(doc)).toBe(true);
    // 28 characters a line: 3号 text tracked to a 15.75 pt pitch (28 × pitch ≤ 156 mm).
    const tracking = Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(doc)![1]);
    expect(28 * (16 + tracking / 20)).toBeLessThanOrEqual((156 * 72) / 25.4);
    expect(27 * (16 + tracking / 20) + 16).toBeGreaterThan((150 * 72) / 25.4);

    const ps = paragraphs(doc);
    const find = (re: RegExp) => ps.find((p) => re.test(p.text))!;
    // 版头: 发文机关标志 red 小标宋, centred.
    const issuer = ps[0];
    expect(issuer.text).toBe('东昌区应急管理局');
    expect(issuer.runs[0]).toMatchObject({ font: '方正小标宋简体', color: 'FF0000' });
    expect(issuer.align).toBe('center');
    // 发文字号 with 〔〕 and no leading zeros; 签发人 on the same line (上行文), name in 楷体; red separator under it.
    const numberLine = find(/〔2026〕/);
    expect(numberLine.text).toMatch(/^　东昌区应急管理局〔2026〕1号\t签发人：王建华$/);
    expect(numberLine.runs.find((r) => r.text === '王建华')!.font).toBe('楷体_GB2312');
    expect(numberLine.runs.find((r) => r.text.includes('签发人'))!.font).toBe('仿宋_GB2312');
    expect(numberLine.xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
    // Title: 发文机关 + 事由 (place by name + event from structured fields) + 文种; 2号 (22 pt) 小标宋, centred; never the raw call summary.
    const title = find(/^关于/);
    expect(title.text).toBe('关于东昌区环通乡中毒窒息事故的初报');
    expect(title.runs[0]).toMatchObject({ font: '方正小标宋简体', size: 44 });
    expect(title.align).toBe('center');
    expect(doc).not.toContain('报告人称情况紧急。的');
    expect(find(/^通化市应急管理局：$/)).toBeTruthy();
    // Level-1 headings 3号黑体, body 3号仿宋; places by name, never division codes.
    const h1 = find(/^一、事故发生单位概况/);
    expect(h1.runs[0]).toMatchObject({ font: '黑体', size: 32 });
    expect(h1.runs[1]).toMatchObject({ font: '仿宋_GB2312', size: 32 });
    expect(find(/^二、事故发生的时间、地点/).text).toContain('事故发生地点：环通乡某食品加工企业');
    expect(doc).not.toMatch(/2205\d{5}/);
    expect(find(/^四、/).text).toContain('死亡1人，下落不明0人，受伤2人，其中重伤（含急性工业中毒）1人');
    // An empty optional section is omitted by rule (no heading standing over 暂无), and the numbering closes up.
    expect(ps.some((p) => /暂无。$/.test(p.text))).toBe(false);
    expect(ps.filter((p) => /^[一二三四五六七]、/.test(p.text)).map((p) => p.text[0])).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    // 附件说明 claims only what goes with the report: no photos on the incident, no 附件 line.
    expect(ps.some((p) => p.text.startsWith('附件：'))).toBe(false);
    // 署名, 成文日期 (Arabic numerals, no leading zeros), 附注 联系人 and 电话.
    const dateIdx = ps.findIndex((p) => /^2026年11月28日$/.test(p.text));
    expect(dateIdx).toBeGreaterThan(0);
    expect(ps[dateIdx - 1].text).toBe('东昌区应急管理局');
    expect(ps[dateIdx].align).toBe('right');
    expect(ps[dateIdx + 1].text).toBe('（联系人：陈丽，联系电话：0435-3212345）');
    // 版记 (standards §7): 印发机关 (the 发文机关 unless configured) and 印发日期 between black rules, in a frame at the foot of the 版心.
    const colophon = find(/印发$/);
    expect(colophon.text).toBe('东昌区应急管理局\t2026年11月28日印发');
    expect(colophon.xml).toMatch(/<w:framePr [^>]*w:yAlign="bottom"/);
    expect(colophon.runs[0].size).toBe(28);
    expect(colophon.xml).toMatch(/<w:top [^>]*w:sz="8"[\s\S]*<w:bottom [^>]*w:sz="8"/);
    // Every run of the text is black except the red 版头.
    const red = ps.flatMap((p) => p.runs).filter((r) => r.color && r.color !== '000000');
    expect(red.map((r) => r.text)).toEqual(['东昌区应急管理局']);
    // Page numbers "— 1 —", 4号 (14 pt), odd pages right, even pages left (different odd/even footers).
    expect(settings).toContain('<w:evenAndOddHeaders');
    const footers = [...files.entries()].filter(([k]) => /word\/footer\d+\.xml/.test(k)).map(([, v]) => v);
    expect(footers.length).toBe(2);
    for (const f of footers) {
      expect(f).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t[^>]*> —/);
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
  });

  // A long accident 初报 (all seven elements of Decree 493 Art. 12 at length, standards §1) takes two
  // pages; the closing (署名, 成文日期, 附注, 版记) stays with the last text, never alone on a page.
  it.skipIf(!SOFFICE)('standards §7: a long accident 初报 converts with LibreOffice to two A4 pages, the closing kept with the last text (PNGs kept under test-results/paper)', async () => {
    const w = await world();
    const { sent } = await signedAndSent(w);
    const x = await w.op.ok('reports.export', { id: sent.id, format: 'docx' });
    const r = renderPaper('accident-initial-long', 'docx', b64(x.data));
    expect(r.pages).toBe(2);
    for (const p of pdfPageSizes(r.pdf, r.pages)) expect(Math.abs(p.w - 210) < 1 && Math.abs(p.h - 297) < 1).toBe(true);
    expect(r.pngs.length).toBe(r.pages);
    const last = pdfPageText(r.pdf, 2);
    expect(last).toMatch(/[六七]、/);
    expect(last).toContain('特此报告');
    expect(last).toContain('印发');
    expect(pdfPageText(r.pdf, 1)).not.toContain('特此报告');
  });

  it.skipIf(!SOFFICE)("standards §7: the demo's 初报 prints on one A4 page with its 版记 at the foot; a usual accident call's on at most two (PNGs kept)", async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const page = await admin.ok('reports.list', { status: ['signed', 'sent'], stage: 'initial', limit: 500 });
    const demo = page.rows.find((r) => r.templateId === 'event-report')!;
    const x = b64((await admin.ok('reports.export', { id: demo.id, format: 'docx' })).data);
    const r = renderPaper('demo-event-initial', 'docx', x);
    expect(r.pages).toBe(1);
    const text = pdfPageText(r.pdf, 1);
    for (const s of ['签发人', '关于', '特此报告', '联系人', '印发']) expect(text).toContain(s);
    expect(text.indexOf('联系人')).toBeLessThan(text.indexOf('印发'));

    // A usual accident call: the duty officer's facts as taken on the phone.
    const w = await world();
    const inc = await w.op.ok('incidents.create', fire({
      townshipCode: '220502200', placeText: '某建材厂', accidentType: '03', callerUnit: '环通乡人民政府', callerName: '张强', callerTitle: '应急办主任',
      summary: '环通乡某建材厂一名工人被传送带卷入受伤。', casualties: { dead: 0, injured: 1, serious: 1, missing: 0, trapped: 0, evacuated: 0 }, directLoss: null,
      measures: '伤员已送区人民医院救治，企业已停产', informed: '', trend: '',
    }));
    const d0 = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id });
    let d = await w.op.ok('reports.update', { id: d0.id, version: d0.version, data: { fields: { ...d0.data.fields, unitOverview: '东昌区某建材有限公司，民营，从业人员20人', scene: '事故发生在成品车间，设备已停机', course: '9时许，一名工人清理传送带时右臂被卷入' } } });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    const y = renderPaper('accident-initial-usual', 'docx', b64((await w.op.ok('reports.export', { id: d.id, format: 'docx' })).data));
    // Seven Decree 493 headings under a 版头 still take two pages here (left open: issue 13); the closing stays with the text.
    expect(y.pages).toBeLessThanOrEqual(2);
    expect(pdfPageText(y.pdf, y.pages)).toContain('特此报告');
  });
  it.skipIf(SOFFICE)(`LibreOffice page counts: skipped — ${NO_SOFFICE}`, () => undefined);

  it('standards §7: 版记 with 抄送 and the configured 印发机关, and a 份号 on each archived copy when the station numbers its copies; 签发人 on the number line', async () => {
    const w = await world();
    await w.leader.ok('reports.setConfig', { copyTo: '区委区政府总值班室，区安委会各成员单位', printedBy: '东昌区应急管理局办公室', numberCopies: true });
    const { sent } = await signedAndSent(w);
    const copies = await w.op.ok('reports.archives', { id: sent.id });
    const first = paragraphs((await docxParts(b64((await w.op.ok('reports.archive', { id: copies[0].id })).data))).doc);
    const ps = paragraphs((await docxParts(b64((await w.op.ok('reports.export', { id: sent.id, format: 'docx' })).data))).doc);
    // 份号: 6 digits, first line top left, 黑体; the signed copy is 000001, the sent copy 000002.
    expect(first[0].text).toBe('000001');
    expect(ps[0]).toMatchObject({ text: '000002', align: 'left' });
    expect(ps[0].runs[0].font).toBe('黑体');
    expect(ps[1].text).toBe('东昌区应急管理局');
    expect(ps.find((p) => /〔2026〕/.test(p.text))!.text).toMatch(/\t签发人：王建华$/);
    const cc = ps.find((p) => p.text.startsWith('抄送：'))!;
    expect(cc.text).toBe('抄送：区委区政府总值班室，区安委会各成员单位。');
    expect(cc.xml).toMatch(/<w:framePr /);
    const printed = ps.find((p) => p.text.endsWith('印发'))!;
    expect(printed.text).toBe('东昌区应急管理局办公室\t2026年11月28日印发');
    expect(ps.indexOf(cc)).toBe(ps.indexOf(printed) - 1);
    expect(ps.indexOf(printed)).toBeGreaterThan(ps.findIndex((p) => p.text.startsWith('（联系人')));
  });

  it('standards §7: a 续报 states what changed against the report it follows and carries only changed sections', async () => {
    const w = await world();
    const { inc, sent } = await signedAndSent(w);
    const f = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id, stage: 'followup' });
    const data = { fields: { ...f.data.fields, injured: 3, progress: '受伤人员均在区人民医院救治，生命体征平稳' } };
    let d = await w.op.ok('reports.update', { id: f.id, version: f.version, data });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    const x = await w.op.ok('reports.export', { id: d.id, format: 'docx' });
    const ps = paragraphs((await docxParts(b64(x.data))).doc);
    expect(ps.find((p) => p.text.startsWith('关于'))!.text).toBe('关于东昌区环通乡中毒窒息事故的续报（一）');
    expect(ps.map((p) => p.text)).toContain('与初报相比：受伤由2人增至3人。');
    const text = ps.map((p) => p.text).join('\n');
    expect(text).toContain('受伤人员均在区人民医院救治');
    expect(text).not.toContain('事故发生单位概况');
    expect(sent.status).toBe('sent');
  });
});

describe('paper: every report type through the one engine (standards §7)', () => {
  it.skipIf(!SOFFICE)('an event 初报 and its 日报: composed titles, GB/T 9704 版头, at most two A4 pages each (PNGs kept)', async () => {
    const w = await world();
    const inc = await w.op.ok('incidents.create', fire({
      townshipCode: '220502200', placeText: '某村三组后山', classCode: '1', typeCode: '14', accidentType: undefined, industry: undefined,
      summary: '环通乡某村三组后山发生山体滑坡，报告人称有房屋被埋。', casualties: { dead: 0, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 26 }, directLoss: null,
      measures: '乡政府已组织转移受威胁群众26人，设置警戒区，区自然资源局专家赶赴现场', trend: '降雨持续，存在再次滑动可能',
    }));
    const r = await w.op.ok('reports.create', { templateId: 'event-report', incidentId: inc.id });
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: r.data });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    const x = b64((await w.op.ok('reports.export', { id: d.id, format: 'docx' })).data);
    const ps = paragraphs((await docxParts(x)).doc);
    expect(ps.find((p) => p.text.startsWith('关于'))!.text).toBe('关于东昌区环通乡地质灾害的初报');
    expect(ps.map((p) => p.text).join('\n')).toContain('地点：环通乡某村三组后山');
    expect(renderPaper('event-initial', 'docx', x).pages).toBeLessThanOrEqual(2);

    const daily = await w.op.ok('reports.create', { templateId: 'daily-report', incidentId: inc.id, stage: 'daily' });
    let dd = await w.op.ok('reports.update', { id: daily.id, version: daily.version, data: { fields: { ...daily.data.fields, situation: '滑坡体趋于稳定，未发生新的滑动', work: '24小时监测，受威胁群众继续安置在村委会' } } });
    dd = await w.op.ok('reports.submit', { id: dd.id, version: dd.version });
    dd = await w.leader.ok('reports.sign', { id: dd.id, version: dd.version });
    const y = b64((await w.op.ok('reports.export', { id: dd.id, format: 'docx' })).data);
    const ys = paragraphs((await docxParts(y)).doc);
    expect(ys[0].text).toBe('东昌区应急管理局');
    expect(ys.find((p) => p.text.startsWith('关于'))!.text).toBe('关于东昌区环通乡地质灾害的日报（第1期）');
    expect(renderPaper('daily', 'docx', y).pages).toBeLessThanOrEqual(2);
  });
});

describe('one composed 事由 everywhere (incidents/subject.ts)', () => {
  it('the deadline list (alert strip), the report register and the handover name a report by number + place + event, never the caller\'s summary, in the reader\'s language', async () => {
    const w = await world();
    const { inc, r } = await poisoning(w);
    expect(r.title).toBe('环通乡中毒窒息事故');
    const label = `${inc.no} 环通乡中毒窒息事故`;
    const due = await w.op.ok('reports.due', {});
    const item = due.find((x) => x.incidentId === inc.id)!;
    expect(item.title).toBe(label);
    expect(item.title).not.toContain('报告人称');
    const l = await w.t.anon.ok('auth.login', { username: 'chenli', password: 'changed-pass-1' });
    const en = await w.t.as(l.token, 'en').ok('reports.due', {});
    expect(en.find((x) => x.incidentId === inc.id)!.title).toBe(`${inc.no} 环通乡 ${EN_19} accident`);
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: complete(r) });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    await w.op.ok('reports.send', { id: d.id, version: d.version, via: 'fax', recipient: '通化市应急管理局' });
    const month = new Date(w.t.clock.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const reg = await w.op.ok('reports.registerDetail', { month });
    const row = reg.find((x) => x.chainId === d.chainId)!;
    expect(row.title).toBe(label);
  });
});

describe('paper: completeness before signature', () => {
  it('submitting or signing an incomplete report is refused with a translated message naming the missing fields; nothing changes', async () => {
    const w = await world();
    const { r } = await poisoning(w);
    const sub = await w.op.call('reports.submit', { id: r.id, version: r.version });
    expect(sub.ok).toBe(false);
    if (sub.ok) return;
    expect(sub.error.code).toBe('VALIDATION');
    expect(sub.error.message).toContain('不能提交');
    for (const label of ['事故发生单位概况（名称、性质、负责人、生产经营情况）', '事故现场情况']) expect(sub.error.message).toContain(label);
    expect(sub.error.message).not.toMatch(/fields\.|unitOverview/);
    // A report that reached the leader incomplete (written by an older version, or received that way) is not signed.
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: complete(r) });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    const broken = { fields: { ...d.data.fields, scene: '', measures: null } };
    w.t.db.prepare('UPDATE reports SET data = ? WHERE id = ?').run(JSON.stringify(broken), d.id);
    const before = (w.t.db.prepare('SELECT status, version, no FROM reports WHERE id = ?').get(d.id));
    const sign = await w.leader.call('reports.sign', { id: d.id, version: d.version });
    expect(sign.ok).toBe(false);
    if (sign.ok) return;
    expect(sign.error.code).toBe('VALIDATION');
    expect(sign.error.message).toBe('报表尚未填写完整，不能签发。请退回起草人补全或更正：事故现场情况、已经采取的措施。');
    expect(w.t.db.prepare('SELECT status, version, no FROM reports WHERE id = ?').get(d.id)).toEqual(before);
    expect((w.t.db.prepare('SELECT count(*) c FROM report_archives').get() as { c: number }).c).toBe(0);
  });

  it('demo data: every signed or sent demo report is complete, and its paper names places, not codes', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t, true);
    const page = await admin.ok('reports.list', { status: ['signed', 'sent'], limit: 500 });
    expect(page.rows.length).toBeGreaterThan(20);
    for (const row of page.rows) {
      const d = await admin.ok('reports.get', { id: row.id });
      expect(d.issues, `${row.templateId} ${row.stageLabel}`).toEqual([]);
    }
    const acc = page.rows.find((r) => r.templateId === 'accident-report')!;
    const x = await admin.ok('reports.export', { id: acc.id, format: 'docx' });
    const text = paragraphs((await docxParts(b64(x.data))).doc).map((p) => p.text).join('\n');
    expect(text).not.toMatch(/2205\d{5}/);
    expect(text).not.toContain('此项必填');
  });
});

describe('paper: archived copies', () => {
  it('signing and each sending store the exact docx; its SHA-256 is committed in the audit row; history reprints the archive, not a re-render', async () => {
    const w = await world();
    const { signed, sent } = await signedAndSent(w);
    const list = await w.op.ok('reports.archives', { id: sent.id });
    expect(list.map((a) => a.event)).toEqual(['signed', 'sent']);
    const rows = w.t.db.prepare('SELECT id, sha256, bytes FROM report_archives WHERE report_id = ? ORDER BY created_at').all(sent.id) as { id: string; sha256: string; bytes: Buffer }[];
    for (const r of rows) expect(sha(r.bytes)).toBe(r.sha256);
    // The sign's audit row commits to the archive: its after-digest covers { …report, archive: { sha256 } }.
    const audit = w.t.db.prepare("SELECT after_digest FROM audit_log WHERE method = 'reports.sign' AND entity_id = ?").get(signed.id) as { after_digest: string };
    const { previous: _p, chain: _c, due: _d, issues: _i, sharp: _s, ...after } = signed;
    const a0 = list[0];
    expect(digest(redact({ ...after, archive: { id: a0.id, event: 'signed', fileName: a0.fileName, sha256: a0.sha256, size: a0.size } }))).toBe(audit.after_digest);
    expect(digest(redact({ ...after, archive: { id: a0.id, event: 'signed', fileName: a0.fileName, sha256: '0'.repeat(64), size: a0.size } }))).not.toBe(audit.after_digest);
    // Reprint from history: the archived bytes, identical to what was stored.
    const copy = await w.op.ok('reports.archive', { id: a0.id });
    expect(sha(b64(copy.data))).toBe(a0.sha256);
    // The print of a sent report is the latest archived copy, even after the station's settings change.
    await w.leader.ok('reports.setConfig', { contactPhone: '0435-9999999', unitName: '东昌区应急局' });
    w.t.clock.advance(2 * H);
    const x = await w.op.ok('reports.export', { id: sent.id, format: 'docx' });
    expect(sha(b64(x.data))).toBe(list[1].sha256);
    expect((await docxParts(b64(x.data))).doc).toContain('0435-3212345');
    // Archives are permanent.
    expect(() => w.t.db.prepare('DELETE FROM report_archives').run()).toThrow(/permanent/);
  });
});

describe('paper: the 快报表 (standards §3 layout, §7 paper)', () => {
  const towns = dongchang.townships.slice(0, 10).map((t) => t.code);
  async function tenTownships(w: W) {
    const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', title: '11·27 东昌区暴雨洪涝' });
    const rows = Object.fromEntries(towns.map((c, i) => [c, {
      affected: 1000 + 100 * i, relocated: 60 + i, relocatedCentral: 40 + i, relocatedDispersed: 20, sites: 1, collapsedRooms: i % 3, collapsedHouseholds: i % 3 ? 1 : 0,
      severeRooms: 2 + i, severeHouseholds: 1 + (i % 2), cropAffected: 30.5 + i, cropDamaged: 12 + i, cropLost: 2, roads: 1.5, lossTotal: 80 + i, lossHousing: 20, lossAgri: 50 + i, lossInfra: 10,
    }]));
    const data = { fields: { ...r.data.fields, disasterType: '洪涝', startedAt: w.t.clock.now() - 6 * H, description: '11月27日夜间至28日凌晨持续强降雨，多个乡镇低洼地段积水，部分农田被淹。', measures: '启动防汛Ⅳ级应急响应，转移安置群众，调拨帐篷、棉被等救灾物资。' }, rows };
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    return w.leader.ok('reports.sign', { id: d.id, version: d.version });
  }

  it('standards §7: the docx — body in the portrait 版心, the per-township figures on a landscape annex whose table fits the type area', async () => {
    const w = await world();
    const d = await tenTownships(w);
    const x = await w.op.ok('reports.export', { id: d.id, format: 'docx' });
    const { doc } = await docxParts(b64(x.data));
    const ps = paragraphs(doc);
    expect(ps.find((p) => p.text.startsWith('关于'))!.text).toBe('关于11·27东昌区暴雨洪涝灾情的初报');
    expect(ps.map((p) => p.text)).toContain('附件：1. 分乡镇（街道）灾情统计表');
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections.length).toBe(2);
    const annex = sections.find((s) => /w:orient="landscape"/.test(s))!;
    const [, aw, ah] = /<w:pgSz [^>]*w:w="(\d+)"[^>]*w:h="(\d+)"/.exec(annex)!;
    expect(Number(aw)).toBeGreaterThan(Number(ah));
    const am = Object.fromEntries([.../w:(left|right)="(\d+)"/g[Symbol.matchAll](/<w:pgMar [^>]*>/.exec(annex)![0])].map((m) => [m[1], Number(m[2])]));
    const grid = [.../<w:gridCol w:w="(\d+)"/g[Symbol.matchAll](doc)].map((m) => Number(m[1]));
    expect(grid.length).toBe(13);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Number(aw) - am.left - am.right);
    expect(ps.map((p) => p.text)).toContain(dongchang.townships[0].name);
  });

  // The relocation now has its cumulative and current figures (累计/当前, issue 15): three more
  // indicator columns, so the township table takes one more landscape page than before.
  it.skipIf(!SOFFICE)('standards §7: the 10-township 快报表 docx and workbook each print on at most 4 A4 pages (PNGs kept)', async () => {
    const w = await world();
    const d = await tenTownships(w);
    const dx = renderPaper('quick-report-docx', 'docx', b64((await w.op.ok('reports.export', { id: d.id, format: 'docx' })).data));
    expect(dx.pages).toBeLessThanOrEqual(4);
    const xx = renderPaper('quick-report-xlsx', 'xlsx', b64((await w.op.ok('reports.export', { id: d.id, format: 'xlsx' })).data));
    expect(xx.pages).toBeLessThanOrEqual(4);
    for (const p of pdfPageSizes(xx.pdf, xx.pages)) expect(Math.abs(Math.max(p.w, p.h) - 297) < 1 && Math.abs(Math.min(p.w, p.h) - 210) < 1).toBe(true);
  });

  it('standards §3 / §7: the workbook follows the official table (units as rows, indicators grouped under sections) and is set up for A4', async () => {
    const w = await world();
    const d = await tenTownships(w);
    const x = await w.op.ok('reports.export', { id: d.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b64(x.data) as never);
    const ws = wb.getWorksheet('快报表')!;
    expect(ws.getCell(1, 1).value).toBe('自然灾害损失情况统计快报表（初报）');
    expect(ws.getCell(2, 1).value).toBe('填报单位');
    expect(String(ws.getCell(2, 2).value)).toMatch(/^东昌区应急管理局　　灾害种类：洪涝/);
    expect(ws.getCell(3, 1).value).toBe('乡镇（街道）');
    expect(ws.getCell(3, 2).value).toBe('人口受灾情况');
    expect(ws.getCell(4, 2).value).toBe('受灾人口（人）');
    expect(ws.getCell(5, 1).value).toBe(dongchang.townships[0].name);
    expect(ws.getCell(15, 1).value).toBe('合计');
    expect(ws.getCell(15, 2).value).toBe(towns.reduce((a, _c, i) => a + 1000 + 100 * i, 0));
    const ps = ws.pageSetup;
    expect(ps).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 4, fitToHeight: 0, printTitlesRow: '3:4', printTitlesColumn: 'A:A' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    // Column widths fit their content: the longest township name, the figures.
    expect(ws.getColumn(1).width!).toBeGreaterThanOrEqual(Math.max(...dongchang.townships.slice(0, 10).map((t) => t.name.length)) * 2);
  });
});
