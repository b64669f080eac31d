import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { countRows, rosterFixture } from './fixture';
import { userWithRoles } from '../helpers';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';
import { enrollTown, pusher, startHub, startTown, type Hub } from '../sync/fixture';

/*
 * Standards §6: holidays have 24-hour duty with a leader and the holiday roster is filed in
 * advance — the app must know the year's statutory holidays, and say so when it does not
 * (issue 15: chinese-days 1.5.7 ends with 2026).
 * The 2027 text is INVENTED for the tests (the real 2027 notice is not known); it is not shipped.
 */
const NOTICE_2027 = readFileSync(path.join(__dirname, 'fixtures', 'notice-2027-invented-test-fixture.txt'), 'utf8');
const NOTICE_2026 = readFileSync(path.join(__dirname, 'fixtures', 'notice-2026.txt'), 'utf8');

describe('station calendar years (standards §6: holidays)', () => {
  it('warns for a year nothing covers, previews without writing, imports (audited) and then uses the notice', async () => {
    const f = await rosterFixture();
    const jan = await f.admin.ok('roster.month.get', { month: '2027-01' });
    expect(jan.calendarMissing).toEqual([2027]);
    expect(jan.days[0]).toMatchObject({ date: '2027-01-01', kind: 'workday' });
    expect((await f.admin.ok('roster.month.get', { month: '2026-12' })).calendarMissing).toEqual([]);
    const st = await f.admin.ok('roster.calendar.status', {});
    expect(st.missing).toEqual([2027]); // the clock is 2026-11-28: from 1 November next year counts
    expect(st.years.find((y) => y.year === 2026)).toMatchObject({ source: 'package' });

    const xlsx = await f.admin.ok('roster.month.exportXlsx', { month: '2027-02', holidaysOnly: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0].getRow(1).getCell(1).value)).toContain('The statutory holidays of 2027 are not loaded yet');

    const p = await f.admin.ok('roster.calendar.previewNotice', { text: NOTICE_2027 });
    expect(p.year).toBe(2027);
    expect(p.replaces).toBeNull();
    expect(p.calendar).toHaveLength(365);
    expect(p.calendar.find((d) => d.date === '2027-02-05')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(countRows(f.t, 'roster_calendar_years')).toBe(0);

    const audits = countRows(f.t, 'audit_log');
    const after = await f.admin.ok('roster.calendar.importNotice', { text: NOTICE_2027 });
    expect(after.missing).toEqual([]);
    expect(after.years.find((y) => y.year === 2027)).toMatchObject({ source: 'station', importedByName: expect.any(String) });
    expect(countRows(f.t, 'audit_log')).toBe(audits + 1);
    const feb = await f.admin.ok('roster.month.get', { month: '2027-02' });
    expect(feb.calendarMissing).toEqual([]);
    expect(feb.days.filter((d) => d.kind === 'holiday').map((d) => d.date.slice(8))).toEqual(['05', '06', '07', '08', '09', '10', '11', '12', '13']);
    expect(feb.days.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'makeup', name: '春节' });
    expect((await f.admin.ok('roster.month.get', { month: '2027-01' })).days[0]).toMatchObject({ kind: 'holiday', name: '元旦' });

    // the day-by-day correction still wins over the imported year
    await f.admin.ok('roster.calendar.set', { date: '2027-02-13', kind: 'workday', reason: '本地安排' });
    expect((await f.admin.ok('roster.month.get', { month: '2027-02' })).days[12]).toMatchObject({ kind: 'workday', corrected: true });
    f.t.close();
  });

  it('a station import overrides the package for its year; the package fills the rest', async () => {
    const f = await rosterFixture();
    // an import of 2026 that moves 2月28日's make-up day away (edited text): the import decides 2026
    const edited = NOTICE_2026.replace('2月14日（周六）、2月28日（周六）上班', '2月14日（周六）上班');
    await f.admin.ok('roster.calendar.importNotice', { text: edited });
    const feb = await f.admin.ok('roster.month.get', { month: '2026-02' });
    expect(feb.days.find((d) => d.date === '2026-02-28')).toMatchObject({ kind: 'weekend' });
    expect((await f.admin.ok('roster.month.get', { month: '2025-02' })).days.find((d) => d.date === '2025-02-08')).toMatchObject({ kind: 'makeup' });
    const st = await f.admin.ok('roster.calendar.status', {});
    expect(st.years.find((y) => y.year === 2026)).toMatchObject({ source: 'station', packageHasYear: true });
    // re-importing the year replaces it (the preview says so), audited with the days before
    expect((await f.admin.ok('roster.calendar.previewNotice', { text: NOTICE_2026 })).replaces).toBe('station');
    await f.admin.ok('roster.calendar.importNotice', { text: NOTICE_2026 });
    expect((await f.admin.ok('roster.month.get', { month: '2026-02' })).days.find((d) => d.date === '2026-02-28')).toMatchObject({ kind: 'makeup' });
    const rec = f.t.db.prepare("SELECT version FROM roster_calendar_years WHERE year = 2026").get() as { version: number };
    expect(rec.version).toBe(2);
    const audits = f.t.db.prepare("SELECT entity_id, before_digest, after_digest FROM audit_log WHERE entity = 'roster_calendar_year' ORDER BY seq").all() as { entity_id: string; before_digest: string | null; after_digest: string }[];
    expect(audits.map((a) => a.entity_id)).toEqual(['2026', '2026']);
    expect(audits[0].after_digest).not.toBe(audits[1].after_digest);
    expect(audits[0].before_digest).not.toBe(audits[1].before_digest);
    f.t.close();
  });

  it('refuses text it cannot account for and a caller who is not a manager; nothing is stored', async () => {
    const f = await rosterFixture();
    const bad = await f.admin.call('roster.calendar.importNotice', { text: NOTICE_2027.replace('2月20日（周六）上班。', '2月20日（周六）上班。春节期间另行通知。') });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    expect(!bad.ok && bad.error.message).toContain('春节期间另行通知');
    const noYear = await f.admin.call('roster.calendar.previewNotice', { text: NOTICE_2027.split('\n').slice(1).join('\n') });
    expect(!noYear.ok && noYear.error.message).toBe('The notice does not name its year; choose the year.');
    expect((await f.admin.ok('roster.calendar.previewNotice', { text: NOTICE_2027.split('\n').slice(1).join('\n'), year: 2027 })).year).toBe(2027);
    const op = await userWithRoles(f.t, f.admin, 'zhouj', ['operator']);
    const denied = await op.caller.call('roster.calendar.importNotice', { text: NOTICE_2027 });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    expect(countRows(f.t, 'roster_calendar_years')).toBe(0);
    f.t.close();
  });

  it('the board shows the missing next year from 1 November, not before', async () => {
    const f = await rosterFixture();
    const titles = () => BOARD.openMatters(f.t.db, f.t.clock.now()).filter((m) => m.kind === 'calendarMissing').map((m) => m.title);
    expect(titles()).toEqual(['2027 年法定节假日安排尚未载入']);
    // The handover shows the kind in words, not the code.
    expect([matterLabel('zh-CN', 'calendarMissing'), matterLabel('en', 'calendarMissing')]).toEqual(['节假日安排未载入', 'Holiday schedule not loaded']);
    f.t.clock.t = Date.UTC(2026, 9, 31, 1, 0, 0); // 31 October
    expect(titles()).toEqual([]);
    f.t.clock.t = Date.UTC(2026, 10, 1, 1, 0, 0); // 1 November, 09:00 Beijing
    expect(titles()).toHaveLength(1);
    await f.admin.ok('roster.calendar.importNotice', { text: NOTICE_2027 });
    expect(titles()).toEqual([]);
    f.t.close();
  });
});

describe('station calendar years travel down from the district', () => {
  let hub: Hub;
  afterAll(async () => {
    await hub?.srv.close();
    hub?.t.close();
  });
  it("a township uses the district's imported year without importing it", async () => {
    hub = await startHub();
    const town = await startTown('东风镇应急办', '220502131');
    await enrollTown(hub, town);
    await hub.admin.ok('roster.calendar.importNotice', { text: NOTICE_2027 });
    expect((await town.admin.ok('roster.month.get', { month: '2027-02' })).calendarMissing).toEqual([2027]);
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    const feb = await town.admin.ok('roster.month.get', { month: '2027-02' });
    expect(feb.calendarMissing).toEqual([]);
    expect(feb.days.find((d) => d.date === '2027-02-05')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect((await town.admin.ok('roster.calendar.status', {})).years.find((y) => y.year === 2027)).toMatchObject({ source: 'district' });
    // the township's own import wins over the district's
    await town.admin.ok('roster.calendar.importNotice', { text: NOTICE_2027.replace('2月20日（周六）上班。', '') });
    expect((await town.admin.ok('roster.month.get', { month: '2027-02' })).days.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'weekend' });
    expect((await town.admin.ok('roster.calendar.status', {})).years.find((y) => y.year === 2027)).toMatchObject({ source: 'station' });
    town.t.close();
  });
});
