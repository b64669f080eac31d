import { addDays, dayDiff, isLocalDate, weekday } from '../../contract/time';

/**
 * The State Council General Office's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * read into days: statutory holidays (放假、调休、补休) with their festival and make-up workdays
 * (调休上班). Pure: no database, no clock. Every sentence of the text is accounted for — a
 * festival item is read clause by clause, the letter's frame (title, document number, addressees,
 * preamble, closing, signature, date) is recognised — and anything else is refused, naming the
 * sentence, rather than guessed at.
 */

export interface NoticeDay {
  date: string;
  kind: 'holiday' | 'makeup';
  /** The festival as the notice names it, e.g. 春节, 中秋节、国庆节. */
  name: string;
}

export interface ParsedNotice {
  year: number;
  /** Sorted by date. Dates the notice names in a neighbouring year (a 元旦 from 12-31) are included. */
  days: NoticeDay[];
  festivals: { name: string; from: string; to: string; days: number }[];
  /** Sentences read but without effect on the calendar (e.g. 鼓励……在除夕休息). */
  advisories: string[];
}

export type NoticeError = { key: string; params: Record<string, string | number> };
export type NoticeResult = { ok: true; notice: ParsedNotice } | { ok: false; error: NoticeError };

const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
const WEEKDAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

class Refusal extends Error {
  constructor(readonly key: string, readonly params: Record<string, string | number>) {
    super(key);
  }
}

/** Full-width digits, letters and punctuation to half-width; spaces dropped (the notices have none that carry meaning). */
export function normalizeNotice(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[〔【[]/g, '(')
    .replace(/[〕】\]]/g, ')')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+/g, '')
    .replace(/。/g, '.')
    .replace(/[；]/g, ';')
    .replace(/[“”"]/g, '');
}

const DATE = String.raw`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(\([^)]*\))?`;
const END = String.raw`(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日(\([^)]*\))?`;

interface Ctx {
  year: number;
  sentence: string;
}

function isoDate(c: Ctx, y: number, m: number, d: number, paren: string | undefined): string {
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isLocalDate(date)) throw new Refusal('roster.noticeBadDate', { sentence: c.sentence, date: `${m}月${d}日` });
  if (paren) checkParen(c, date, paren.slice(1, -1));
  return date;
}

/** The bracket after a date: weekday (周X / 星期X, checked against the year) and lunar remarks (农历…, 除夕). */
function checkParen(c: Ctx, date: string, inner: string) {
  for (const part of inner.split(/[、,]/)) {
    if (!part) continue;
    const w = /^(?:周|星期|礼拜)([日天一二三四五六])$/.exec(part);
    if (w) {
      if (WEEKDAY_CHARS[w[1]] !== weekday(date)) throw new Refusal('roster.noticeWeekday', { sentence: c.sentence, date: `${+date.slice(5, 7)}月${+date.slice(8, 10)}日`, weekday: part });
      continue;
    }
    if (/^(?:农历)?(?:除夕|[腊正二三四五六七八九十冬]月(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)?)$/.test(part)) continue;
    if (/^农历.+$/.test(part)) continue;
    throw new Refusal('roster.noticeUnknown', { sentence: c.sentence });
  }
}

function rangeDates(from: string, to: string): string[] {
  const n = dayDiff(from, to);
  return Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

interface Item {
  name: string;
  holidays: string[];
  makeups: string[];
  count: number | null;
  weekendJoin: boolean;
}

/** One clause of a festival item (between commas / full stops). */
function readClause(c: Ctx, clause: string, item: Item): void {
  let m: RegExpExecArray | null;
  // A range: 1月28日(农历除夕、周二)至2月4日(…)放假调休 / 放假 / 休息
  if ((m = new RegExp(`^${DATE}(?:至|到|-|—|~)${END}(?:放假调休|放假|调休放假|休息)?$`).exec(clause))) {
    const y1 = m[1] ? +m[1] : c.year;
    const from = isoDate(c, y1, +m[2], +m[3], m[4]);
    const y2 = m[5] ? +m[5] : +from.slice(0, 4);
    const mo2 = m[6] ? +m[6] : +m[2];
    const to = isoDate(c, y2, mo2, +m[7], m[8]);
    if (to < from || dayDiff(from, to) > 15) throw new Refusal('roster.noticeBadRange', { sentence: c.sentence });
    if (!/(放假|休息)/.test(clause) && !item.holidays.length) throw new Refusal('roster.noticeUnknown', { sentence: c.sentence });
    item.holidays.push(...rangeDates(from, to));
    return;
  }
  // A single day off: 1月1日(周三)放假[1天] / 放假,共1天
  if ((m = new RegExp(`^${DATE}放假(?:(\\d+)天)?$`).exec(clause))) {
    const d = isoDate(c, m[1] ? +m[1] : c.year, +m[2], +m[3], m[4]);
    item.holidays.push(d);
    if (m[5]) item.count = +m[5];
    return;
  }
  // 补休: 4月6日(星期一)补休
  if ((m = new RegExp(`^${DATE}补休$`).exec(clause))) {
    item.holidays.push(isoDate(c, m[1] ? +m[1] : c.year, +m[2], +m[3], m[4]));
    return;
  }
  // Make-up workdays: 2月14日(星期六)、2月28日(星期六)上班
  if (/上班$/.test(clause)) {
    const body = clause.replace(/上班$/, '');
    const parts = body.split('、');
    // "、" may also sit inside a bracket (农历除夕、周二); re-join pieces until each is one date.
    const dates: string[] = [];
    let buf = '';
    for (const p of parts) {
      buf = buf ? `${buf}、${p}` : p;
      if ((buf.match(/\(/g) ?? []).length !== (buf.match(/\)/g) ?? []).length) continue;
      const dm = new RegExp(`^${DATE}$`).exec(buf);
      if (!dm) throw new Refusal('roster.noticeUnknown', { sentence: c.sentence });
      dates.push(isoDate(c, dm[1] ? +dm[1] : c.year, +dm[2], +dm[3], dm[4]));
      buf = '';
    }
    if (buf || !dates.length) throw new Refusal('roster.noticeUnknown', { sentence: c.sentence });
    item.makeups.push(...dates);
    return;
  }
  if ((m = /^共(\d+)天$/.exec(clause))) {
    item.count = +m[1];
    return;
  }
  if (/^不调休$/.test(clause)) return;
  if (/^与周末连休$/.test(clause)) {
    item.weekendJoin = true;
    return;
  }
  throw new Refusal('roster.noticeUnknown', { sentence: c.sentence });
}

/** A whole sentence inside a festival item. */
function readSentence(c: Ctx, sentence: string, item: Item, advisories: string[]) {
  // Encouragement without force (2024: 鼓励各单位……安排职工在除夕(2月9日)休息).
  if (/^鼓励/.test(sentence)) {
    advisories.push(c.sentence);
    return;
  }
  for (const clause of sentence.split(/[,;]/)) {
    if (clause) readClause(c, clause, item);
  }
}

const ITEM = new RegExp(`^(?:[一二三四五六七八九十]+[、.]|\\(?[一二三四五六七八九十]+\\)|\\d+[、.])?((?:${FESTIVALS.join('|')})(?:、(?:${FESTIVALS.join('|')}))*):(.+)$`);

/** Lines of the letter's frame: they carry no dates for the calendar. */
function isFrame(line: string): boolean {
  if (/^国务院办公厅关于\d{4}年部分节假日安排的通知$/.test(line)) return true;
  if (/^国办发(?:明电)?\(\d{4}\)\d+号$/.test(line)) return true;
  if (/^各省、自治区、直辖市人民政府.*:$/.test(line)) return true;
  if (/^国务院办公厅$/.test(line)) return true;
  if (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(line)) return true;
  if (/^(?:\(此件公开发布\)|此件公开发布)$/.test(line)) return true;
  return false;
}

/** Paragraphs outside the items: the preamble announces, the closing asks for duty and safety; neither may set a day. */
function isProse(paragraph: string): boolean {
  if (/通知如下\.?$/.test(paragraph) && /^(?:根据|经国务院批准|为便于)/.test(paragraph)) return true;
  if (/^节假日期间,/.test(paragraph) && !/\d{1,2}月\d{1,2}日/.test(paragraph) && !/(?:放假|上班|补休|调休)/.test(paragraph)) return true;
  return false;
}

/**
 * Parse a notice. `chosenYear` is the year the user picked; it is needed when the title is
 * missing and must agree with it when both are present.
 */
export function parseNotice(text: string, chosenYear?: number | null): NoticeResult {
  try {
    return { ok: true, notice: parse(text, chosenYear ?? null) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { key: e.key, params: e.params } };
    throw e;
  }
}

function parse(raw: string, chosenYear: number | null): ParsedNotice {
  const text = normalizeNotice(raw);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.length) throw new Refusal('roster.noticeEmpty', {});
  const titled = /国务院办公厅关于(\d{4})年部分节假日安排的通知/.exec(text);
  const titleYear = titled ? +titled[1] : null;
  if (titleYear && chosenYear && titleYear !== chosenYear) throw new Refusal('roster.noticeYearMismatch', { title: titleYear, chosen: chosenYear });
  const year = titleYear ?? chosenYear;
  if (!year) throw new Refusal('roster.noticeNoYear', {});
  if (year < 2000 || year > 2100) throw new Refusal('roster.noticeNoYear', {});

  const items: Item[] = [];
  const advisories: string[] = [];
  for (const line of lines) {
    if (isFrame(line) || isProse(line)) continue;
    const m = ITEM.exec(line);
    if (!m) {
      const first = line.split('.')[0] || line;
      throw new Refusal('roster.noticeUnknown', { sentence: first.length > 80 ? `${first.slice(0, 80)}…` : first });
    }
    const item: Item = { name: m[1], holidays: [], makeups: [], count: null, weekendJoin: false };
    for (const sentence of m[2].split('.')) {
      if (!sentence) continue;
      readSentence({ year, sentence: `${m[1]}:${sentence}`.replace(/:/, '：') }, sentence, item, advisories);
    }
    if (!item.holidays.length) throw new Refusal('roster.noticeNoHoliday', { festival: item.name });
    items.push(item);
  }
  if (!items.length) throw new Refusal('roster.noticeNoItems', {});

  const byDate = new Map<string, NoticeDay>();
  const festivals: ParsedNotice['festivals'] = [];
  for (const it of items) {
    const hol = [...new Set(it.holidays)].sort();
    if (it.count !== null && it.count !== hol.length) throw new Refusal('roster.noticeCount', { festival: it.name, count: it.count, listed: hol.length });
    if (it.weekendJoin && !hol.some((d) => [-1, 1].some((k) => [0, 6].includes(weekday(addDays(d, k))) && !hol.includes(addDays(d, k))))) {
      throw new Refusal('roster.noticeNoWeekend', { festival: it.name });
    }
    for (const d of hol) {
      if (byDate.has(d)) throw new Refusal('roster.noticeTwice', { date: `${+d.slice(5, 7)}月${+d.slice(8, 10)}日` });
      byDate.set(d, { date: d, kind: 'holiday', name: it.name });
    }
    for (const d of it.makeups) {
      if (byDate.has(d)) throw new Refusal('roster.noticeTwice', { date: `${+d.slice(5, 7)}月${+d.slice(8, 10)}日` });
      const wd = weekday(d);
      if (wd !== 0 && wd !== 6) throw new Refusal('roster.noticeMakeupWeekday', { festival: it.name, date: `${+d.slice(5, 7)}月${+d.slice(8, 10)}日` });
      byDate.set(d, { date: d, kind: 'makeup', name: it.name });
    }
    festivals.push({ name: it.name, from: hol[0], to: hol[hol.length - 1], days: hol.length });
  }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (!days.some((d) => d.date.startsWith(String(year)))) throw new Refusal('roster.noticeNoItems', {});
  return { year, days, festivals, advisories };
}
