import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';

describe('notices at one district station', () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = testApp();
    admin = (await setUpStation(t)).admin;
  });
  afterAll(() => t.close());

  it('refuses a notice without recipients or with a past deadline, in words, and writes nothing', async () => {
    const none = await admin.call('notices.issue', { title: '通知', body: '内容' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toBe('Choose at least one township or name at least one person.');
    const past = await admin.call('notices.issue', { title: '通知', body: '内容', people: [{ name: '王队长' }], receiptDueAt: t.clock.now() - 1 });
    expect(past.ok).toBe(false);
    expect(await admin.ok('notices.list', {})).toEqual([]);
  });

  it('numbers notices per year and lists the open ones (recipients still silent)', async () => {
    const a = await admin.ok('notices.issue', { title: '关于加强值班值守的通知', body: '请严格执行24小时值班和领导带班制度。', people: [{ name: '王队长', phone: '13900000000' }] });
    const b = await admin.ok('notices.issue', { title: '关于开展隐患排查的通知', body: '请于本周内完成。', people: [{ name: '李主任' }] });
    expect([a.no, b.no]).toEqual(['2026-001', '2026-002']);
    await admin.ok('notices.markReceived', { lineId: a.lines[0].id, note: '本人接听' });
    expect((await admin.ok('notices.list', { open: true })).map((r) => r.no)).toEqual(['2026-002']);
  });

  it('a receipt is given at the receiving township only: the district refuses it', async () => {
    const r = await admin.call('notices.receipt', { id: (await admin.ok('notices.list', {}))[0].id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});
