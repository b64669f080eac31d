import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialsFixture, receive, type Fx } from './fixture';
import { type Caller } from '../helpers';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';

/*
 * standards §5 (storage practice): the acceptance of a receipt is reported within 5 working days,
 * issue vouchers within 2 working days, the annual storage report before 10 January; dispatched
 * supplies arrive within 12 h (a local rule). Working days are the station calendar's: its
 * day-by-day correction, an imported State Council notice, then the chinese-days package.
 */

/** Local (Asia/Shanghai) wall-clock time as epoch ms. */
const cst = (iso: string) => Date.parse(`${iso}+08:00`);
/** The end of a local day: the last moment still on time. */
const endOf = (date: string) => cst(`${date}T23:59:59.999`);

const NOTICE_2027 = fs.readFileSync(path.join(__dirname, '../roster/fixtures/notice-2027-invented-test-fixture.txt'), 'utf8');

/** A session survives 12 idle hours; after the clock jumps days the people sign in again. */
async function signIn(f: Fx, username: string, password = 'changed-pass-1'): Promise<Caller> {
  const l = await f.t.anon.ok('auth.login', { username, password });
  return f.t.as(l.token, 'zh-CN');
}

/** A refused call: a typed error, and no report recorded, no rule changed. */
async function fail(f: Fx, p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const state = () => JSON.stringify(f.t.db.prepare('SELECT (SELECT count(*) FROM mat_filings) n, (SELECT version FROM mat_rules) v').get());
  const before = state();
  const r = (await p) as { ok: boolean; error?: { code: string; message: string } };
  expect(r.ok).toBe(false);
  expect(state()).toBe(before);
  return r.error!;
}

async function issue(c: Caller, warehouseId: string, itemId: string, qty: number) {
  const d = await c.ok('materials.docs.save', { kind: 'issue', warehouseId, recipient: '江南街道', lines: [{ itemId, qty }] });
  return c.ok('materials.docs.post', { id: d.id, version: d.version });
}

describe('materials reporting deadlines (standards §5)', () => {
  it('counts working days over the package holidays: 国庆 2026 and its make-up Saturday (standards §5)', async () => {
    const f = await materialsFixture(cst('2026-09-30T10:00:00'));
    const r = await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    const i = await issue(f.keeper, f.depot.id, f.tent.id, 5);
    const open = await f.keeper.ok('materials.filings.list', {});
    const acc = open.find((x) => x.docId === r.id)!;
    const iss = open.find((x) => x.docId === i.id)!;
    // 10-01..07 holidays; 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat (调休上班) 3, 10-12 Mon 4, 10-13 Tue 5.
    expect(acc).toMatchObject({ kind: 'acceptance', workingDays: 5, dueAt: endOf('2026-10-13'), overdue: false, calendarUncovered: false, filed: null });
    // 10-08 Thu 1, 10-09 Fri 2 (a plain week count would have said 10-02).
    expect(iss).toMatchObject({ kind: 'issue', workingDays: 2, dueAt: endOf('2026-10-09') });
  });

  it("follows the station's day-by-day correction (standards §5, station calendar first)", async () => {
    const f = await materialsFixture(cst('2026-09-30T10:00:00'));
    const r = await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    await f.admin.ok('roster.calendar.set', { date: '2026-10-12', kind: 'holiday', name: '本地调整', reason: '区政府通知' });
    const acc = (await f.keeper.ok('materials.filings.list', {})).find((x) => x.docId === r.id)!;
    expect(acc.dueAt).toBe(endOf('2026-10-14'));
  });

  it('2027: plain weekdays with a calendar warning until the notice is imported, the 春节 holidays after (standards §5)', async () => {
    const f = await materialsFixture(cst('2027-02-04T10:00:00'));
    const r = await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    const i = await issue(f.keeper, f.depot.id, f.tent.id, 5);
    let open = await f.keeper.ok('materials.filings.list', {});
    expect(open.find((x) => x.docId === r.id)).toMatchObject({ dueAt: endOf('2027-02-11'), calendarUncovered: true });
    expect(open.find((x) => x.docId === i.id)).toMatchObject({ dueAt: endOf('2027-02-08'), calendarUncovered: true });
    await f.admin.ok('roster.calendar.importNotice', { text: NOTICE_2027 });
    open = await f.keeper.ok('materials.filings.list', {});
    // 02-05..13 春节; 02-15 Mon 1 … 02-19 Fri 5; vouchers 02-15, 02-16.
    expect(open.find((x) => x.docId === r.id)).toMatchObject({ dueAt: endOf('2027-02-19'), calendarUncovered: false });
    expect(open.find((x) => x.docId === i.id)).toMatchObject({ dueAt: endOf('2027-02-16'), calendarUncovered: false });
  });

  it('records a report on time; late needs a reason, a backdated time needs one, twice is refused, the wrong document too (standards §5)', async () => {
    const f = await materialsFixture(cst('2026-11-02T09:00:00'));
    const r1 = await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    const r2 = await receive(f.keeper, f.depot.id, [{ itemId: f.quilt.id, qty: 80 }]);
    const i = await issue(f.keeper, f.depot.id, f.tent.id, 5);
    // On time: 11-02 Mon → due 11-09 Mon.
    f.t.clock.t = cst('2026-11-04T15:00:00');
    let keeper = await signIn(f, 'heping');
    const ok = await keeper.ok('materials.filings.file', { kind: 'acceptance', docId: r1.id, recipient: '区应急管理局' });
    expect(ok.filed).toMatchObject({ late: false, lateReason: '', recipient: '区应急管理局', filedByName: 'heping' });
    expect((await fail(f, keeper.call('materials.filings.file', { kind: 'acceptance', docId: r1.id }))).code).toBe('CONFLICT');
    // An issue is not a receipt.
    const wrong = await fail(f, keeper.call('materials.filings.file', { kind: 'acceptance', docId: i.id }));
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('入库单');
    // A time an hour back is recorded only with the reason it is recorded afterwards.
    const back = await fail(f, keeper.call('materials.filings.file', { kind: 'issue', docId: i.id, filedAt: cst('2026-11-04T14:00:00') }));
    expect(back.message).toContain('补记原因');
    const backOk = await keeper.ok('materials.filings.file', { kind: 'issue', docId: i.id, filedAt: cst('2026-11-04T14:00:00'), backdateReason: '电话报送后补登' });
    expect(backOk.filed?.backdateReason).toBe('电话报送后补登');
    // Before the document existed: refused.
    const early = await fail(f, keeper.call('materials.filings.file', { kind: 'acceptance', docId: r2.id, filedAt: cst('2026-11-01T09:00:00'), backdateReason: 'x' }));
    expect(early.code).toBe('VALIDATION');

    // The second receipt is missed: overdue on the board (urgent), then late with its reason.
    f.t.clock.t = cst('2026-11-10T09:00:00');
    keeper = await signIn(f, 'heping');
    const board = await keeper.ok('materials.alerts');
    expect(board.find((a) => a.refId === `acceptance|${r2.id}`)).toMatchObject({ kind: 'acceptanceDue', severity: 'urgent', dueAt: endOf('2026-11-09') });
    expect(board.find((a) => a.refId === `acceptance|${r1.id}`)).toBeUndefined();
    // The handover's open matters (三清) and the duty board read the same source, with the roster's calendar.
    const matters = BOARD.openMatters(f.t.db, f.t.clock.now()).filter((m) => m.kind === 'acceptanceDue');
    expect(matters).toEqual([expect.objectContaining({ source: 'materials', refId: `acceptance|${r2.id}`, severity: 'urgent' })]);
    expect(matterLabel('zh-CN', 'acceptanceDue')).toBe('验收报告待报');
    const late = await fail(f, keeper.call('materials.filings.file', { kind: 'acceptance', docId: r2.id }));
    expect(late.code).toBe('VALIDATION');
    expect(late.message).toContain('迟报原因');
    await keeper.ok('materials.filings.file', { kind: 'acceptance', docId: r2.id, lateReason: '验收组外出抢险' });
    const lateList = await keeper.ok('materials.filings.list', { state: 'late' });
    expect(lateList).toHaveLength(1);
    expect(lateList[0]).toMatchObject({ docId: r2.id, filed: { late: true, lateReason: '验收组外出抢险' } });
    expect(await keeper.ok('materials.filings.list', { state: 'open' })).toEqual([]);
  });

  it('the annual storage report shows from December and is due before 10 January (standards §5)', async () => {
    const f = await materialsFixture(cst('2026-11-20T09:00:00'));
    const r = await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    await f.keeper.ok('materials.filings.file', { kind: 'acceptance', docId: r.id });
    expect((await f.keeper.ok('materials.filings.list', { kind: 'annual' })).length).toBe(0);
    f.t.clock.t = cst('2026-12-05T09:00:00');
    let keeper = await signIn(f, 'heping');
    const [annual] = await keeper.ok('materials.filings.list', { kind: 'annual' });
    expect(annual).toMatchObject({ kind: 'annual', year: 2026, dueAt: endOf('2027-01-09'), overdue: false });
    expect((await fail(f, keeper.call('materials.filings.file', { kind: 'annual', year: 2027 }))).code).toBe('VALIDATION');
    f.t.clock.t = cst('2027-01-10T08:00:00');
    keeper = await signIn(f, 'heping');
    expect((await keeper.ok('materials.alerts')).find((a) => a.refId === 'annual|2026')).toMatchObject({ kind: 'annualDue', severity: 'urgent', text: '2026' });
    const filed = await keeper.ok('materials.filings.file', { kind: 'annual', year: 2026, lateReason: '年底盘点未完成' });
    expect(filed.filed?.late).toBe(true);
  });

  it('the transfer limit is the station setting, 12 h by default (standards §5, local rule); only an administrator changes it', async () => {
    const f = await materialsFixture(cst('2026-11-02T09:00:00'));
    await receive(f.keeper, f.depot.id, [{ itemId: f.tent.id, qty: 50 }]);
    const { trackedSince: _t, ...rules } = await f.admin.ok('materials.rules');
    expect(rules).toMatchObject({ acceptanceDays: 5, issueDays: 2, annualDue: '01-10', transferHours: 12 });
    const send = async () => {
      const d = await f.keeper.ok('materials.docs.save', { kind: 'transfer', warehouseId: f.depot.id, toWarehouseId: f.point.id, lines: [{ itemId: f.tent.id, qty: 1 }] });
      const a = await f.leader.ok('materials.docs.approve', { id: d.id, version: d.version });
      return f.keeper.ok('materials.docs.post', { id: a.id, version: a.version });
    };
    const first = await send();
    expect(first.deadlineAt! - first.dispatchedAt!).toBe(12 * 3600_000);
    expect((await fail(f, f.keeper.call('materials.rules.set', { ...rules, transferHours: 6 }))).code).toBe('FORBIDDEN');
    const bad = await fail(f, f.admin.call('materials.rules.set', { ...rules, annualDue: '13-01' } as never));
    expect(bad.code).toBe('VALIDATION');
    const changed = await f.admin.ok('materials.rules.set', { version: rules.version, acceptanceDays: 3, issueDays: 1, annualDue: '01-15', transferHours: 6 });
    expect(changed).toMatchObject({ acceptanceDays: 3, transferHours: 6 });
    const second = await send();
    expect(second.deadlineAt! - second.dispatchedAt!).toBe(6 * 3600_000);
    expect((await fail(f, f.admin.call('materials.rules.set', { ...rules }))).code).toBe('CONFLICT');
  });
});
