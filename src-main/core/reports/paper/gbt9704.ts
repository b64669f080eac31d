import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, FrameAnchorType, FrameWrap, HorizontalPositionAlign, LineRuleType, PageNumber, PageOrientation, Paragraph,
  VerticalPositionAlign, type IParagraphOptions,
  TabStopType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, type ISectionOptions,
} from 'docx';
import { OFF_GRID_STYLE, packDocxSync } from './pack';

/*
 * One layout engine for every report (初报/续报/终报/核报, accident report, 快报表, 日报):
 * GB/T 9704-2012 《党政机关公文格式》 (standards §7). Lengths in twips (1/20 pt; 1 mm = 56.69 twips).
 */
const MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * MM);

/** §7: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so ≈26 mm right, 35 mm bottom). */
export const PAGE = {
  width: mm(210), height: mm(297),
  top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225),
  typeWidth: mm(156), typeHeight: mm(225),
} as const;
/** §7: 22 lines a page, 28 characters a line, filling the 版心. */
export const GRID = { lines: 22, chars: 28, linePitch: Math.round(mm(225) / 22) } as const;
/** Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { h2: 44, h3: 32, h4: 28, s4: 24, h5: 21, issuer: 60 } as const;
/** §7 conventional font names; resources/fonts/fonts.conf maps them to installed fonts where they are missing. */
export const FONT = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
} as const;
export const RED = 'FF0000';
const CHAR = 320; // one 3号 character
/** The red separator: 1.5 pt, 4 pt under the number line; its room (twips) is taken from that line's height. */
const SEPARATOR_SPACE_PT = 4;
const SEPARATOR_ROOM = (SEPARATOR_SPACE_PT + 1.5) * 20 + 20;
/**
 * 28 characters of 3号 in 156 mm: a character pitch of 15.75 pt, so 3号 text is set 0.25 pt
 * tighter (w:spacing −5 twentieths of a point). The line grid (22 lines) is the docGrid.
 */
const BODY_TRACKING = -5;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface Run { text: string; font?: keyof typeof FONT; size?: number; color?: string; bold?: boolean }
export interface Block {
  /** h1 "一、" 黑体; h2 "（一）" 楷体; p body (first line indented two characters). */
  kind: 'h1' | 'h2' | 'p';
  /** A heading run-in before the text ("一、基本情况。" then the paragraph). */
  lead?: string;
  text: string;
}
export interface AnnexTable {
  /** "附件1" — printed top left in 黑体. */
  label: string;
  title: string;
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  landscape: boolean;
  /** Columns (0-based) set right-aligned (figures). */
  numeric: number[];
  /** Rows (0-based) in bold (totals). */
  boldRows?: number[];
}
/** 版记 (§7): 抄送机关, 印发机关 and 印发日期 between separator lines, at the foot of the last page. */
export interface Colophon {
  copyTo: string | null;
  printedBy: string;
  /** 印发日期, e.g. 2026年12月2日. */
  printedOn: string;
}
export interface OfficialDoc {
  /** 份号 (6 digits, top left), when the station numbers its copies. */
  copyNo?: string | null;
  /** 发文机关标志 (red 小标宋). */
  issuer: string;
  /** 紧急程度 (3号黑体, top left), e.g. 特急. */
  urgency?: string | null;
  /** 发文字号, e.g. 东昌区应急管理局〔2026〕12号 (year in 〔〕, no leading zeros). */
  number: string | null;
  /** 签发人 of a report to a superior (上行文), on the number line, right. */
  signer: string | null;
  /** The title, already composed (发文机关 + 事由 + 文种). */
  title: string;
  /** 主送机关. */
  recipient?: string | null;
  body: Block[];
  attachments: string[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, e.g. 2026年12月2日. */
  date: string;
  /** 附注: 联系人 and 电话. */
  contact: { name: string; phone: string | null } | null;
  annexes: AnnexTable[];
  /** 版记; none prints no 版记. */
  colophon?: Colophon | null;
  /** Shown in the document's properties. */
  docTitle: string;
}

type ParaOptions = {
  align?: Align; firstLine?: number; left?: number; hanging?: number; right?: number; line?: number; before?: number; after?: number;
  /** Set at its exact line height, not snapped to the 22-line grid (a 2号 title line would otherwise take two grid lines). */
  offGrid?: boolean;
  border?: boolean; borders?: IParagraphOptions['border']; tabs?: { type: 'right'; pos: number }[]; keepNext?: boolean; keepLines?: boolean; frame?: IParagraphOptions['frame'];
};
const para = (runs: Run[], o: ParaOptions = {}) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { line: o.line ?? GRID.linePitch, lineRule: LineRuleType.EXACT, before: o.before ?? 0, after: o.after ?? 0 },
    indent: { firstLine: o.firstLine, left: o.left, hanging: o.hanging, right: o.right },
    keepNext: o.keepNext,
    keepLines: o.keepLines,
    frame: o.frame,
    style: o.offGrid ? OFF_GRID_STYLE : undefined,
    tabStops: o.tabs?.map((t) => ({ type: TabStopType.RIGHT, position: t.pos })),
    border: o.borders ?? (o.border ? { bottom: { color: RED, style: BorderStyle.SINGLE, size: 12, space: SEPARATOR_SPACE_PT } } : undefined),
    children: runs.map((r) => new TextRun({
      text: r.text, font: font(FONT[r.font ?? 'fangsong']), size: r.size ?? SIZE.h3, color: r.color, bold: r.bold,
      characterSpacing: (r.size ?? SIZE.h3) === SIZE.h3 ? BODY_TRACKING : undefined,
    })),
  });
const blank = () => para([{ text: '' }]);

/** Title lines (§7: 2号小标宋, centred, broken into a trapezoid): each line at most `max` characters, longer lines first. */
export function titleLines(title: string, max = 20): string[] {
  if ([...title].length <= max) return [title];
  const chars = [...title];
  const lines = Math.ceil(chars.length / max);
  const per = Math.ceil(chars.length / lines);
  // Prefer a break after a place or a particle near the even split, never inside 〔…〕 or a number.
  const out: string[] = [];
  let rest = chars;
  for (let l = lines; l > 1; l--) {
    const target = Math.min(max, Math.max(per, Math.ceil(rest.length / l)));
    let cut = target;
    for (let k = target; k >= target - 4 && k > 1; k--) {
      if ('区县乡镇街道村的于和、'.includes(rest[k - 1]) && !/\d/.test(rest[k] ?? '')) { cut = k; break; }
    }
    out.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  out.push(rest.join(''));
  return out;
}

/** Width of a string in 3号 characters (Arabic digits and Latin letters are half width). */
const widthChars = (s: string) => [...s].reduce((a, c) => a + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  // §7: 4号 numerals with a dash each side, 7 mm below the 版心; odd pages right, even left, one character in.
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: 280 } : { left: 280 },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.songti), size: SIZE.h4 })],
    })],
  });
}

/** An annex on its own section; the last one carries the 版记 (§7: the 版记 stands on the document's last page, after its attachments). */
function annexSection(a: AnnexTable, tail: Colophon | null = null): ISectionOptions {
  const width = a.landscape ? PAGE.typeHeight : PAGE.typeWidth;
  const total = a.widths.reduce((x, y) => x + y, 0);
  const cols = a.widths.map((w) => Math.floor((w / total) * width));
  const size = a.header.length > 8 ? SIZE.h5 : SIZE.s4;
  const line = Math.round(size * 10 * 1.25);
  const cell = (text: string, i: number, bold: boolean, header: boolean) => new TableCell({
    width: { size: cols[i], type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [new Paragraph({
      alignment: header ? AlignmentType.CENTER : a.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: { line, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text, font: font(header ? FONT.heiti : FONT.fangsong), size, bold: bold && !header })],
    })],
  });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: a.header.map((h, i) => cell(h, i, false, true)) }),
    ...a.rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, !!a.boldRows?.includes(ri), false)) })),
  ];
  return {
    properties: {
      page: a.landscape
        ? { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE }, margin: { top: PAGE.left, bottom: PAGE.right, left: PAGE.top, right: PAGE.bottom, footer: mm(14) } }
        : { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: mm(23) } },
    },
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
    children: [
      para([{ text: a.label, font: 'heiti' }], { align: AlignmentType.LEFT }),
      para([{ text: a.title, font: 'xiaobiaosong', size: SIZE.h2 }], { align: AlignmentType.CENTER, after: 120 }),
      new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: cols, rows }),
      ...(tail ? colophon(tail, width) : []),
    ],
  };
}

/**
 * 版记 (§7) as a frame anchored to the foot of the 版心 on the page where it falls (the last page,
 * after the 附注): a thick line, 抄送 (when there is one), a thin line, 印发机关 left and 印发日期
 * right, a thick line. The frame takes its room from the text, so it never covers a line and
 * moves to the next page with the last text only when that page is full.
 */
function colophon(v: Colophon, width: number = PAGE.typeWidth): Paragraph[] {
  const thick = { color: '000000', style: BorderStyle.SINGLE, size: 8, space: 1 } as const; // 0.35 mm
  const thin = { color: '000000', style: BorderStyle.SINGLE, size: 6, space: 1 } as const; // 0.25 mm
  const frame: IParagraphOptions['frame'] = {
    type: 'alignment', alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN }, width, wrap: FrameWrap.NOT_BESIDE,
  };
  const small = (t: string) => ({ text: t, size: SIZE.h4 });
  const out: Paragraph[] = [];
  // §7 版记: 4号仿宋, 左右各空一字; 抄送 after "抄送：" with a full stop.
  if (v.copyTo) out.push(para([small(`抄送：${v.copyTo.replace(/[。；，\s]+$/, '')}。`)], { align: AlignmentType.LEFT, left: CHAR, right: CHAR, frame, borders: { top: thick, bottom: thin } }));
  out.push(para([small(v.printedBy), small(`\t${v.printedOn}印发`)], {
    align: AlignmentType.LEFT, left: CHAR, right: CHAR, frame, tabs: [{ type: 'right', pos: width - 2 * CHAR }],
    borders: v.copyTo ? { bottom: thick } : { top: thick, bottom: thick },
  }));
  return out;
}

/** The document (docx bytes), laid out per GB/T 9704-2012. */
export function officialDocx(o: OfficialDoc): Buffer {
  const c: (Paragraph | Table)[] = [];
  // 版头: 份号, 紧急程度 (top left), 发文机关标志, 发文字号 (+ 签发人 for 上行文), red separator.
  if (o.copyNo) c.push(para([{ text: o.copyNo, font: 'heiti' }], { align: AlignmentType.LEFT }));
  if (o.urgency) c.push(para([{ text: o.urgency, font: 'heiti' }], { align: AlignmentType.LEFT }));
  c.push(para([{ text: o.issuer, font: 'xiaobiaosong', size: SIZE.issuer, color: RED }], { align: AlignmentType.CENTER, line: GRID.linePitch * 2, offGrid: true }));
  c.push(blank());
  const numberRuns: Run[] = [{ text: `　${o.number ?? ''}` }];
  if (o.signer !== null) numberRuns.push({ text: '\t签发人：' }, { text: o.signer || '　　　', font: 'kaiti' });
  // The red separator ≈4 mm under the number; the line and the rule together take one grid line, so the
  // title still stands two lines below (a rule added to a full grid line pushed everything a line down).
  c.push(para(numberRuns, { align: AlignmentType.LEFT, border: true, offGrid: true, line: GRID.linePitch - SEPARATOR_ROOM, tabs: [{ type: 'right', pos: PAGE.typeWidth - CHAR }] }));
  // Title two lines below the separator, then one blank line and the 主送机关.
  c.push(blank(), blank());
  const tl = titleLines(o.title);
  tl.forEach((l, i) => c.push(para([{ text: l, font: 'xiaobiaosong', size: SIZE.h2 }], { align: AlignmentType.CENTER, keepNext: i < tl.length - 1, offGrid: true })));
  c.push(blank());
  if (o.recipient) c.push(para([{ text: `${o.recipient}：` }], { align: AlignmentType.LEFT, keepNext: true }));
  // The closing (附件说明, 署名, 成文日期, 附注) stays on the page of the last text: the last body
  // paragraph and everything after it keep with the next, so no page holds only the date.
  o.body.forEach((b, i) => {
    const runs: Run[] = [];
    if (b.lead) runs.push({ text: b.lead, font: b.kind === 'h1' ? 'heiti' : b.kind === 'h2' ? 'kaiti' : 'fangsong' });
    if (b.text) runs.push({ text: b.text, font: !b.lead && b.kind === 'h1' ? 'heiti' : !b.lead && b.kind === 'h2' ? 'kaiti' : 'fangsong' });
    c.push(para(runs, { firstLine: 2 * CHAR, keepNext: i === o.body.length - 1, keepLines: i === o.body.length - 1 }));
  });
  // 附件说明: one blank line, 左空二字 "附件：1. ……", further items aligned under the first.
  if (o.attachments.length) {
    c.push(para([{ text: '' }], { keepNext: true }));
    o.attachments.forEach((a, i) => {
      const n = `${i + 1}. ${a}`;
      c.push(i === 0 ? para([{ text: `附件：${n}` }], { left: 5 * CHAR, hanging: 3 * CHAR, align: AlignmentType.LEFT, keepNext: true })
        : para([{ text: n }], { left: 5 * CHAR, align: AlignmentType.LEFT, keepNext: true }));
    });
  }
  // 署名 and 成文日期 (no seal): one blank line, 署名 右空二字; the date below, its first character two right of the 署名's.
  // A date longer than the 署名 less two characters stands 右空二字 and the 署名 moves left instead.
  const sig = widthChars(o.signature);
  const date = widthChars(o.date);
  const sigRight = date + 2 > sig ? 2 + (date + 2 - sig) : 2;
  const dateRight = date + 2 > sig ? 2 : 2 + (sig - 2 - date);
  c.push(para([{ text: '' }], { keepNext: true }));
  c.push(para([{ text: o.signature }], { align: AlignmentType.RIGHT, right: Math.round(sigRight * CHAR), keepNext: true }));
  c.push(para([{ text: o.date }], { align: AlignmentType.RIGHT, right: Math.round(dateRight * CHAR), keepNext: !!o.contact || (!!o.colophon && !o.annexes.length) }));
  if (o.contact) {
    c.push(para([{ text: `（联系人：${o.contact.name}${o.contact.phone ? `，联系电话：${o.contact.phone}` : ''}）` }], { firstLine: 2 * CHAR, keepNext: !!o.colophon && !o.annexes.length }));
  }
  if (o.colophon && !o.annexes.length) c.push(...colophon(o.colophon));

  const portrait = {
    page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(23) } },
    grid: { linePitch: GRID.linePitch, type: DocumentGridType.LINES },
  };
  const doc = new Document({
    creator: 'Watchroom 应急值守台',
    title: o.docTitle,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.fangsong), size: SIZE.h3 } } } },
    sections: [
      { properties: portrait, footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') }, children: c },
      ...o.annexes.map((a, i) => annexSection(a, i === o.annexes.length - 1 ? o.colophon ?? null : null)),
    ],
  });
  return packDocxSync(doc);
}
