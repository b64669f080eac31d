import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, counts, MIN, world } from './fixtures';
import { bigramText, ftsClause } from '../../../src-main/core/incidents/search';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';

describe('intake', () => {
  it('takes a call: number, place names, suggested grade, intake entry, escalation timer (standards §6: 10 min)', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call());
    expect(d.no).toMatch(/^2026-00001$/);
    expect(d.townshipName).toBe('东昌街道');
    expect(d.status).toBe('received');
    expect(d.grade).toBe('IV');
    expect(d.gradeSuggested).toBe('IV');
    expect(d.entries.map((e) => e.kind)).toEqual(['intake', 'grade']);
    expect(d.attention).toHaveLength(1);
    expect(d.attention[0].dueAt - d.attention[0].raisedAt).toBe(10 * MIN);
    const again = await op.ok('incidents.get', { id: d.id });
    expect(again).toEqual(d);
    const second = await op.ok('incidents.create', call({ summary: '第二起' }));
    expect(second.no).toBe('2026-00002');
    t.close();
  });

  it('standards §2: grade follows casualties (3 dead → 较大); an override needs a reason and is recorded', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call({ casualties: { dead: 3, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 } }));
    expect(d.grade).toBe('III');
    const before = counts(t);
    const r = await op.call('incidents.create', call({ grade: 'II' }));
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(counts(t)).toEqual(before);
    const o = await op.ok('incidents.create', call({ grade: 'II', gradeReason: '社会影响大' }));
    expect(o).toMatchObject({ grade: 'II', gradeSuggested: 'IV', gradeOverridden: true });
    const g = await op.ok('incidents.setGrade', { id: o.id, version: o.version, grade: 'III', reason: '核实后调整' });
    const grades = g.entries.filter((e) => e.kind === 'grade').map((e) => e.data);
    expect(grades).toEqual([
      { from: null, to: 'II', suggested: 'IV', overridden: true },
      { from: 'II', to: 'III', suggested: 'IV', overridden: true },
    ]);
    t.close();
  });

  it('non-accident classes get no automatic grade', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: null, industry: null, summary: '山体滑坡阻断道路' }));
    expect(d.grade).toBeNull();
    expect(d.gradeSuggested).toBeNull();
    t.close();
  });

  const bad: [string, (now: number) => Record<string, unknown>, string][] = [
    ['occurred-at in the future', (now) => ({ occurredAt: now + 60 * MIN }), 'VALIDATION'],
    ['occurred-at after received-at beyond tolerance', (now) => ({ receivedAt: now - 60 * MIN, occurredAt: now - 30 * MIN }), 'VALIDATION'],
    ['received-at in the future', (now) => ({ receivedAt: now + 60 * MIN }), 'VALIDATION'],
    ['negative casualties', () => ({ casualties: { dead: -1 } }), 'VALIDATION'],
    ['non-integer casualties', () => ({ casualties: { injured: 1.5 } }), 'VALIDATION'],
    ['unknown class', () => ({ classCode: '9' }), 'VALIDATION'],
    ['type of another class', () => ({ typeCode: '14' }), 'VALIDATION'],
    ['unknown GB 6441 accident type', () => ({ accidentType: '21' }), 'VALIDATION'],
    ['unknown sector', () => ({ industry: 'spaceport' }), 'VALIDATION'],
    ['empty summary', () => ({ summary: '   ' }), 'VALIDATION'],
    ['unknown township', () => ({ townshipCode: '220502999' }), 'VALIDATION'],
    ['village of another township', () => ({ townshipCode: '220502002', villageCode: '220502001001' }), 'VALIDATION'],
  ];
  for (const [name, over, code] of bad) {
    it(`bad input: ${name} → ${code}, nothing changed`, async () => {
      const { t, op } = await world();
      const before = counts(t);
      const r = await op.raw('incidents.create', { ...call(), ...over(t.clock.now()) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
      expect(counts(t)).toEqual(before);
      t.close();
    });
  }

  it('a village alone implies its township; a small occurred-after-received drift is tolerated', async () => {
    const { t, op } = await world();
    const now = t.clock.now();
    const d = await op.ok('incidents.create', call({ townshipCode: null, villageCode: '220502001002', receivedAt: now - 20 * MIN, occurredAt: now - 15 * MIN }));
    expect(d.townshipCode).toBe('220502001');
    expect(d.villageName).toBe('富通社区');
    t.close();
  });

  it('viewers read but cannot take calls', async () => {
    const { t, op, viewer } = await world();
    const d = await op.ok('incidents.create', call());
    expect((await viewer.ok('incidents.get', { id: d.id })).id).toBe(d.id);
    const r = await viewer.call('incidents.create', call());
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    t.close();
  });
});

describe('timeline', () => {
  it('is append-only: the database refuses UPDATE and DELETE of entries', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call());
    expect(() => t.db.prepare("UPDATE incident_entries SET body = 'x'").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM incident_entries').run()).toThrow(/append-only/);
    expect((await op.ok('incidents.get', { id: d.id })).entries[0].body).toBe(d.summary);
    t.close();
  });

  it('follow-ups and actions are appended with author and time; an action moves received → handling', async () => {
    const { t, op, leader } = await world();
    const d = await op.ok('incidents.create', call());
    t.clock.advance(5 * MIN);
    const f = await op.ok('incidents.addEntry', { id: d.id, kind: 'followup', body: '续报：火势已控制，无新增伤亡' });
    expect(f.status).toBe('received');
    const a = await leader.ok('incidents.addEntry', { id: d.id, kind: 'instruction', body: '请消防、安监部门立即赶赴现场' });
    expect(a.status).toBe('handling');
    const last = a.entries.filter((e) => e.kind === 'instruction')[0];
    expect(last.authorName).toBe('lead1');
    expect(a.entries.map((e) => e.kind)).toEqual(['intake', 'grade', 'followup', 'instruction', 'status']);
    t.close();
  });

  it('corrections are new entries with old → new; a casualty update re-grades (standards §2) and field history is kept', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call());
    const c1 = await op.ok('incidents.correct', { id: d.id, version: d.version, changes: { placeText: '新华社区商业街14号' }, reason: '地址更正' });
    expect(c1.placeText).toBe('新华社区商业街14号');
    const c2 = await op.ok('incidents.correct', {
      id: d.id,
      version: c1.version,
      changes: { casualties: { dead: 3, injured: 4, serious: 1, missing: 0, trapped: 0, evacuated: 30 } },
      reason: '核实伤亡',
    });
    expect(c2.grade).toBe('III');
    const kinds = c2.entries.map((e) => e.kind);
    expect(kinds).toEqual(['intake', 'grade', 'correction', 'casualty', 'grade']);
    expect(c2.entries[2].data).toEqual({ changes: { placeText: ['新华社区商业街12号', '新华社区商业街14号'] } });
    expect(c2.entries[3].data).toMatchObject({ changes: { 'casualties.dead': [0, 3], 'casualties.injured': [1, 4], 'casualties.serious': [0, 1] } });
    // stale version
    const before = counts(t);
    const r = await op.call('incidents.correct', { id: d.id, version: d.version, changes: { trend: 'x' }, reason: 'r' });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(counts(t)).toEqual(before);
    t.close();
  });
});

describe('status', () => {
  it('received → handling → closed; closed refuses edits; reopen needs a reason', async () => {
    const { t, op } = await world();
    let d = await op.ok('incidents.create', call());
    d = await op.ok('incidents.setStatus', { id: d.id, version: d.version, status: 'handling' });
    const back = await op.call('incidents.setStatus', { id: d.id, version: d.version, status: 'received' });
    expect(!back.ok && back.error.code).toBe('CONFLICT');
    d = await op.ok('incidents.setStatus', { id: d.id, version: d.version, status: 'closed' });
    expect(d.closedAt).toBe(t.clock.now());
    const before = counts(t);
    for (const r of [
      await op.call('incidents.addEntry', { id: d.id, kind: 'followup', body: '补充' }),
      await op.call('incidents.correct', { id: d.id, version: d.version, changes: { trend: '平稳' }, reason: '补充' }),
      await op.call('incidents.setGrade', { id: d.id, version: d.version, grade: 'III', reason: 'x' }),
    ]) {
      expect(!r.ok && r.error.code).toBe('CONFLICT');
    }
    const noReason = await op.call('incidents.setStatus', { id: d.id, version: d.version, status: 'handling' });
    expect(!noReason.ok && noReason.error.code).toBe('VALIDATION');
    expect(counts(t)).toEqual(before);
    d = await op.ok('incidents.setStatus', { id: d.id, version: d.version, status: 'handling', reason: '死亡人数变化，需补报' });
    expect(d.status).toBe('handling');
    expect(d.closedAt).toBeNull();
    expect(d.entries.filter((e) => e.kind === 'status').map((e) => e.data)).toEqual([
      { from: 'received', to: 'handling', reopen: false },
      { from: 'handling', to: 'closed', reopen: false },
      { from: 'closed', to: 'handling', reopen: true },
    ]);
    t.close();
  });
});

describe('escalation and leader attention (standards §6)', () => {
  it('standards §6: an unacknowledged call is overdue after 10 minutes; the leader acknowledges in the app', async () => {
    const { t, op, leader } = await world();
    const d = await op.ok('incidents.create', call());
    expect(await leader.ok('incidents.queue', { overdueOnly: true })).toHaveLength(0);
    t.clock.advance(10 * MIN + 1);
    const overdue = await leader.ok('incidents.queue', { overdueOnly: true });
    expect(overdue.map((a) => a.incidentId)).toEqual([d.id]);
    const matters = BOARD.openMatters(t.db, t.clock.now()).filter((m) => m.source === 'incidents');
    expect(matters.map((m) => m.kind)).toEqual(['openIncident', 'overdueEscalation']);
    // Named as a person names it (number, township, type), never by the caller's raw words; the kind in words.
    for (const m of matters) {
      expect(m.title).toMatch(new RegExp(`^${d.no} ${d.townshipName}`));
      expect(m.title).not.toContain(d.summary.slice(0, 8));
    }
    expect(matters.map((m) => matterLabel('zh-CN', m.kind))).toEqual(['未办结事件', '逾期未确认']);
    // operators cannot acknowledge for the leader in the app
    const r = await op.call('incidents.ack', { attentionId: overdue[0].id, via: 'app' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const a = await leader.ok('incidents.ack', { attentionId: overdue[0].id, via: 'app', note: '已阅，请跟踪' });
    expect(a.attention[0]).toMatchObject({ ackVia: 'app', leaderName: 'lead1' });
    expect(a.entries.at(-1)).toMatchObject({ kind: 'ack', data: { via: 'app', late: true } });
    expect(await leader.ok('incidents.queue', {})).toHaveLength(0);
    const again = await leader.call('incidents.ack', { attentionId: overdue[0].id, via: 'app' });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    t.close();
  });

  it('an operator records a phone acknowledgement with the leader\'s name; flags start a new timer; the delay is configurable', async () => {
    const { t, op, admin, leader } = await world();
    await admin.ok('incidents.setConfig', { escalationMinutes: 5 });
    const d = await op.ok('incidents.create', call());
    const noName = await op.call('incidents.ack', { attentionId: d.attention[0].id, via: 'phone' });
    expect(!noName.ok && noName.error.code).toBe('VALIDATION');
    const a = await op.ok('incidents.ack', { attentionId: d.attention[0].id, via: 'phone', leaderName: '王建华' });
    expect(a.attention[0]).toMatchObject({ ackVia: 'phone', leaderName: '王建华' });
    const f = await op.ok('incidents.addEntry', { id: d.id, kind: 'followup', body: '现场发现一名被困人员', flag: true });
    expect(f.flagged).toBe(true);
    const pending = f.attention.filter((x) => !x.ackedAt);
    expect(pending).toHaveLength(1);
    expect(pending[0].entryId).toBe(f.entries.find((e) => e.kind === 'followup')!.id);
    expect(pending[0].dueAt - pending[0].raisedAt).toBe(5 * MIN);
    expect((await leader.ok('incidents.queue', {})).map((x) => x.id)).toEqual([pending[0].id]);
    const list = await op.ok('incidents.list', { flagged: true, count: true });
    expect(list.total).toBe(1);
    t.close();
  });
});

describe('duplicates and merge', () => {
  it('offers an open incident close in time, place and type; merging keeps both records', async () => {
    const { t, op } = await world();
    const a = await op.ok('incidents.create', call());
    t.clock.advance(20 * MIN);
    const dup = await op.ok('incidents.duplicates', { townshipCode: '220502001', classCode: '2', typeCode: '21' });
    expect(dup.map((x) => x.id)).toEqual([a.id]);
    expect(await op.ok('incidents.duplicates', { townshipCode: '220502002', classCode: '2', typeCode: '21' })).toHaveLength(0);
    expect(await op.ok('incidents.duplicates', { townshipCode: '220502001', classCode: '1', typeCode: '14' })).toHaveLength(0);

    const b = await op.ok('incidents.create', call({ source: 'transfer119', summary: '119转来：商业街仓库起火' }));
    await op.ok('incidents.addEntry', { id: b.id, kind: 'followup', body: '消防车三辆到场' });
    const self = await op.call('incidents.merge', { id: b.id, version: b.version, intoId: b.id, reason: '重复' });
    expect(!self.ok && self.error.code).toBe('VALIDATION');
    const bNow = await op.ok('incidents.get', { id: b.id });
    const m = await op.ok('incidents.merge', { id: b.id, version: bNow.version, intoId: a.id, reason: '同一起火灾' });
    expect(m.id).toBe(a.id);
    expect(m.merged).toEqual([{ id: b.id, no: b.no, summary: b.summary }]);
    expect(m.entries.some((e) => e.body === '消防车三辆到场' && e.incidentId === b.id)).toBe(true);
    const bAfter = await op.ok('incidents.get', { id: b.id });
    expect(bAfter).toMatchObject({ mergedInto: a.id, status: 'closed' });
    expect(bAfter.entries.find((e) => e.kind === 'intake')!.body).toBe(b.summary);
    // the merged record's text now finds the surviving record; merged records are hidden by default
    const s = await op.ok('incidents.list', { q: '消防车', count: true });
    expect(s.rows.map((r) => r.id)).toEqual([a.id]);
    expect(s.total).toBe(1); // the index counts both documents; the merged one is subtracted
    expect((await op.ok('incidents.list', { q: '消防车', includeMerged: true, count: true })).total).toBe(2);
    expect((await op.ok('incidents.list', { q: '消防车', townshipCode: '220502001', count: true })).total).toBe(1);
    const all = await op.ok('incidents.list', { includeMerged: true, count: true });
    expect(all.total).toBe(2);
    const r = await op.call('incidents.addEntry', { id: b.id, kind: 'followup', body: 'x' });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    t.close();
  });
});

describe('search (Chinese full text)', () => {
  it('splits text into bigrams plus each run\'s last character', () => {
    expect(bigramText('东昌火灾, ok')).toBe('东昌 昌火 火灾 灾 ok k');
    expect(ftsClause('火灾')!.params).toEqual(['"火灾"']);
    expect(ftsClause('滑坡 续报 山体滑坡')!.params).toEqual(['"山体滑坡"', '"滑坡" AND "续报"']);
    expect(ftsClause('火')!.params).toEqual(['"火" *']);
    expect(ftsClause('山体滑坡')!.sql).toContain('incident_fts_tri');
    expect(ftsClause('  ')).toBeNull();
  });

  it('finds 3+ character terms (trigram), 2-character and 1-character terms (bigram), in summaries and the timeline', async () => {
    const { t, op } = await world();
    const fire = await op.ok('incidents.create', call());
    const slide = await op.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: null, industry: null, summary: '金厂镇山体滑坡，道路中断' }));
    const flood = await op.ok('incidents.create', call({ classCode: '1', typeCode: '11', accidentType: null, industry: null, summary: '河水上涨，低洼处进水' }));
    await op.ok('incidents.addEntry', { id: flood.id, kind: 'followup', body: '续报：疑似滑坡风险点已设警戒' });
    const ids = async (q: string) => (await op.ok('incidents.list', { q })).rows.map((r) => r.id).sort();
    expect(await ids('火灾')).toEqual([fire.id]);
    expect(await ids('滑坡')).toEqual([slide.id, flood.id].sort());
    expect(await ids('山体滑坡')).toEqual([slide.id]);
    expect(await ids('警戒')).toEqual([flood.id]);
    expect(await ids('浓烟较大')).toEqual([fire.id]);
    expect(await ids('坡')).toEqual([slide.id, flood.id].sort()); // 1 character: prefix over bigrams
    expect(await ids('断')).toEqual([slide.id]); // a run's last character
    expect(await ids('滑坡 警戒')).toEqual([flood.id]); // every term must match
    expect(await ids('地震')).toEqual([]);
    expect(await ids('"')).toEqual([]);
    // a corrected summary is found by its new words; the intake entry keeps the caller's words
    const f2 = await op.ok('incidents.get', { id: fire.id });
    await op.ok('incidents.correct', { id: fire.id, version: f2.version, changes: { summary: '仓库冒烟，未见明火' }, reason: '核实' });
    expect(await ids('冒烟')).toEqual([fire.id]);
    expect(await ids('未见明火')).toEqual([fire.id]);
    expect(await ids('火灾')).toEqual([fire.id]);
    t.close();
  });

  it('lists with filters, sort and a capped count', async () => {
    const { t, op } = await world();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(MIN);
      await op.ok('incidents.create', call({ townshipCode: i % 2 ? '220502002' : '220502001', summary: `第${i}起` }));
    }
    const all = await op.ok('incidents.list', { count: true, limit: 2 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.summary)).toEqual(['第4起', '第3起']);
    const asc = await op.ok('incidents.list', { sort: { col: 'receivedAt', dir: 'asc' }, offset: 1, limit: 2 });
    expect(asc.rows.map((r) => r.summary)).toEqual(['第1起', '第2起']);
    const town = await op.ok('incidents.list', { townshipCode: '220502002', count: true });
    expect(town.total).toBe(2);
    const st = await op.ok('incidents.list', { status: ['closed'], count: true });
    expect(st.total).toBe(0);
    t.close();
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1000, 7)]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('uploads in chunks, stores by content hash, reads back', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call());
    const uploadId = '7b0c2c2e-8a4b-4d7e-9f00-0123456789ab';
    await op.ok('incidents.uploadChunk', { uploadId, offset: 0, data: png.subarray(0, 600).toString('base64') });
    const bad = await op.call('incidents.uploadChunk', { uploadId, offset: 0, data: png.subarray(600).toString('base64') });
    expect(!bad.ok && bad.error.code).toBe('CONFLICT');
    await op.ok('incidents.uploadChunk', { uploadId, offset: 600, data: png.subarray(600).toString('base64') });
    const a = await op.ok('incidents.attach', { id: d.id, uploadId, name: '现场.png', mime: 'image/png', size: png.length, sha256: sha(png), thumb: 'data:image/jpeg;base64,AAAA' });
    expect(a.attachments).toHaveLength(1);
    expect(fs.existsSync(path.join(t.dir, 'attachments', sha(png)))).toBe(true);
    const got = await op.ok('incidents.attachment', { id: a.attachments[0].id });
    expect(Buffer.from(got.data, 'base64').equals(png)).toBe(true);
    expect(a.entries.at(-1)).toMatchObject({ kind: 'attachment', body: '现场.png' });
    // never deleted: voided with who/when/why, the file stays
    const v = await op.ok('incidents.voidAttachment', { id: a.attachments[0].id, reason: '上传错了照片' });
    expect(v.attachments).toHaveLength(0);
    expect(v.entries.at(-1)).toMatchObject({ kind: 'correction', body: '上传错了照片' });
    expect(t.db.prepare('SELECT voided_by IS NOT NULL AS v FROM incident_attachments').get()).toEqual({ v: 1 });
    expect(fs.existsSync(path.join(t.dir, 'attachments', sha(png)))).toBe(true);
    t.close();
  });

  it('bad input: disallowed type, content not matching the type, oversized → error, nothing changed', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call());
    const up = async (id: string, b: Buffer) => op.ok('incidents.uploadChunk', { uploadId: id, offset: 0, data: b.toString('base64') });
    const before = counts(t);
    const exe = Buffer.from('MZ....');
    await up('11111111-1111-4111-8111-111111111111', exe);
    const r1 = await op.call('incidents.attach', { id: d.id, uploadId: '11111111-1111-4111-8111-111111111111', name: 'a.exe', mime: 'application/x-msdownload', size: exe.length, sha256: sha(exe) });
    expect(!r1.ok && r1.error.code).toBe('VALIDATION');
    await up('22222222-2222-4222-8222-222222222222', exe);
    const r2 = await op.call('incidents.attach', { id: d.id, uploadId: '22222222-2222-4222-8222-222222222222', name: 'a.png', mime: 'image/png', size: exe.length, sha256: sha(exe) });
    expect(!r2.ok && r2.error.code).toBe('VALIDATION');
    const big = Buffer.alloc(512 * 1024, 1);
    const id3 = '33333333-3333-4333-8333-333333333333';
    let off = 0;
    let last: Awaited<ReturnType<typeof op.call>> | null = null;
    for (let i = 0; i < 21; i++) {
      last = await op.call('incidents.uploadChunk', { uploadId: id3, offset: off, data: big.toString('base64') });
      if (!last.ok) break;
      off += big.length;
    }
    expect(last && !last.ok && last.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(counts(t)).toEqual(before);
    t.close();
  });
});

describe('export and grid state', () => {
  it('exports the current view as xlsx', async () => {
    const { t, op } = await world();
    await op.ok('incidents.create', call());
    const x = await op.ok('incidents.export', { q: '火灾' });
    expect(x.rows).toBe(1);
    const buf = Buffer.from(x.data, 'base64');
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    // Row 1 title, row 2 export time, row 3 the header (issue 13: workbooks that print).
    expect(String(ws.getRow(1).getCell(1).value)).toContain('Incident register');
    expect(ws.getRow(3).getCell(1).value).toBe('No.');
    expect(String(ws.getRow(4).getCell(21).value)).toContain('火灾');
    t.close();
  });

  it('remembers column state per user', async () => {
    const { t, op, leader } = await world();
    await op.ok('incidents.saveGridState', { state: [{ colId: 'no', width: 90, hide: null }] });
    expect(await op.ok('incidents.gridState')).toEqual({ state: [{ colId: 'no', width: 90, hide: null }] });
    const bad = await op.raw('incidents.saveGridState', { state: [{ colId: { nested: 1 } }] });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    expect(await leader.ok('incidents.gridState')).toEqual({ state: null });
    t.close();
  });
});

describe('demo and scale data', () => {
  it('demo data loads on a station without division data (no townships)', async () => {
    const t = (await import('../helpers')).testApp();
    const r = await t.anon.ok('auth.setup', {
      station: { name: '某县应急管理局', code: '110101', level: 'district', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '管理员', password: 'correct horse battery' },
      loadDemo: true,
    });
    const page = await t.as(r.token).ok('incidents.list', { count: true, limit: 1 });
    expect(page.total).toBe(60);
    expect(page.rows[0].townshipCode).toBeNull();
    t.close();
  });

  it('the demo station has Dongchang incidents taken by the demo operators, some awaiting the leader', async () => {
    const t = (await import('../helpers')).testApp();
    const { admin } = await (await import('../helpers')).setUpStation(t, true);
    const page = await admin.ok('incidents.list', { count: true, limit: 5 });
    expect(page.total).toBe(60);
    expect(page.rows[0].townshipName).toBeTruthy();
    expect(['陈丽', '孙强', '周静', '吴昊', '郑磊']).toContain(page.rows[0].createdByName);
    expect((await admin.ok('incidents.queue', { overdueOnly: true })).length).toBeGreaterThanOrEqual(3);
    const d = await admin.ok('incidents.get', { id: page.rows[0].id });
    expect(d.entries.length).toBeGreaterThanOrEqual(2);
    const s = await admin.ok('incidents.list', { q: page.rows[0].summary.slice(0, 4), count: true });
    expect(s.total).toBeGreaterThanOrEqual(1);
    t.close();
  });
});
