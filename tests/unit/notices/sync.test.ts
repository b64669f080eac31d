import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src-main/server/http';
import { ADMIN_PASSWORD } from '../helpers';
import { BOARD } from '../../../src-main/core/modules';
import { enrollTown, pusher, startHub, startTown, syncTestApp, type Hub, type Town } from '../sync/fixture';

/**
 * Notices down, receipts up, zero reports up — between two (three) real stations over real HTTP,
 * with the file transport for a township that carries its records by hand, and a hub restart.
 */
let hub: Hub;
let town: Town;
let carried: Town; // enrolled, but its records go up by exported file
let regTown: string;
let regCarried: string;
const T0 = Date.UTC(2026, 6, 1, 0, 0, 0); // 2026-07-01 08:00 in Asia/Shanghai (flood season)

beforeAll(async () => {
  hub = await startHub();
  town = await startTown('新站镇应急办', '220502101');
  carried = await startTown('双龙镇应急办', '220502111');
  for (const t of [hub.t, town.t, carried.t]) t.clock.t = T0;
  regTown = (await enrollTown(hub, town)).station.id;
  regCarried = (await enrollTown(hub, carried)).station.id;
});
afterAll(async () => {
  await hub.srv.close();
  hub.t.close();
  town.t.close();
  carried.t.close();
});

const advance = (ms: number) => [hub.t, town.t, carried.t].forEach((t) => t.clock.advance(ms));

describe('通知 down and 回执 up', () => {
  let noticeId = '';

  it('the district issues a notice to two townships and a person; the townships receive it through sync', async () => {
    const n = await hub.admin.ok('notices.issue', {
      title: '关于做好强降雨防范工作的通知',
      body: '请各乡镇于今日12时前完成山洪地质灾害隐患点巡查，并报告巡查情况。',
      stations: [regTown, regCarried],
      people: [{ name: '王队长', phone: '13900000000', unit: '区消防救援大队' }],
      receiptDueAt: T0 + 2 * 3600_000,
    });
    noticeId = n.id;
    expect(n.lines.map((l) => [l.name, l.state, l.connected])).toEqual([
      ['新站镇应急办', 'missing', true],
      ['双龙镇应急办', 'missing', true],
      ['王队长', 'missing', false],
    ]);
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    expect((await pusher(carried.t).syncNow()).state).toBe('ok');
    const inbox = await town.admin.ok('notices.list', {});
    expect(inbox.map((r) => [r.title, r.originName, r.myReceipt])).toEqual([['关于做好强降雨防范工作的通知', '东昌区应急管理局', null]]);
    // Prominent until confirmed: an open matter for the handover and the board.
    const matters = BOARD.openMatters(town.t.db, town.t.clock.now()).filter((m) => m.source === 'notices');
    expect(matters.map((m) => [m.kind, m.severity, m.dueAt])).toEqual([['noticeReceiptDue', 'warn', T0 + 2 * 3600_000]]);
    expect(BOARD.openMatters(hub.t.db, hub.t.clock.now()).filter((m) => m.source === 'notices').map((m) => m.title)).toEqual(['通知《关于做好强降雨防范工作的通知》：3 个接收方未回执']);
    // Delivered: the hub knows the township pulled past the notice.
    const d = await hub.admin.ok('notices.get', { id: noticeId });
    expect(d.lines.find((l) => l.name === '新站镇应急办')!.delivered).toBe(true);
  });

  it('a station the notice does not name cannot see or confirm it', async () => {
    const other = await startTown('环通乡应急办', '220502120');
    try {
      const reg = await hub.admin.ok('sync.stations.register', { name: '环通乡应急办', code: '220502120', level: 'township' });
      await other.admin.ok('sync.enroll', { hubUrl: hub.srv.url, oneTimeSecret: reg.oneTimeSecret });
      expect((await pusher(other.t).syncNow()).state).toBe('ok');
      expect(await other.admin.ok('notices.list', {})).toEqual([]);
      const r = await other.admin.call('notices.receipt', { id: noticeId });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
    } finally {
      other.t.close();
    }
  });

  it('the receipt travels up over HTTP; a reply later updates it (已收到 → 已回复)', async () => {
    advance(10 * 60_000);
    const r = await town.admin.ok('notices.receipt', { id: noticeId });
    expect(r.myReceipt?.receivedByName).toBe('管理员');
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    let d = await hub.admin.ok('notices.get', { id: noticeId });
    const line = () => d.lines.find((l) => l.name === '新站镇应急办')!;
    expect([line().state, line().receivedAt, line().receivedByName, line().manual]).toEqual(['received', T0 + 10 * 60_000, '管理员', false]);
    // A second bare receipt changes nothing and says why.
    const again = await town.admin.call('notices.receipt', { id: noticeId });
    expect(again.ok).toBe(false);
    await town.admin.ok('notices.receipt', { id: noticeId, reply: '已安排巡查，12时前报告。' });
    await pusher(town.t).syncNow();
    d = await hub.admin.ok('notices.get', { id: noticeId });
    expect([line().state, line().reply]).toEqual(['replied', '已安排巡查，12时前报告。']);
  });

  it('the file transport carries a receipt up (no network from the township)', async () => {
    await carried.admin.ok('notices.receipt', { id: noticeId, reply: '收到' });
    const f = await carried.admin.ok('sync.exportFile');
    const imp = await hub.admin.ok('sync.importFile', { content: f.content });
    expect(imp.applied).toBeGreaterThan(0);
    const d = await hub.admin.ok('notices.get', { id: noticeId });
    expect(d.lines.find((l) => l.name === '双龙镇应急办')!.state).toBe('replied');
  });

  it('past the receipt deadline the silent recipient is overdue; reminded, then marked by hand after a phone call', async () => {
    advance(2 * 3600_000);
    let d = await hub.admin.ok('notices.get', { id: noticeId });
    const person = () => d.lines.find((l) => l.kind === 'person')!;
    expect([person().state, person().overdue]).toEqual(['missing', true]);
    expect(d.overdue).toBe(true);
    d = await hub.admin.ok('notices.remind', { lineId: person().id, note: '电话未接，已发短信' });
    expect(person().reminders).toBe(1);
    d = await hub.admin.ok('notices.markReceived', { lineId: person().id, note: '王队长本人接听' });
    expect([person().state, person().manual, person().overdue]).toEqual(['received', true, false]);
    expect(d.received).toBe(3);
    expect(BOARD.openMatters(hub.t.db, hub.t.clock.now()).filter((m) => m.source === 'notices')).toEqual([]);
    const log = BOARD.dutyLog(hub.t.db, T0, hub.t.clock.now() + 1).filter((l) => l.kind === 'notice').map((l) => l.text);
    expect(log).toContain('发出通知《关于做好强降雨防范工作的通知》（3 个接收方）');
    expect(log).toContain('新站镇应急办 回执通知《关于做好强降雨防范工作的通知》');
    expect(log).toContain('电话确认 王队长 收到通知《关于做好强降雨防范工作的通知》（王队长本人接听）');
    const twice = await hub.admin.call('notices.markReceived', { lineId: person().id, note: '再次' });
    expect(twice.ok).toBe(false);
  });
});

describe('零报告 periods down, daily reports up (standards §6)', () => {
  let periodId = '';

  it('the district defines a flood-season period with a 09:00 deadline; it travels down', async () => {
    const p = await hub.admin.ok('zeroreports.periods.save', { name: '2026年主汛期', kind: 'flood', startDate: '2026-06-01', endDate: '2026-09-30', deadline: '09:00' });
    periodId = p.id;
    await pusher(town.t).syncNow();
    await pusher(carried.t).syncNow();
    const here = await town.admin.ok('zeroreports.periods.list', {});
    expect(here.map((x) => [x.name, x.deadline, x.myDeadline])).toEqual([['2026年主汛期', '09:00', '09:00']]);
  });

  it('a township files "无突发事件" before its deadline (over HTTP); the district grid shows 按时', async () => {
    // Clocks are at 10:10 local: reset every station to 2026-07-02 08:30 local for a fresh day.
    for (const t of [hub.t, town.t, carried.t]) t.clock.t = Date.UTC(2026, 6, 2, 0, 30);
    const d2 = '2026-07-02';
    const today = await town.admin.ok('zeroreports.today', {});
    const cell = today.periods[0].days.find((x) => x.day === d2)!;
    expect(cell.state).toBe('pending');
    await town.admin.ok('zeroreports.file', { periodId, day: d2, content: 'none' });
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    const g = await hub.admin.ok('zeroreports.grid', { periodId });
    const row = g.rows.find((r) => r.name === '新站镇应急办')!;
    expect(row.cells.find((c) => c.day === d2)!.state).toBe('onTime');
    // The township that has not filed is still 待报 before 09:00, 未报 after.
    expect(g.rows.find((r) => r.name === '双龙镇应急办')!.cells.find((c) => c.day === d2)!.state).toBe('pending');
    for (const t of [hub.t, town.t, carried.t]) t.clock.advance(40 * 60_000);
    const g2 = await hub.admin.ok('zeroreports.grid', { periodId });
    expect(g2.rows.find((r) => r.name === '双龙镇应急办')!.cells.find((c) => c.day === d2)!.state).toBe('missing');
  });

  it('late: a township filing after the deadline must give a reason; its file carries the report up as 迟报', async () => {
    const d2 = '2026-07-02';
    const bare = await carried.admin.call('zeroreports.file', { periodId, day: d2, content: 'none' });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect([bare.error.code, bare.error.message]).toEqual(['VALIDATION', 'The deadline (07/02/2026, 09:00) has passed: a late report needs a reason.']);
    await carried.admin.ok('zeroreports.file', { periodId, day: d2, content: 'none', lateReason: '停电，网络中断' });
    const f = await carried.admin.ok('sync.exportFile');
    await hub.admin.ok('sync.importFile', { content: f.content });
    const g = await hub.admin.ok('zeroreports.grid', { periodId });
    const c = g.rows.find((r) => r.name === '双龙镇应急办')!.cells.find((x) => x.day === d2)!;
    expect([c.state, c.report?.lateReason]).toEqual(['late', '停电，网络中断']);
  });

  it('the hub restarts: a report filed meanwhile is pushed after the restart and shown', async () => {
    const port = Number(new URL(hub.srv.url).port);
    const dir = hub.t.dir;
    await hub.srv.close();
    hub.t.close();
    // While the hub is down the township files the next day's report with an incident from its log.
    for (const t of [town.t, carried.t]) t.clock.t = Date.UTC(2026, 6, 2, 23, 0); // 07-03 07:00 local
    town.t.db
      .prepare(
        `INSERT INTO incidents (id, station_id, year, seq, received_at, source, class_code, type_code, summary, created_by, created_by_name, created_at, updated_at)
         VALUES ('8a0c7f61-1111-4222-8333-944455556666', ?, 2026, 7, ?, 'phone', '1', '1.1', '新站村道塌方，交通中断', ?, '值班员', ?, ?)`,
      )
      .run(town.stationId, Date.UTC(2026, 6, 2, 14, 0), town.adminId, Date.UTC(2026, 6, 2, 14, 0), Date.UTC(2026, 6, 2, 14, 0));
    const today = await town.admin.ok('zeroreports.today', {});
    expect(today.prefill[periodId].map((x) => x.summary)).toEqual(['新站村道塌方，交通中断']);
    await town.admin.ok('zeroreports.file', { periodId, day: '2026-07-03', content: 'incidents', note: '已处置，交通恢复' });
    expect((await pusher(town.t).syncNow()).state).toBe('error');

    const t = syncTestApp(dir);
    t.clock.t = Date.UTC(2026, 6, 3, 1, 30); // 07-03 09:30 local
    const srv = await startServer({ app: t, port });
    const login = await t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    hub = { ...hub, t, srv, admin: t.as(login.token) };
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    const g = await hub.admin.ok('zeroreports.grid', { periodId });
    const c = g.rows.find((r) => r.name === '新站镇应急办')!.cells.find((x) => x.day === '2026-07-03')!;
    expect([c.state, c.report?.content, c.report?.incidents.map((x) => x.no)]).toEqual(['onTime', 'incidents', ['2026-00007']]);
    // 双龙镇 has not filed 07-03: missing; the district takes it by phone (late, with a reason).
    expect(g.rows.find((r) => r.name === '双龙镇应急办')!.cells.find((x) => x.day === '2026-07-03')!.state).toBe('missing');
    await hub.admin.ok('zeroreports.remind', { periodId, regId: regCarried, day: '2026-07-03', note: '电话催报' });
    const g2 = await hub.admin.ok('zeroreports.fileFor', { periodId, regId: regCarried, day: '2026-07-03', content: 'none', caller: '双龙镇 李明', lateReason: '值班电脑故障，电话报告' });
    const c2 = g2.rows.find((r) => r.regId === regCarried)!.cells.find((x) => x.day === '2026-07-03')!;
    expect([c2.state, c2.report?.via, c2.report?.caller, c2.reminders]).toEqual(['late', 'phone', '双龙镇 李明', 1]);
    const zh = hub.t.as(login.token, 'zh-CN');
    const s = await zh.ok('zeroreports.summary', { periodId, day: '2026-07-03' });
    // 环通乡 (enrolled in the first block, never filed) is the one missing.
    expect(s.text).toContain('应报3个乡镇（街道），已报2个（按时1个，迟报1个）。未报1个：环通乡应急办，正在催报。');
    expect(s.text).toContain('新站镇应急办报告突发事件1起：新站村道塌方，交通中断');
    expect(s.text).toContain('其余乡镇（街道）均报告无突发事件');
  });
});
