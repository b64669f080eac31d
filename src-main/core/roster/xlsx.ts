import ExcelJS from 'exceljs';
import type { StationInfo } from '../../contract/station';
import type { Locale } from '../../contract/roles';
import type { MonthView } from '../../contract/roster';
import { translate } from '../i18n/messages';

const WEEK_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The month roster as an A4-landscape xlsx (one page wide); `holidaysOnly` gives the 节假日值班表. */
export async function exportMonthXlsx(station: StationInfo, view: MonthView, holidaysOnly: boolean, locale: Locale) {
  const zh = locale !== 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  const ws = wb.addWorksheet(view.month, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 } },
  });
  const cols: { shiftId: string; positionId: string; slot: number; header: string }[] = [];
  for (const s of view.shifts) for (const p of view.positions) for (let k = 0; k < p.maxCount; k++) cols.push({ shiftId: s.id, positionId: p.id, slot: k, header: `${view.shifts.length > 1 ? s.name + ' ' : ''}${p.name}${p.maxCount > 1 ? k + 1 : ''}` });
  const title = `${station.name} ${view.month} ${holidaysOnly ? (zh ? '节假日值班表' : 'holiday duty roster') : zh ? '值班表' : 'duty roster'}`;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, 3 + cols.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  // A year the holiday calendar does not cover is printed with the warning, not silently as weekdays.
  for (const year of view.calendarMissing) {
    const w = ws.addRow([translate(zh ? 'zh-CN' : 'en', 'roster.calendarMissing', { year })]);
    ws.mergeCells(w.number, 1, w.number, 3 + cols.length);
    w.font = { bold: true, color: { argb: 'FFB42318' } };
  }
  const head = ws.addRow([zh ? '日期' : 'Date', zh ? '星期' : 'Day', zh ? '类别' : 'Kind', ...cols.map((c) => c.header)]);
  head.font = { bold: true };
  const byCell = new Map(view.assignments.map((a) => [`${a.date}|${a.shiftId}|${a.positionId}|${a.slot}`, a]));
  const kindText: Record<string, string> = zh ? { holiday: '节假日', makeup: '调休上班', weekend: '周末', workday: '' } : { holiday: 'holiday', makeup: 'make-up workday', weekend: 'weekend', workday: '' };
  for (const d of view.days) {
    if (holidaysOnly && d.kind !== 'holiday') continue;
    const row = ws.addRow([
      d.date.slice(5),
      (zh ? WEEK_ZH : WEEK_EN)[d.weekday],
      [kindText[d.kind], d.name ?? ''].filter(Boolean).join(' '),
      ...cols.map((c) => {
        const a = byCell.get(`${d.date}|${c.shiftId}|${c.positionId}|${c.slot}`);
        return a ? a.personName + (a.source === 'swap' || a.source === 'substitute' ? '*' : '') : '';
      }),
    ]);
    if (d.kind === 'holiday' || d.kind === 'weekend') row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: d.kind === 'holiday' ? 'FFFDE2E2' : 'FFEFF3F8' } }));
  }
  ws.columns.forEach((c, i) => (c.width = i < 2 ? 8 : i === 2 ? 14 : 10));
  ws.eachRow((r, n) => {
    if (n < 2) return;
    r.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }));
  });
  if (view.changes.length) {
    ws.addRow([]);
    ws.addRow([zh ? '* 换班/替班记录' : '* Swaps and substitutions']).font = { bold: true };
    for (const c of view.changes) ws.addRow([c.dateA, c.kind === 'swap' ? (zh ? '换班' : 'swap') : zh ? '替班' : 'substitute', `${c.personFromName} → ${c.personToName}`, c.reason, c.approvedByName]);
  }
  const people = new Map(view.people.map((p) => [p.name, p]));
  const used = [...new Set(view.assignments.map((a) => a.personName))];
  if (used.length) {
    ws.addRow([]);
    ws.addRow([zh ? '联系电话' : 'Phones']).font = { bold: true };
    for (const n of used) ws.addRow([n, people.get(n)?.mobile ?? '', people.get(n)?.officePhone ?? '']);
  }
  const buf = await wb.xlsx.writeBuffer();
  const fileName = `${holidaysOnly ? (zh ? '节假日值班表' : 'holiday-roster') : zh ? '值班表' : 'roster'}-${view.month}.xlsx`;
  return { fileName, base64: Buffer.from(buf as ArrayBuffer).toString('base64') };
}
