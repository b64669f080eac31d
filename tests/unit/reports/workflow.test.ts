import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { H, MIN, counts, docxParagraphs, fire, unzip, world, type World } from './fixture';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';
import type { ReportDetail } from '../../../src-main/contract/reports';
import { reportSyncSender, setReportSyncSender } from '../../../src-main/core/reports/outbox';

async function initialReport(w: World, over = {}) {
  const inc = await w.op.ok('incidents.create', fire(over));
  const r = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id });
  return { inc, r };
}
const filled = (r: ReportDetail, extra: Record<string, string | number | null> = {}) => ({
  fields: { ...r.data.fields, unitOverview: '东昌区某商贸有限公司，仓储经营', scene: '仓库一层起火，浓烟', ...extra },
});
async function signed(w: World, r: ReportDetail, extra = {}) {
  let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: filled(r, extra) });
  d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
  return w.leader.ok('reports.sign', { id: d.id, version: d.version });
}

describe('reports: from an incident', () => {
  it('prefills times, place, type, grade, casualties, measures and caller from the incident', async () => {
    const w = await world();
    const { inc, r } = await initialReport(w);
    expect(r).toMatchObject({ stage: 'initial', seq: 0, stageLabel: '初报', status: 'draft', incidentId: inc.id, chainId: inc.id });
    expect(r.data.fields).toMatchObject({
      occurredAt: inc.receivedAt, place: '东昌街道新华社区商业街12号', dead: 0, injured: 2, serious: 1, directLoss: 20, grade: 'IV',
      measures: '已疏散周边群众，消防救援大队到场处置', caller: '东昌街道办事处 李明 安全员 13904351234', accidentType: '火灾',
      course: '一家小型仓库发生火灾，现场浓烟较大，消防队已出动。',
    });
    // The incident's next due stage is visible before any report exists, and on the report.
    expect(r.due[0]).toMatchObject({ stage: 'initial', ruleId: 'accident.art11.relay', dueAt: inc.receivedAt + 2 * H });
  });

  it('draft → submitted → signed by another leader → sent; signed is frozen; timeliness recorded on time', async () => {
    const w = await world();
    const { inc, r } = await initialReport(w);
    const s = await signed(w, r);
    expect(s).toMatchObject({ status: 'signed', signedByName: 'lead1', no: '东昌区应急管理局〔2026〕1号' });
    w.t.clock.advance(30 * MIN);
    const sent = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'phone', recipient: '通化市应急管理局值班室' });
    expect(sent).toMatchObject({ status: 'sent', sentVia: 'phone', sentTo: '通化市应急管理局值班室', late: false, dueAt: inc.receivedAt + 2 * H });
    const tl = w.t.db.prepare('SELECT rule_id, late FROM report_timeliness').all();
    expect(tl).toEqual([{ rule_id: 'accident.art11.relay', late: 0 }]);
    // A second send of the same report in writing (fax) is recorded too, without a new deadline met.
    const fax = await w.op.ok('reports.send', { id: s.id, version: sent.version, via: 'fax', recipient: '通化市应急管理局' });
    expect(fax.status).toBe('sent');
    expect(counts(w.t).sends).toBe(2);
    // Next due: 续报一 within a day (一般, standards §1).
    expect(fax.due[0]).toMatchObject({ stage: 'followup', seq: 1, ruleId: 'followup.daily' });
  });

  it('bad input: signing one\'s own report, signing as operator, sending unsigned, editing signed — clear error, nothing changed', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: filled(r) });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    const before = counts(w.t);
    const asOp = await w.op.call('reports.sign', { id: d.id, version: d.version });
    expect(asOp.ok || asOp.error.code).toBe('FORBIDDEN');
    const unsigned = await w.op.call('reports.send', { id: d.id, version: d.version, via: 'fax', recipient: '市局' });
    expect(unsigned.ok || unsigned.error).toMatchObject({ code: 'CONFLICT', message: 'The report is not signed; it cannot be sent.' });
    expect(counts(w.t)).toEqual(before);

    // A leader who wrote the report cannot sign it either.
    const own = await w.leader2.ok('reports.create', { templateId: 'event-report', incidentId: (await w.op.ok('incidents.create', fire({ classCode: '4', typeCode: '44', accidentType: null }))).id });
    let o = await w.leader2.ok('reports.update', { id: own.id, version: own.version, data: { fields: { ...own.data.fields, summary: '群众聚集' } } });
    o = await w.leader2.ok('reports.submit', { id: o.id, version: o.version });
    const c2 = counts(w.t);
    const self = await w.leader2.call('reports.sign', { id: o.id, version: o.version });
    expect(self.ok || self.error).toMatchObject({ code: 'FORBIDDEN', message: 'You cannot sign a report you wrote; another leader must sign it.' });
    expect(counts(w.t)).toEqual(c2);

    const s = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    const c3 = counts(w.t);
    const edit = await w.op.call('reports.update', { id: s.id, version: s.version, data: filled(r, { scene: '改' }) });
    expect(edit.ok || edit.error.code).toBe('CONFLICT');
    // The database refuses it too.
    expect(() => w.t.db.prepare("UPDATE reports SET data = '{}' WHERE id = ?").run(s.id)).toThrow(/frozen/);
    expect(counts(w.t)).toEqual(c3);
  });

  it('standards §1: a late send needs the reason (迟报), which is recorded permanently', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    const s = await signed(w, r);
    w.t.clock.advance(3 * H);
    const due = await w.op.ok('reports.due', {});
    expect(due[0]).toMatchObject({ overdue: true, next: { stage: 'initial' } });
    const before = counts(w.t);
    const res = await w.op.call('reports.send', { id: s.id, version: s.version, via: 'fax', recipient: '市局' });
    expect(res.ok || res.error.code).toBe('VALIDATION');
    expect(res.ok || res.error.message).toMatch(/late report/);
    expect(counts(w.t)).toEqual(before);
    const sent = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'fax', recipient: '市局', lateReason: '通信中断，恢复后立即报送' });
    expect(sent).toMatchObject({ late: true, lateReason: '通信中断，恢复后立即报送' });
    expect(() => w.t.db.prepare('UPDATE report_timeliness SET late = 0').run()).toThrow(/permanent/);
    expect(() => w.t.db.prepare('DELETE FROM report_timeliness').run()).toThrow(/permanent/);
    const reg = await w.op.ok('reports.register', { year: 2026 });
    expect(reg).toEqual([{ month: '2026-11', stage: 'initial', onTime: 0, late: 1, missed: 0 }]);
    const det = await w.op.ok('reports.registerDetail', { month: '2026-11', stage: 'initial' });
    expect(det).toEqual([expect.objectContaining({ late: true, reason: '通信中断，恢复后立即报送', reasonByName: 'op1', stageLabel: '初报' })]);
  });

  it('续报一 carries the previous report forward; a sharp change needs an explanation; 终报 after closing', async () => {
    const w = await world();
    const { inc, r } = await initialReport(w);
    const s = await signed(w, r);
    await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'fax', recipient: '市局' });
    // The casualty figures change in the incident log.
    const i2 = await w.op.ok('incidents.correct', { id: inc.id, version: inc.version, changes: { casualties: { dead: 1, injured: 6, serious: 2, missing: 0, trapped: 0, evacuated: 30 } }, reason: '医院通报' });
    const f = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id, stage: 'followup' });
    expect(f).toMatchObject({ stage: 'followup', seq: 1, stageLabel: '续报一' });
    expect(f.data.fields).toMatchObject({ unitOverview: '东昌区某商贸有限公司，仓储经营', dead: 1, injured: 6 });
    expect(f.data.fields.progress).toBeUndefined();
    let d = await w.op.ok('reports.update', { id: f.id, version: f.version, data: { fields: { ...f.data.fields, progress: '明火已扑灭' } } });
    expect(d.sharp.map((x) => x.field)).toEqual(['dead', 'injured']);
    const before = counts(w.t);
    const noExpl = await w.op.call('reports.submit', { id: d.id, version: d.version });
    expect(noExpl.ok || noExpl.error.code).toBe('VALIDATION');
    expect(noExpl.ok || (noExpl.error.details as { issues: { path: string[] }[] }).issues[0].path).toEqual(['explanation']);
    expect(counts(w.t)).toEqual(before);
    d = await w.op.ok('reports.update', { id: d.id, version: d.version, data: d.data, explanation: '一名被困人员经抢救无效死亡，另有4人送医' });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    d = await w.op.ok('reports.send', { id: d.id, version: d.version, via: 'fax', recipient: '市局' });
    expect(d.status).toBe('sent');

    // 终报 before closing is refused; after closing, 续报 is refused (bad input) and 终报 allowed.
    const early = await w.op.call('reports.create', { templateId: 'accident-report', incidentId: inc.id, stage: 'final' });
    expect(early.ok || early.error.code).toBe('CONFLICT');
    await w.op.ok('incidents.setStatus', { id: inc.id, version: i2.version, status: 'closed' });
    const c = counts(w.t);
    const late = await w.op.call('reports.create', { templateId: 'accident-report', incidentId: inc.id, stage: 'followup' });
    expect(late.ok || late.error).toMatchObject({ code: 'CONFLICT', message: 'The incident is closed; no more follow-up reports (write the final report).' });
    expect(counts(w.t)).toEqual(c);
    const fin = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id, stage: 'final' });
    expect(fin.due[0]).toMatchObject({ stage: 'final' });
    let e = await w.op.ok('reports.update', { id: fin.id, version: fin.version, data: { fields: { ...fin.data.fields, result: '火灾扑灭，善后处置完毕' } } });
    e = await w.op.ok('reports.submit', { id: e.id, version: e.version });
    e = await w.leader.ok('reports.sign', { id: e.id, version: e.version });
    e = await w.op.ok('reports.send', { id: e.id, version: e.version, via: 'document', recipient: '市局' });
    expect(e.due).toEqual([]);
    expect(e.chain.map((x) => x.stageLabel)).toEqual(['初报', '续报一', '终报']);
    expect((await w.op.ok('reports.due', {})).filter((x) => x.chainId === inc.id)).toEqual([]);
  });

  it('sent through the sync outbox: refused cleanly without a parent station, recorded with the outbox reference with one', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    const s = await signed(w, r);
    const before = counts(w.t);
    const previous = reportSyncSender();
    try {
      const no = await w.op.call('reports.send', { id: s.id, version: s.version, via: 'sync', recipient: '通化市应急管理局' });
      expect(no.ok).toBe(false);
      expect(counts(w.t)).toEqual(before);
      const seen: string[] = [];
      setReportSyncSender({ enqueue: (_db, rep) => (seen.push(rep.id), { ref: 'outbox:42' }) });
      const ok = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'sync', recipient: '通化市应急管理局' });
      expect(ok).toMatchObject({ status: 'sent', sentVia: 'sync' });
      expect(seen).toEqual([s.id]);
      expect(w.t.db.prepare('SELECT outbox_ref FROM report_sends').get()).toEqual({ outbox_ref: 'outbox:42' });
    } finally {
      setReportSyncSender(previous);
    }
  });

  it('a correction is a new version referencing the old one; the old stays frozen', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    const s = await signed(w, r);
    const c = await w.op.ok('reports.correct', { id: s.id, reason: '单位名称有误' });
    expect(c).toMatchObject({ status: 'draft', supersedes: s.id, correctionReason: '单位名称有误', stage: 'initial', seq: 0 });
    expect((await w.op.ok('reports.get', { id: s.id })).supersededBy).toBe(c.id);
    const again = await w.op.call('reports.correct', { id: s.id, reason: 'x' });
    expect(again.ok || again.error.code).toBe('CONFLICT');
  });

  it('exports the official docx layout and parses it back: title, 报送单位, 签发人, number, time, sections, attachments', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    const s = await signed(w, r);
    const sent = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'fax', recipient: '市局' });
    const x = await w.viewer.ok('reports.export', { id: sent.id, format: 'docx' });
    expect(x.fileName).toMatch(/初报\.docx$/);
    const files = await unzip(Buffer.from(x.data, 'base64'));
    const paras = docxParagraphs(files.get('word/document.xml')!);
    const text = paras.join('\n');
    // GB/T 9704 layout (standards §7): 发文机关标志, 发文字号 + 签发人, composed title, 主送, body, 附件, 署名, 成文日期.
    expect(paras[0]).toBe('东昌区应急管理局');
    expect(text).toContain('　东昌区应急管理局〔2026〕1号\t签发人：lead1');
    expect(text).toContain('关于东昌区东昌街道火灾事故的初报');
    expect(text).toContain('市局：');
    for (const h of ['一、事故发生单位概况。', '二、事故发生的时间、地点和现场情况。', '三、事故的简要经过。', '已经采取的措施。']) expect(text).toContain(h);
    expect(text).toContain('受伤2人');
    // No photo is attached to this incident, so no 附件 line promises one (issue 13: only what goes with it).
    expect(text).not.toContain('附件：');
    expect(text).toMatch(/\n2026年11月28日\n/);
    const refuse = await w.viewer.call('reports.export', { id: sent.id, format: 'xlsx' });
    expect(refuse.ok || refuse.error.code).toBe('VALIDATION');
  });
});

describe('reports: the sent time is honest (standards §1 时限 are met by the time a report went out)', () => {
  it('standards §1: a written send (fax, document) before the signing time is refused — a 迟报 cannot be recorded as on time; nothing changed', async () => {
    const w = await world();
    const { inc, r } = await initialReport(w);
    w.t.clock.advance(3 * H); // past the 2 h deadline
    const s = await signed(w, r);
    const before = counts(w.t);
    for (const via of ['fax', 'document'] as const) {
      const res = await w.op.call('reports.send', { id: s.id, version: s.version, via, recipient: '市局', sentAt: inc.receivedAt + 30 * MIN });
      expect(res.ok || res.error.code).toBe('VALIDATION');
      expect(res.ok || res.error.message).toMatch(/cannot be earlier than the signing/);
      expect(res.ok || res.error.details).toMatchObject({ issues: [{ path: ['sentAt'] }] });
    }
    // Before the incident was even received: refused too, phone included.
    const early = await w.op.call('reports.send', { id: s.id, version: s.version, via: 'phone', recipient: '市局', sentAt: inc.receivedAt - MIN, backdateReason: '补录' });
    expect(early.ok || early.error.message).toMatch(/earlier than the time the incident was received/);
    expect(counts(w.t)).toEqual(before);
    // At or after the signing it goes through — and is late, with its reason.
    const ok = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'fax', recipient: '市局', sentAt: s.signedAt!, lateReason: '领导外出，签发延误' });
    expect(ok).toMatchObject({ late: true, sentAt: s.signedAt });
  });

  it('standards §1: a phone report recorded afterwards may be backdated only with a reason, kept on the send record', async () => {
    const w = await world();
    const { inc, r } = await initialReport(w);
    const s = await signed(w, r);
    w.t.clock.advance(90 * MIN);
    const phonedAt = inc.receivedAt + 40 * MIN; // phoned on time, recorded 50 minutes later
    const before = counts(w.t);
    const no = await w.op.call('reports.send', { id: s.id, version: s.version, via: 'phone', recipient: '市局值班室', sentAt: phonedAt });
    expect(no.ok || no.error.code).toBe('VALIDATION');
    expect(no.ok || no.error.details).toMatchObject({ issues: [{ path: ['backdateReason'] }] });
    expect(counts(w.t)).toEqual(before);
    const ok = await w.op.ok('reports.send', { id: s.id, version: s.version, via: 'phone', recipient: '市局值班室', sentAt: phonedAt, backdateReason: '电话报告后处置现场，事后补录' });
    expect(ok).toMatchObject({ late: false, sentAt: phonedAt, sentVia: 'phone' });
    expect(w.t.db.prepare('SELECT backdate_reason AS r, sent_at AS at, created_at AS c FROM report_sends').get()).toEqual({ r: '电话报告后处置现场，事后补录', at: phonedAt, c: w.t.clock.now() });
    // A phone report recorded within a few minutes needs no reason.
    const w2 = await world();
    const x = await initialReport(w2);
    const s2 = await signed(w2, x.r);
    w2.t.clock.advance(20 * MIN);
    await w2.op.ok('reports.send', { id: s2.id, version: s2.version, via: 'phone', recipient: '市局值班室', sentAt: w2.t.clock.now() - 5 * MIN });
  });
});

describe('reports: standalone disaster statistics', () => {
  it('standards §3: per-township 快报表, consistency refused in main, xlsx parsed back with units and totals', async () => {
    const w = await world();
    const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', title: '11·27 东昌区暴雨洪涝' });
    expect(r.incidentId).toBeNull();
    const data = {
      fields: { ...r.data.fields, disasterType: '洪涝', startedAt: w.t.clock.now() - H, description: '强降雨致部分村屯受淹' },
      rows: {
        '220502001': { affected: 1200, dead: 0, relocated: 300, relocatedCentral: 200, relocatedDispersed: 100, cropAffected: 50.5, cropDamaged: 20, lossTotal: 80 },
        '220502002': { affected: 800, relocated: 100, relocatedCentral: 100, relocatedDispersed: 0, cropAffected: 10, cropDamaged: 12 },
      },
    };
    const before = counts(w.t);
    const bad = await w.op.call('reports.update', { id: r.id, version: r.version, data });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
    expect(bad.ok || bad.error.message).toContain('Source: standards §3: 成灾 ≤ 受灾');
    expect(counts(w.t)).toEqual(before);
    data.rows['220502002'].cropDamaged = 8;
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    d = await w.leader.ok('reports.sign', { id: d.id, version: d.version });
    d = await w.op.ok('reports.send', { id: d.id, version: d.version, via: 'fax', recipient: '通化市应急管理局' });
    const x = await w.op.ok('reports.export', { id: d.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data, 'base64') as never);
    const ws = wb.getWorksheet('快报表')!;
    expect(ws.getCell(1, 1).value).toBe('自然灾害损失情况统计快报表（初报）');
    expect(ws.getCell(3, 1).value).toBe('乡镇（街道）');
    const header = (ws.getRow(4).values as string[]).slice(1);
    expect(header).toContain('受灾人口（人）');
    expect(header).toContain('农作物受灾面积（公顷）');
    expect(header).toContain('直接经济损失（万元）');
    const col = header.indexOf('受灾人口（人）') + 1;
    expect(ws.getRow(5).getCell(1).value).toBe('东昌街道');
    expect(ws.getRow(5).getCell(col).value).toBe(1200);
    expect(ws.getRow(7).getCell(1).value).toBe('合计');
    expect(ws.getRow(7).getCell(col).value).toBe(2000);
    expect(ws.getRow(2).getCell(1).value).toBe('填报单位');
    expect(String(ws.getRow(2).getCell(2).value)).toContain('东昌区应急管理局');

    // The docx carries the per-township table: one row per indicator, a column per township, the total.
    const dx = await w.op.ok('reports.export', { id: d.id, format: 'docx' });
    const paras = docxParagraphs((await unzip(Buffer.from(dx.data, 'base64'))).get('word/document.xml')!);
    expect(paras[0]).toBe('东昌区应急管理局');
    expect(paras).toContain('关于11·27东昌区暴雨洪涝灾情的初报');
    const at = paras.indexOf('受灾人口');
    expect(paras.slice(at, at + 5)).toEqual(['受灾人口', '人', '1200', '800', '2000']);
    expect(paras).toContain('东昌街道');
    expect(paras.join('\n')).toContain('附件：1. 分乡镇（街道）灾情统计表');
    // Only what goes with the report is listed (issue 13): no 一览表 without a file or table behind it.
    expect(paras).not.toContain('2. 因灾死亡失踪人口一览表');

    // 续报 with a sharp rise needs an explanation; 核报 once the disaster is marked stable.
    const f = await w.op.ok('reports.create', { templateId: 'disaster-quick', chainId: d.chainId, stage: 'followup' });
    expect(f.data.rows?.['220502001'].affected).toBe(1200);
    const rows2 = structuredClone(f.data.rows!);
    rows2['220502001'].affected = 5000;
    let g = await w.op.ok('reports.update', { id: f.id, version: f.version, data: { ...f.data, rows: rows2 } });
    expect(g.sharp.map((s) => s.field)).toEqual(['affected']);
    const denied = await w.op.call('reports.setConfig', { sharpChangeThreshold: 3 });
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN');
    await w.leader.ok('reports.setConfig', { sharpChangeThreshold: 3 });
    g = await w.op.ok('reports.get', { id: g.id });
    expect(g.sharp).toEqual([]);
    const ver = await w.op.call('reports.create', { templateId: 'disaster-quick', chainId: d.chainId, stage: 'verified' });
    expect(ver.ok || ver.error.code).toBe('CONFLICT');
    await w.op.ok('reports.markStable', { chainId: d.chainId });
    const v = await w.op.ok('reports.create', { templateId: 'disaster-quick', chainId: d.chainId, stage: 'verified' });
    expect(v.stageLabel).toBe('核报');
  });
});

describe('reports: rules, duty board', () => {
  it('station overrides of rules are stored; UNCONFIRMED defaults are flagged; the open-matters source lists what falls due', async () => {
    const w = await world();
    const rules = await w.viewer.ok('reports.rules', {});
    const henan = rules.find((r) => r.id === 'henan.phone')!;
    expect(henan).toMatchObject({ enabled: false, overridden: false, unconfirmed: false });
    expect(rules.find((r) => r.id === 'followup.daily')!.unconfirmed).toBe(true);
    const denied = await w.op.call('reports.setRule', { id: 'accident.art11.relay', version: 0, params: { minutes: 90 } });
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN');
    const set = await w.leader.ok('reports.setRule', { id: 'accident.art11.relay', version: 0, params: { minutes: 90 }, note: '省厅要求' });
    expect(set).toMatchObject({ overridden: true, params: { minutes: 90 }, defaults: { params: { minutes: 120 } }, version: 1 });
    const stale = await w.leader.call('reports.setRule', { id: 'accident.art11.relay', version: 0, enabled: false });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    const inc = await w.op.ok('incidents.create', fire());
    const due = await w.op.ok('reports.due', { horizonHours: 6 });
    expect(due[0]).toMatchObject({ chainId: inc.id, next: { dueAt: inc.receivedAt + 90 * MIN } });
    const om = BOARD.openMatters(w.t.db, w.t.clock.now()).filter((m) => m.source === 'reports');
    expect(om).toEqual([expect.objectContaining({ refId: inc.id, kind: 'report.initial', severity: 'info', dueAt: inc.receivedAt + 90 * MIN })]);
    // Named by the incident's number and short title, never the raw call summary; the kind in words.
    expect(om[0].title).toMatch(new RegExp(`^初报：${inc.no} `));
    expect(om[0].title).not.toContain(inc.summary.slice(0, 8));
    expect(matterLabel('zh-CN', om[0].kind)).toBe('报告待报');
    w.t.clock.advance(80 * MIN);
    expect(BOARD.openMatters(w.t.db, w.t.clock.now()).find((m) => m.source === 'reports')?.severity).toBe('warn');
    const reset = await w.leader.ok('reports.setRule', { id: 'accident.art11.relay', version: 1, reset: true });
    expect(reset).toMatchObject({ overridden: false, params: { minutes: 120 } });
  });

  it('a closed incident that never got a report stays overdue (漏报) in the due list and the register', async () => {
    const w = await world();
    const inc = await w.op.ok('incidents.create', fire());
    await w.op.ok('incidents.setStatus', { id: inc.id, version: inc.version, status: 'closed' });
    w.t.clock.advance(3 * H);
    const due = await w.op.ok('reports.due', {});
    expect(due).toEqual([expect.objectContaining({ chainId: inc.id, overdue: true, next: expect.objectContaining({ stage: 'initial' }) })]);
    expect(await w.op.ok('reports.register', { year: 2026 })).toContainEqual({ month: '2026-11', stage: 'initial', onTime: 0, late: 0, missed: 1 });
    // It can still be reported (late, with the reason).
    const r = await w.op.ok('reports.create', { templateId: 'accident-report', incidentId: inc.id });
    expect(r.stage).toBe('initial');
  });

  it('awaiting my signature lists submitted reports of others only; list pages', async () => {
    const w = await world();
    const { r } = await initialReport(w);
    let d = await w.op.ok('reports.update', { id: r.id, version: r.version, data: filled(r) });
    d = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    expect((await w.leader.ok('reports.list', { awaitingSignature: true })).rows.map((x) => x.id)).toEqual([d.id]);
    const page = await w.viewer.ok('reports.list', { limit: 10 });
    expect(page).toMatchObject({ total: 1, rows: [{ id: d.id, incidentNo: expect.stringMatching(/^2026-/) }] });
  });
});
