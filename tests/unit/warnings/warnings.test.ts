import { describe, expect, it } from 'vitest';
import { setUpStation, testApp, userWithRoles } from '../helpers';
import type { InputOf } from '../../../src-main/contract';
import { LEVEL_COLOUR } from '../../../src-main/contract/warnings';
import { deadlinesAt, isLate } from '../../../src-main/core/warnings/deadlines';
import { DEFAULT_RULES } from '../../../src-main/core/warnings/repo';
import { BOARD } from '../../../src-main/core/modules';

const MIN = 60_000;

async function world() {
  const t = testApp();
  const { admin } = await setUpStation(t);
  const op = (await userWithRoles(t, admin, 'op1', ['operator'])).caller;
  const leader = (await userWithRoles(t, admin, 'lead1', ['leader'])).caller;
  const viewer = (await userWithRoles(t, admin, 'view1', ['viewer'])).caller;
  return { t, admin, op, leader, viewer };
}

/** A rainstorm warning from the meteorological bureau for two townships and one village. */
function rain(now: number, over: Partial<InputOf<'warnings.create'>> = {}): InputOf<'warnings.create'> {
  return {
    issuer: '气象',
    kind: '暴雨',
    level: 2,
    docNo: '东昌气预〔2026〕18号',
    areaCodes: ['220502001', '220502002', '220502001001'],
    validFrom: now,
    validUntil: now + 24 * 60 * MIN,
    text: '预计未来6小时内我区将出现50毫米以上降雨，请做好防范。',
    ...over,
  };
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('deadline rules (standards §1: leader on duty within 10 min, forwarded within 30 min)', () => {
  it('standards §1: the national defaults are 10 and 30 minutes from receipt, as data', () => {
    expect(DEFAULT_RULES.map((r) => [r.id, r.minutes, r.enabled])).toEqual([['leader', 10, true], ['forward', 30, true]]);
    expect(DEFAULT_RULES.every((r) => r.basis.includes('standards §1'))).toBe(true);
    const at = Date.UTC(2026, 6, 1, 2, 0);
    expect(deadlinesAt(DEFAULT_RULES, at)).toEqual({ leaderDueAt: at + 10 * MIN, forwardDueAt: at + 30 * MIN });
  });

  it('standards §1: a rule switched off sets no deadline; met exactly at the deadline is on time', () => {
    const at = 1_000_000;
    expect(deadlinesAt(DEFAULT_RULES.map((r) => (r.id === 'leader' ? { ...r, enabled: false } : r)), at).leaderDueAt).toBeNull();
    expect(isLate(at + 10 * MIN, at + 10 * MIN)).toBe(false);
    expect(isLate(at + 10 * MIN, at + 10 * MIN + 1)).toBe(true);
    expect(isLate(null, at + 999 * MIN)).toBe(false);
  });

  it('standards §2: level 1 red, 2 orange, 3 yellow, 4 blue', () => {
    expect(LEVEL_COLOUR).toEqual({ 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' });
  });

  it('standards §1: a station override (audited) changes the deadline of warnings received afterwards; reset returns the default', async () => {
    const { t, op, leader } = await world();
    const before = await op.ok('warnings.create', rain(t.clock.t));
    const rules = await leader.ok('warnings.rules', {});
    const fwd = rules.find((r) => r.id === 'forward')!;
    expect(code(await op.call('warnings.setRule', { id: 'forward', version: fwd.version, minutes: 20 }))).toBe('FORBIDDEN');
    const set = await leader.ok('warnings.setRule', { id: 'forward', version: fwd.version, minutes: 20, note: '省厅要求20分钟内转发' });
    expect(set).toMatchObject({ minutes: 20, overridden: true, defaults: { minutes: 30 }, note: '省厅要求20分钟内转发' });
    const stale = await leader.call('warnings.setRule', { id: 'forward', version: fwd.version, minutes: 25 });
    expect(code(stale)).toBe('CONFLICT');
    const after = await op.ok('warnings.create', rain(t.clock.t));
    expect(after.forwardDueAt! - after.receivedAt).toBe(20 * MIN);
    // A deadline already running does not move.
    expect((await op.ok('warnings.get', { id: before.id })).forwardDueAt! - before.receivedAt).toBe(30 * MIN);
    const reset = await leader.ok('warnings.setRule', { id: 'forward', version: set.version, reset: true });
    expect(reset).toMatchObject({ minutes: 30, overridden: false });
    const audit = t.db.prepare("SELECT count(*) n FROM audit_log WHERE entity = 'warningRule'").get() as { n: number };
    expect(audit.n).toBe(2);
    t.close();
  });
});

describe('a warning from receipt to lifting', () => {
  it('intake: number, colour, area names, deadlines 10/30 min, intake entry (standards §1, §2)', async () => {
    const { t, op, viewer } = await world();
    const d = await op.ok('warnings.create', rain(t.clock.t));
    expect(d).toMatchObject({ no: '2026-Y0001', colour: 'orange', status: 'active', recipients: 0, leaderNotifiedAt: null });
    expect(d.areaNames).toEqual(['东昌街道', '东昌街道·新华社区', '民主街道']);
    expect(d.leaderDueAt! - d.receivedAt).toBe(10 * MIN);
    expect(d.forwardDueAt! - d.receivedAt).toBe(30 * MIN);
    expect(d.entries.map((e) => e.kind)).toEqual(['intake']);
    expect(code(await viewer.call('warnings.create', rain(t.clock.t)))).toBe('FORBIDDEN');
    expect((await viewer.ok('warnings.list', { activeOnly: true })).map((w) => w.id)).toEqual([d.id]);
    t.close();
  });

  it('bad input is refused in words and changes nothing', async () => {
    const { t, op } = await world();
    const n = () => (t.db.prepare('SELECT count(*) n FROM warnings').get() as { n: number }).n;
    const cases: [Partial<InputOf<'warnings.create'>>, string][] = [
      [{ areaCodes: ['220502999'] }, 'warnings.unknownPlace'],
      [{ validUntil: t.clock.t - MIN }, 'warnings.untilBeforeFrom'],
      [{ receivedAt: t.clock.t + 60 * MIN }, 'warnings.receivedInFuture'],
    ];
    for (const [over] of cases) {
      const r = await op.call('warnings.create', rain(t.clock.t, over));
      expect(code(r)).toBe('VALIDATION');
      expect(!r.ok && r.error.message).not.toMatch(/warnings\./);
    }
    expect(code(await op.raw('warnings.create', { ...rain(t.clock.t), level: 5 }))).toBe('VALIDATION');
    expect(n()).toBe(0);
    t.close();
  });

  it('leader on duty: only a leader confirms in the app; an operator records the leader phoned; late needs a reason (standards §1)', async () => {
    const { t, op, leader } = await world();
    const d = await op.ok('warnings.create', rain(t.clock.t));
    expect(code(await op.call('warnings.notifyLeader', { id: d.id, version: d.version, via: 'app' }))).toBe('FORBIDDEN');
    expect(code(await op.call('warnings.notifyLeader', { id: d.id, version: d.version, via: 'phone' }))).toBe('VALIDATION');
    // The leader's queue holds the warning until then.
    expect((await leader.ok('board.leaderQueue', {})).filter((q) => q.source === 'warnings').map((q) => q.refId)).toEqual([d.id]);
    expect(code(await op.call('board.leaderQueue', {}))).toBe('FORBIDDEN');
    t.clock.advance(11 * MIN);
    const late = await op.call('warnings.notifyLeader', { id: d.id, version: d.version, via: 'phone', leaderName: '王建华' });
    expect(code(late)).toBe('VALIDATION');
    expect(!late.ok && late.error.message).toMatch(/reason/);
    const ok = await op.ok('warnings.notifyLeader', { id: d.id, version: d.version, via: 'phone', leaderName: '王建华', lateReason: '领导电话占线' });
    expect(ok).toMatchObject({ leaderVia: 'phone', leaderName: '王建华', leaderLateReason: '领导电话占线' });
    expect(code(await leader.call('warnings.notifyLeader', { id: d.id, version: ok.version, via: 'app' }))).toBe('CONFLICT');
    expect((await leader.ok('board.leaderQueue', {})).some((q) => q.source === 'warnings')).toBe(false);
    t.close();
  });

  it('forwarding to three recipients: 待通知 → 已通知 → 已回执, in order; late notices keep a reason; open matters follow (standards §1)', async () => {
    const { t, op, leader } = await world();
    let d = await op.ok('warnings.create', rain(t.clock.t));
    const open = (kind: string) => BOARD.openMatters(t.db, t.clock.t).filter((m) => m.source === 'warnings' && m.kind === kind);
    expect(open('warningForward')).toHaveLength(1);
    expect(open('warningLeader')[0].severity).toBe('warn');
    d = await leader.ok('warnings.notifyLeader', { id: d.id, version: d.version, via: 'app', instruction: '立即转发各街道，做好转移准备' });
    expect(d.leaderName).toBe('lead1');
    expect(open('warningLeader')).toHaveLength(0);
    d = await op.ok('warnings.addRecipients', {
      id: d.id, version: d.version,
      recipients: [
        { name: '张强', unit: '东昌街道办事处', townshipCode: '220502001', phone: '13904350001', channel: 'phone' },
        { name: '李红', unit: '民主街道办事处', townshipCode: '220502002', phone: '0435-3201234', channel: 'fax' },
        { name: '赵刚', unit: '区水利局', phone: '13904350003', channel: 'sms' },
      ],
    });
    expect(d.recipientList.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(code(await op.call('warnings.addRecipients', { id: d.id, version: d.version, recipients: [{ name: '张强', unit: '东昌街道办事处', channel: 'phone' }] }))).toBe('VALIDATION');
    const [a, b, c] = d.recipientList;
    // Confirming before notifying is refused, and says so in words.
    const early = await op.call('warnings.receipt', { id: d.id, version: d.version, recipientId: a.id, status: 'confirmed', confirmedName: '张强' });
    expect(code(early)).toBe('CONFLICT');
    expect(!early.ok && early.error.message).toContain('to notify');
    t.clock.advance(5 * MIN);
    d = await op.ok('warnings.receipt', { id: d.id, version: d.version, recipientId: a.id, status: 'notified' });
    d = await op.ok('warnings.receipt', { id: d.id, version: d.version, recipientId: b.id, status: 'notified' });
    expect(d.forwardedAt).toBeNull();
    t.clock.advance(30 * MIN);
    expect(open('warningForward')[0].severity).toBe('urgent');
    expect(code(await op.call('warnings.receipt', { id: d.id, version: d.version, recipientId: c.id, status: 'notified' }))).toBe('VALIDATION');
    d = await op.ok('warnings.receipt', { id: d.id, version: d.version, recipientId: c.id, status: 'notified', lateReason: '短信平台故障，改为电话' });
    expect(d.forwardedAt).toBe(t.clock.t);
    expect(open('warningForward')).toHaveLength(0);
    expect(code(await op.call('warnings.receipt', { id: d.id, version: d.version, recipientId: a.id, status: 'confirmed' }))).toBe('VALIDATION');
    for (const r of [a, b, c]) d = await op.ok('warnings.receipt', { id: d.id, version: d.version, recipientId: r.id, status: 'confirmed', confirmedName: `${r.name}本人` });
    expect(d).toMatchObject({ recipients: 3, notified: 3, confirmed: 3 });
    expect(d.recipientList[2]).toMatchObject({ status: 'confirmed', confirmedName: '赵刚本人', lateReason: '短信平台故障，改为电话', recordedByName: 'op1' });
    // The database keeps receipts moving forward only.
    expect(() => t.db.prepare("UPDATE warning_recipients SET status = 'pending' WHERE id = ?").run(a.id)).toThrow(/forward/);
    t.close();
  });

  it('upgrade, downgrade, extend, lift are append-only timeline entries; a lifted warning no longer changes', async () => {
    const { t, op } = await world();
    let d = await op.ok('warnings.create', rain(t.clock.t, { level: 3 }));
    expect(code(await op.call('warnings.change', { id: d.id, version: d.version, change: 'upgrade', level: 4, note: '有误' }))).toBe('VALIDATION');
    d = await op.ok('warnings.change', { id: d.id, version: d.version, change: 'upgrade', level: 1, note: '气象台升级为红色预警' });
    expect(d).toMatchObject({ level: 1, colour: 'red' });
    expect(code(await op.call('warnings.change', { id: d.id, version: d.version, change: 'downgrade', level: 1, note: 'x' }))).toBe('VALIDATION');
    d = await op.ok('warnings.change', { id: d.id, version: d.version, change: 'downgrade', level: 2, note: '降为橙色' });
    expect(code(await op.call('warnings.change', { id: d.id, version: d.version, change: 'extend', validUntil: d.validUntil! - MIN, note: 'x' }))).toBe('VALIDATION');
    d = await op.ok('warnings.change', { id: d.id, version: d.version, change: 'extend', validUntil: d.validUntil! + 12 * 60 * MIN, note: '延长12小时' });
    t.clock.advance(MIN);
    d = await op.ok('warnings.change', { id: d.id, version: d.version, change: 'lift', note: '气象台解除预警' });
    expect(d).toMatchObject({ status: 'lifted', liftedAt: t.clock.t });
    expect(d.entries.map((e) => e.kind)).toEqual(['intake', 'upgrade', 'downgrade', 'extend', 'lift']);
    expect(code(await op.call('warnings.change', { id: d.id, version: d.version, change: 'extend', validUntil: d.validUntil! + MIN, note: 'x' }))).toBe('CONFLICT');
    expect(() => t.db.prepare('DELETE FROM warning_entries').run()).toThrow(/append-only/);
    // Lifted: no longer active, no open matters, off the leader's queue.
    expect(await op.ok('warnings.list', { activeOnly: true })).toEqual([]);
    expect(BOARD.openMatters(t.db, t.clock.t).filter((m) => m.source === 'warnings')).toEqual([]);
    // The duty log carries every step in words.
    const log = BOARD.dutyLog(t.db, 0, t.clock.t + 1).filter((l) => l.kind === 'warning').map((l) => l.text);
    // Named as the warning stands now (downgraded to orange).
    expect(log[0]).toMatch(/^2026-Y0001 暴雨橙色预警 接收/);
    expect(log.at(-1)).toMatch(/解除：气象台解除预警$/);
    t.close();
  });

  it('attachments: a PDF is kept and read back; a file that is not what it says is refused', async () => {
    const { t, op, viewer } = await world();
    let d = await op.ok('warnings.create', rain(t.clock.t));
    const pdf = Buffer.from('%PDF-1.4\n预警单\n%%EOF').toString('base64');
    d = await op.ok('warnings.attach', { id: d.id, name: '预警单.pdf', mime: 'application/pdf', data: pdf });
    expect(d.attachments.map((a) => a.name)).toEqual(['预警单.pdf']);
    const back = await viewer.ok('warnings.attachment', { id: d.attachments[0].id });
    expect(back.data).toBe(pdf);
    expect(code(await op.call('warnings.attach', { id: d.id, name: 'x.pdf', mime: 'application/pdf', data: Buffer.from('not a pdf').toString('base64') }))).toBe('VALIDATION');
    expect(code(await op.call('warnings.attach', { id: d.id, name: 'x.exe', mime: 'application/x-msdownload', data: pdf }))).toBe('VALIDATION');
    t.close();
  });
});

describe('leader queue (领导待办): one list from every domain', () => {
  it('holds warnings to decide and escalations to acknowledge, soonest deadline first, each once', async () => {
    const { t, op, leader } = await world();
    const w = await op.ok('warnings.create', rain(t.clock.t));
    t.clock.advance(MIN);
    await op.ok('incidents.create', {
      source: 'phone', callerName: '李明', callerPhone: '13904351234', townshipCode: '220502001', classCode: '2', typeCode: '21', accidentType: '08',
      industry: 'industry_trade', summary: '仓库火灾', casualties: { dead: 0, injured: 0, serious: 0, missing: 0, trapped: 0, evacuated: 0 },
    });
    const q = await leader.ok('board.leaderQueue', {});
    expect(q.map((x) => [x.source, x.kind])).toEqual([['warnings', 'decide'], ['incidents', 'acknowledge']]);
    expect(q[0]).toMatchObject({ refId: w.id, route: `/warnings/${w.id}`, title: '2026-Y0001 暴雨橙色预警' });
    expect(new Set(q.map((x) => `${x.source}|${x.refId}`)).size).toBe(q.length);
    t.close();
  });
});
