import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { counts, fire, H, world, type World } from './fixture';
import { userWithRoles } from '../helpers';

// Standards §1 (natural-disaster situation reports, attachments): "≥3 photos when an emergency
// response was started" — checked when the 快报表 is submitted; photos are the incident's images.
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
    expect(issue?.message).toBe('已启动应急响应，须附现场照片不少于 3 张（现有 0 张），请在接报记录中添加照片。');
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
      'An emergency response was started: at least 3 photos of the scene are needed (now 0); add them to the incident record.',
    );
    w.t.close();
  });
});
