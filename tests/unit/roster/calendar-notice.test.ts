import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json';
import { normalizeNotice, parseNotice, type NoticeDay, type ParsedNotice } from '../../../src-main/core/roster/calendar-notice';
import { addDays, weekday } from '../../../src-main/contract/time';
import { docxText } from '../../../src-main/contract/docx-text';

/*
 * Standards §6 (holidays: 24-hour duty with a leader; the holiday roster is filed in advance) needs
 * the statutory holidays of every year. The State Council General Office's yearly notice is the
 * source; these tests read the published notices of past years (fixtures/notice-YYYY.txt) and
 * compare the working / non-working state of EVERY date of the year with the chinese-days package.
 */
const pkg = data as { holidays: Record<string, string>; workdays: Record<string, string> };
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

function offByPackage(date: string): boolean {
  if (pkg.holidays[date]) return true;
  if (pkg.workdays[date]) return false;
  const w = weekday(date);
  return w === 0 || w === 6;
}
function offByNotices(days: Map<string, NoticeDay>, date: string): boolean {
  const d = days.get(date);
  if (d) return d.kind === 'holiday';
  const w = weekday(date);
  return w === 0 || w === 6;
}
function parsed(text: string, year?: number): ParsedNotice {
  const r = parseNotice(text, year);
  if (!r.ok) throw new Error(`${r.error.key} ${JSON.stringify(r.error.params)}`);
  return r.notice;
}

// 2015 (a separate notice for 9 月 3 日, the 70th anniversary) and 2020 (春节 extended by a later
// notice) had second notices, so their first notice alone cannot match the package. 2019's 劳动节
// was changed by a later notice (国务院办公厅关于调整2019年劳动节假期安排的通知, 2019-03-22:
// 5月1日至4日放假, 4月28日、5月5日上班); those four dates are the documented exception.
const YEARS = [2016, 2018, 2019, 2022, 2023, 2024, 2025, 2026];
const LATER_NOTICE: Record<number, string[]> = { 2019: ['2019-04-28', '2019-05-02', '2019-05-03', '2019-05-05'] };

/** The days a year's calendar gets from the notices: its own, plus a neighbour's 元旦 reaching into it (2019's starts 2018-12-29). */
function daysOfYear(year: number): Map<string, NoticeDay> {
  const out = new Map<string, NoticeDay>();
  for (const y of [year - 1, year, year + 1]) {
    if (!YEARS.includes(y)) continue;
    for (const d of parsed(fixture(`notice-${y}.txt`)).days) if (d.date.startsWith(String(year))) out.set(d.date, d);
  }
  return out;
}

describe('calendar notice parser (standards §6: holidays)', () => {
  for (const year of YEARS) {
    it(`reads the ${year} notice and agrees with chinese-days on every date of ${year}`, () => {
      const n = parsed(fixture(`notice-${year}.txt`));
      expect(n.year).toBe(year);
      const days = daysOfYear(year);
      const wrong: string[] = [];
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        if (offByNotices(days, d) !== offByPackage(d)) wrong.push(d);
      }
      expect(wrong).toEqual(LATER_NOTICE[year] ?? []);
      if (LATER_NOTICE[year]) return;
      // every weekday holiday and every make-up day the package lists for the year is named by a notice
      for (const k of [...Object.keys(pkg.holidays), ...Object.keys(pkg.workdays)]) {
        if (k.startsWith(String(year)) && weekday(k) !== 0 && weekday(k) !== 6) expect(days.has(k), k).toBe(true);
      }
      expect([...days.values()].filter((x) => x.kind === 'makeup').map((x) => x.date).sort()).toEqual(
        Object.keys(pkg.workdays).filter((k) => k.startsWith(String(year))).sort(),
      );
    });
  }

  it('names festivals, combined festivals and the 2025 8-day 春节 (new rules)', () => {
    const n = parsed(fixture('notice-2025.txt'));
    expect(n.festivals.find((f) => f.name === '春节')).toEqual({ name: '春节', from: '2025-01-28', to: '2025-02-04', days: 8 });
    expect(n.festivals.find((f) => f.name === '国庆节、中秋节')).toEqual({ name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', days: 8 });
    expect(n.days.find((d) => d.date === '2025-01-26')).toEqual({ date: '2025-01-26', kind: 'makeup', name: '春节' });
  });

  it('reads a cross-year 元旦 (2023: 2022年12月31日至2023年1月2日)', () => {
    const n = parsed(fixture('notice-2023.txt'));
    expect(n.days.slice(0, 3).map((d) => d.date)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('keeps the 2024 encouragement to rest on 除夕 as an advisory, not a holiday', () => {
    const n = parsed(fixture('notice-2024.txt'));
    expect(n.advisories).toHaveLength(1);
    expect(n.days.find((d) => d.date === '2024-02-09')).toBeUndefined();
  });

  it('reads half-width punctuation and 星期X / 周X alike', () => {
    const full = fixture('notice-2026.txt');
    const half = full.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',').replace(/周/g, '星期');
    expect(parsed(half).days).toEqual(parsed(full).days);
    expect(normalizeNotice('１月４日（周日）')).toBe('1月4日(周日)');
  });

  it('takes the year the user chose when the title is missing, and refuses a contradiction', () => {
    const body = fixture('notice-2026.txt').split('\n').slice(1).join('\n');
    const r = parseNotice(body);
    expect(r.ok || r.error.key).toBe('roster.noticeNoYear');
    expect(parsed(body, 2026).days).toEqual(parsed(fixture('notice-2026.txt')).days);
    const c = parseNotice(fixture('notice-2026.txt'), 2027);
    expect(c.ok || c.error.key).toBe('roster.noticeYearMismatch');
  });

  it('refuses a sentence it cannot account for, naming it', () => {
    const text = fixture('notice-2026.txt').replace('5月9日（周六）上班。', '5月9日（周六）上班。另行安排调休一天。');
    const r = parseNotice(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.key).toBe('roster.noticeUnknown');
      expect(String(r.error.params.sentence)).toContain('另行安排调休一天');
    }
    const stray = parseNotice(fixture('notice-2026.txt').replace('节假日期间', '另：12月31日放假。\n节假日期间'));
    expect(stray.ok || stray.error.key).toBe('roster.noticeUnknown');
  });

  it('refuses a wrong weekday, a wrong day count and a make-up "workday" that is not a weekend', () => {
    const wd = parseNotice(fixture('notice-2026.txt').replace('1月4日（周日）上班', '1月4日（周六）上班'));
    expect(wd.ok || wd.error.key).toBe('roster.noticeWeekday');
    const cnt = parseNotice(fixture('notice-2026.txt').replace('共9天', '共8天'));
    expect(cnt.ok || cnt.error.key).toBe('roster.noticeCount');
    const mk = parseNotice(fixture('notice-2016.txt').replace('6月12日（星期日）上班', '6月13日上班'));
    expect(mk.ok || mk.error.key).toBe('roster.noticeMakeupWeekday');
    const wk = parseNotice(fixture('notice-2016.txt').replace('三、清明节：4月4日放假，与周末连休', '三、清明节：4月6日放假，与周末连休'));
    expect(wk.ok || wk.error.key).toBe('roster.noticeNoWeekend');
    expect(parseNotice('').ok).toBe(false);
  });
});

describe('notice from a .docx (LibreOffice-written fixtures)', () => {
  it('reads the paragraphs of the 2025 notice and parses them like the text', async () => {
    const text = await docxText(new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', 'notice-2025.docx'))));
    expect(text).toContain('国务院办公厅关于2025年部分节假日安排的通知');
    expect(parsed(text!).days).toEqual(parsed(fixture('notice-2025.txt')).days);
  });
  it('says null for bytes that are not a .docx', async () => {
    expect(await docxText(new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', 'notice-2025.txt'))))).toBeNull();
    expect(await docxText(new Uint8Array(0))).toBeNull();
  });
});
