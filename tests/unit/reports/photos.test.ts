import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { counts, fire, H, world, type World } from './fixture';
import { userWithRoles } from '../helpers';
import { MAX_REPORT_PHOTO } from '../../../src-main/contract/reports';

// Standards §1 (natural-disaster situation reports, attachments): "≥3 photos when an emergency
// response was started" — checked when the 快报表 is submitted; photos are the report's own (see
// reports.photos.*) plus the linked incident's images.
const MAGIC: Record<string, [number[], string]> = {
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
  'image/jpeg': [[0xff, 0xd8, 0xff, 0xe0], 'jpg'],
  'application/pdf': [[...Buffer.from('%PDF-1.4\n')], 'pdf'],
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function attach(w: World, incidentId: string, n: number, mime = 'image/png') {
  const [magic, ext] = MAGIC[mime];
  const b = Buffer.concat([Buffer.from(magic), Buffer.alloc(200 + n, n)]);
  const uploadId = `7b0c2c2e-8a4b-4d7e-9f00-${String(n).padStart(12, '0')}`;
  await w.op.ok('incidents.uploadChunk', { uploadId, offset: 0, data: b.toString('base64') });
  await w.op.ok('incidents.attach', { id: incidentId, uploadId, name: `现场${n}.${ext}`, mime, size: b.length, sha256: sha(b) });
}

async function landslideReport(w: World, responseStarted: boolean) {
  const inc = await w.op.ok('incidents.create', fire({ classCode: '1', typeCode: '14', accidentType: null, summary: '后山发生山体滑坡，道路中断' }));
  const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', incidentId: inc.id });
  const data = {
    fields: { ...r.data.fields, disasterType: '滑坡', startedAt: w.t.clock.now() - H, statsUntil: w.t.clock.now(), description: '山体滑坡，道路中断', responseStarted },
    rows: { '220502001': { affected: 30, relocated: 12, relocatedCentral: 12, relocatedDispersed: 0 } },
  };
  const d = await w.op.ok('reports.update', { id: r.id, version: r.version, data });
  return { inc, d };
}

describe('standards §1: 快报表 photos when an emergency response was started', () => {
  it('refuses submission with fewer than 3 photos, in words, and changes nothing; 3 images pass', async () => {
    const w = await world();
    const { inc, d } = await landslideReport(w, true);
    const zh = w.t.as((await userWithRoles(w.t, w.admin, 'op2', ['operator'])).token, 'zh-CN');
    const before = counts(w.t);
    const bad = await zh.call('reports.submit', { id: d.id, version: d.version });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
    expect(bad.ok || bad.error.message).toContain('已启动应急响应');
    const issue = bad.ok ? null : (bad.error.details as { issues: { message: string; label: string }[] }).issues[0];
    expect(issue?.message).toBe('已启动应急响应，须附现场照片不少于 3 张（现有 0 张），请在接报记录或本报表的“现场照片”栏中添加照片。');
    expect(issue?.label).toBe('已启动应急响应');
    expect(counts(w.t)).toEqual(before);

    // Two photos and a document that is not a photo: still short (2 of 3).
    await attach(w, inc.id, 1);
    await attach(w, inc.id, 2, 'image/jpeg');
    await attach(w, inc.id, 3, 'application/pdf');
    const short = await zh.call('reports.submit', { id: d.id, version: d.version });
    expect(short.ok || (short.error.details as { issues: { message: string }[] }).issues[0].message).toContain('现有 2 张');
    expect((await w.op.ok('reports.get', { id: d.id })).issues.map((i) => i.key)).toContain('reports.v.photos');

    await attach(w, inc.id, 4);
    const ok = await w.op.ok('reports.submit', { id: d.id, version: d.version });
    expect(ok.status).toBe('submitted');
    expect(ok.issues.map((i) => i.key)).not.toContain('reports.v.photos');
    w.t.close();
  });

  it('no emergency response: no photos needed', async () => {
    const w = await world();
    const { d } = await landslideReport(w, false);
    expect((await w.op.ok('reports.submit', { id: d.id, version: d.version })).status).toBe('submitted');
    w.t.close();
  });

  it('English callers read the rule in English', async () => {
    const w = await world();
    const { d } = await landslideReport(w, true);
    const en = await w.op.call('reports.submit', { id: d.id, version: d.version });
    expect(en.ok || (en.error.details as { issues: { message: string }[] }).issues[0].message).toBe(
      "An emergency response was started: at least 3 photos of the scene are needed (now 0); add them to the incident record or to this report's Scene photos section.",
    );
    w.t.close();
  });
});

// ---- photos attached to the report itself (a standalone 快报表 has no incident to hold them) ----

const png = (n: number) => Buffer.concat([Buffer.from(MAGIC['image/png'][0]), Buffer.alloc(100 + n, n)]);
const addPhoto = (w: World, id: string, n: number) => w.op.ok('reports.photos.add', { id, name: `现场${n}.png`, mime: 'image/png', data: png(n).toString('base64') });
const photoRows = (w: World) => (w.t.db.prepare('SELECT count(*) c FROM report_photos').get() as { c: number }).c;
const blobs = (w: World) => { const d = path.join(w.t.dir, 'attachments'); return fs.existsSync(d) ? fs.readdirSync(d).length : 0; };

async function standaloneReport(w: World) {
  const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', title: '11·27 东昌区山体滑坡' });
  const data = {
    fields: { ...r.data.fields, disasterType: '滑坡', startedAt: w.t.clock.now() - H, statsUntil: w.t.clock.now(), description: '山体滑坡，道路中断', responseStarted: true },
    rows: { '220502001': { affected: 30, relocated: 12, relocatedCentral: 12, relocatedDispersed: 0 } },
  };
  return w.op.ok('reports.update', { id: r.id, version: r.version, data });
}

// One Chinese-reading operator per world (made once, so "nothing changed" counts stay put).
const zhOf = new WeakMap<World, Promise<ReturnType<World['t']['as']>>>();
const zhCaller = (w: World) => {
  if (!zhOf.has(w)) zhOf.set(w, userWithRoles(w.t, w.admin, 'opzh', ['operator']).then((u) => w.t.as(u.token, 'zh-CN')));
  return zhOf.get(w)!;
};
const submitIssue = async (w: World, d: { id: string; version: number }) => {
  const res = await (await zhCaller(w)).call('reports.submit', { id: d.id, version: d.version });
  return res.ok ? null : (res.error.details as { issues: { message: string }[] }).issues[0]?.message;
};

describe('standards §1: a standalone 快报表 carries its own ≥3 photos when an emergency response was started', () => {
  it('refused with 2 photos (the message points to the report\'s photo section), accepted with 3', async () => {
    const w = await world();
    const d = await standaloneReport(w);
    expect(await submitIssue(w, d)).toBe('已启动应急响应，须附现场照片不少于 3 张（现有 0 张），请在本报表的“现场照片”栏中添加照片。');
    await addPhoto(w, d.id, 1);
    const two = await addPhoto(w, d.id, 2);
    expect(two.map((p) => p.name)).toEqual(['现场1.png', '现场2.png']);
    expect(two[0].byName).toBeTruthy();
    const before = counts(w.t);
    expect(await submitIssue(w, d)).toContain('现有 2 张');
    expect(counts(w.t)).toEqual(before);
    expect((await w.op.ok('reports.get', { id: d.id })).issues.map((i) => i.key)).toContain('reports.v.photosStandalone');

    await addPhoto(w, d.id, 3);
    expect((await w.op.ok('reports.get', { id: d.id })).issues.map((i) => i.key)).not.toContain('reports.v.photosStandalone');
    expect((await w.op.ok('reports.submit', { id: d.id, version: d.version })).status).toBe('submitted');
    // Submitted: the photos are part of what goes for review and no longer change.
    const late = await w.op.call('reports.photos.add', { id: d.id, name: '现场4.png', mime: 'image/png', data: png(4).toString('base64') });
    expect(late.ok || late.error.code).toBe('CONFLICT');
    w.t.close();
  });

  it('photos of a linked incident and of the report add up', async () => {
    const w = await world();
    const { inc, d } = await landslideReport(w, true);
    await attach(w, inc.id, 1);
    await attach(w, inc.id, 2);
    await addPhoto(w, d.id, 3);
    expect((await w.op.ok('reports.submit', { id: d.id, version: d.version })).status).toBe('submitted');
    w.t.close();
  });

  it('a file that is not a photo is refused in words and nothing is written', async () => {
    const w = await world();
    const d = await standaloneReport(w);
    const zh = w.t.as((await userWithRoles(w.t, w.admin, 'op2', ['operator'])).token, 'zh-CN');
    const before = { ...counts(w.t), photos: photoRows(w), blobs: blobs(w) };
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const asPdf = await zh.call('reports.photos.add', { id: d.id, name: '通报.pdf', mime: 'application/pdf', data: pdf.toString('base64') });
    expect(asPdf.ok || asPdf.error.code).toBe('VALIDATION');
    expect(asPdf.ok || asPdf.error.message).toBe('“通报.pdf”不是照片，只能添加 JPG、PNG、GIF 或 WebP 格式的图片。');
    // Named and typed as a photo, but the bytes are a PDF: the bytes decide.
    const disguised = await w.op.call('reports.photos.add', { id: d.id, name: '现场.png', mime: 'image/png', data: pdf.toString('base64') });
    expect(disguised.ok || disguised.error.message).toBe('"现场.png" is not a photo; only JPG, PNG, GIF or WebP images can be added.');
    // One byte over the limit: refused with the limit in words.
    const big = Buffer.concat([png(0), Buffer.alloc(MAX_REPORT_PHOTO + 1 - png(0).length)]);
    const tooBig = await zh.call('reports.photos.add', { id: d.id, name: '大图.png', mime: 'image/png', data: big.toString('base64') });
    expect(tooBig.ok || tooBig.error.message).toBe('照片太大，每张不能超过 8 MB。');
    expect({ ...counts(w.t), photos: photoRows(w), blobs: blobs(w) }).toEqual(before);
    w.t.close();
  });

  it('a voided photo does not count; the record stays with who, when and why', async () => {
    const w = await world();
    const d = await standaloneReport(w);
    const list = [await addPhoto(w, d.id, 1), await addPhoto(w, d.id, 2), await addPhoto(w, d.id, 3)].at(-1)!;
    const left = await w.op.ok('reports.photos.void', { reportId: d.id, id: list[1].id, reason: '拍错了现场' });
    expect(left.map((p) => p.name)).toEqual(['现场1.png', '现场3.png']);
    expect(await w.op.ok('reports.photos.list', { id: d.id })).toEqual(left);
    expect(await submitIssue(w, d)).toContain('现有 2 张');
    const row = w.t.db.prepare('SELECT voided_at, voided_by_name, void_reason FROM report_photos WHERE id = ?').get(list[1].id) as Record<string, unknown>;
    expect(row.void_reason).toBe('拍错了现场');
    expect(row.voided_at).toBe(w.t.clock.now());
    expect(row.voided_by_name).toBeTruthy();
    expect(() => w.t.db.prepare('DELETE FROM report_photos WHERE id = ?').run(list[0].id)).toThrow(/never deleted/);
    const again = await w.op.call('reports.photos.void', { reportId: d.id, id: list[1].id, reason: '再次作废' });
    expect(again.ok || again.error.code).toBe('NOT_FOUND');
    // A photo of another report's chain is not voided through this one.
    const other = await w.op.ok('reports.create', { templateId: 'disaster-quick', title: '11·28 西岭镇泥石流' });
    const [foreign] = await addPhoto(w, other.id, 7);
    const cross = await w.op.call('reports.photos.void', { reportId: d.id, id: foreign.id, reason: '不是本报表的' });
    expect(cross.ok || cross.error.code).toBe('NOT_FOUND');
    expect(await w.op.ok('reports.photos.list', { id: other.id })).toHaveLength(1);
    w.t.close();
  });

  it('only duty staff add or void photos; every role can see them', async () => {
    const w = await world();
    const d = await standaloneReport(w);
    const [p] = await addPhoto(w, d.id, 1);
    const keeper = (await userWithRoles(w.t, w.admin, 'keep1', ['keeper'])).caller;
    const before = { ...counts(w.t), photos: photoRows(w) };
    const add = await w.viewer.call('reports.photos.add', { id: d.id, name: '现场9.png', mime: 'image/png', data: png(9).toString('base64') });
    expect(add.ok || add.error.code).toBe('FORBIDDEN');
    const voided = await keeper.call('reports.photos.void', { reportId: d.id, id: p.id, reason: '无关' });
    expect(voided.ok || voided.error.code).toBe('FORBIDDEN');
    expect({ ...counts(w.t), photos: photoRows(w) }).toEqual(before);
    expect((await w.viewer.ok('reports.photos.list', { id: d.id })).map((x) => x.name)).toEqual(['现场1.png']);
    expect((await w.leader.ok('reports.photos.add', { id: d.id, name: '现场2.png', mime: 'image/png', data: png(2).toString('base64') })).length).toBe(2);
    w.t.close();
  });
});
