import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveDeadline, periodDays, zeroCellState, zeroReportDueAt, ZERO_REPORT_DEFAULT_DEADLINE } from '../../../src-main/contract/zeroreports';
import { setUpStation, testApp, type Caller, type TestApp } from '../helpers';

describe('zero-report deadline rule (standards §6: daily, by a local deadline, commonly 08:00–09:00, as data)', () => {
  it('standards §6: the report for a day is due at that day’s deadline in the station’s local time', () => {
    expect(zeroReportDueAt('2026-07-01', 9 * 60, 'Asia/Shanghai')).toBe(Date.UTC(2026, 6, 1, 1, 0));
    expect(zeroReportDueAt('2026-07-01', 8 * 60, 'Asia/Urumqi')).toBe(Date.UTC(2026, 6, 1, 2, 0));
    expect(ZERO_REPORT_DEFAULT_DEADLINE).toBe('09:00');
  });
  it('standards §6: a township’s own deadline (district override) wins over the period’s', () => {
    expect(effectiveDeadline(540, 480)).toBe(480);
    expect(effectiveDeadline(540, null)).toBe(540);
  });
  it('standards §6: 按时 up to the deadline, 迟报 after it, 未报 once it passed with nothing, 待报 before', () => {
    const due = Date.UTC(2026, 6, 1, 1, 0);
    expect(zeroCellState(due, due, due + 1)).toBe('onTime');
    expect(zeroCellState(due + 1, due, due + 2)).toBe('late');
    expect(zeroCellState(null, due, due + 1)).toBe('missing');
    expect(zeroCellState(null, due, due)).toBe('pending');
  });
  it('every day of a period is reported, even "无突发事件" (standards §6), up to today', () => {
    expect(periodDays('2026-09-30', '2026-10-08', '2026-10-02')).toEqual(['2026-09-30', '2026-10-01', '2026-10-02']);
    expect(periodDays('2026-09-30', '2026-10-01')).toEqual(['2026-09-30', '2026-10-01']);
  });
});

describe('periods at the district: data, checked, audited', () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = testApp();
    admin = (await setUpStation(t)).admin;
  });
  afterAll(() => t.close());

  it('refuses an end before the start, a deadline outside 06:00–12:00 (standards §6), and changes nothing', async () => {
    const bad = await admin.call('zeroreports.periods.save', { name: '国庆节', kind: 'holiday', startDate: '2026-10-08', endDate: '2026-10-01', deadline: '09:00' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('The end date cannot be before the start date.');
    const late = await admin.call('zeroreports.periods.save', { name: '国庆节', kind: 'holiday', startDate: '2026-10-01', endDate: '2026-10-08', deadline: '15:00' });
    expect(late.ok).toBe(false);
    expect(await admin.ok('zeroreports.periods.list', {})).toEqual([]);
  });

  it('a period defaults to 09:00; a change needs the current version; a voided period is gone from the list', async () => {
    const p = await admin.ok('zeroreports.periods.save', { name: '国庆节', kind: 'holiday', startDate: '2026-10-01', endDate: '2026-10-08' });
    expect(p.deadline).toBe('09:00');
    const p2 = await admin.ok('zeroreports.periods.save', { id: p.id, version: p.version, name: '国庆节', kind: 'holiday', startDate: '2026-10-01', endDate: '2026-10-08', deadline: '08:00' });
    expect(p2.deadline).toBe('08:00');
    const stale = await admin.call('zeroreports.periods.save', { id: p.id, version: p.version, name: 'x', kind: 'holiday', startDate: '2026-10-01', endDate: '2026-10-08' });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    await admin.ok('zeroreports.periods.void', { id: p.id, version: p2.version, reason: '重复设置' });
    expect(await admin.ok('zeroreports.periods.list', {})).toEqual([]);
  });

  it('a district cannot file a township’s own report, and a township-only grid is refused at a township', async () => {
    const p = await admin.ok('zeroreports.periods.save', { name: '汛期', kind: 'flood', startDate: '2026-11-01', endDate: '2026-11-30' });
    const r = await admin.call('zeroreports.file', { periodId: p.id, day: '2026-11-28', content: 'none' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});
