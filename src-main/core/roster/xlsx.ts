import ExcelJS from 'exceljs';
import type { StationInfo } from '../../contract/station';
import type { Locale } from '../../contract/roles';
import type { MonthView } from '../../contract/roster';
import { translate } from '../i18n/messages';
import { addTableSheet, fitColumns, printSetup, stamp, writeHead } from '../paper/workbook';

const WEEK_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The month roster as an A4-landscape xlsx (one page, header repeated; phones and changes on a second sheet); `holidaysOnly` gives the 节假日值班表. */
export async function exportMonthXlsx(station: StationInfo, view: MonthView, holidaysOnly: boolean, locale: Locale, now: number = Date.now()) {
  const zh = locale !== 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  const ws = wb.addWorksheet(view.month);
  const cols: { shiftId: string; positionId: string; slot: number; header: string }[] = [];
  for (const s of view.shifts) for (const p of view.positions) for (let k = 0; k < p.maxCount; k++) cols.push({ shiftId: s.id, positionId: p.id, slot: k, header: `${view.shifts.length > 1 ? s.name + ' ' : ''}${p.name}${p.maxCount > 1 ? k + 1 : ''}` });
  const subject = `${view.month} ${holidaysOnly ? (zh ? '节假日值班表' : 'holiday duty roster') : zh ? '值班表' : 'duty roster'}`;
  const lastCol = Math.max(3 + cols.length, 4);
  // A year the holiday calendar does not cover is printed with the warning, not silently as weekdays.
  const warning = view.calendarMissing.map((year) => translate(zh ? 'zh-CN' : 'en', 'roster.calendarMissing', { year })).join(zh ? '；' : '; ');
  const headRow = writeHead(ws, { station: station.name, subject: warning ? `${subject}（${warning}）` : subject, period: '', exportedAt: stamp(now, station.timeZone), locale }, lastCol);
  const head = ws.getRow(headRow);
  head.values = [zh ? '日期' : 'Date', zh ? '星期' : 'Day', zh ? '类别' : 'Kind', ...cols.map((c) => c.header)];
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
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
  const lastRosterRow = ws.rowCount;
  fitColumns(ws, headRow, [{ min: 7 }, { min: 5 }, { min: 8 }, ...cols.map(() => ({ min: 8, max: 16 }))]);
  ws.eachRow((r, n) => {
    if (n < headRow) return;
    for (let c = 1; c <= 3 + cols.length; c++) r.getCell(c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
  printSetup(ws, { orientation: 'landscape', headerRows: [headRow, headRow], locale, lastCol: 3 + cols.length, lastRow: lastRosterRow, fitToHeight: 1 });
  // Swaps and phone numbers: a second printable sheet, so long cells never squeeze the roster.
  const people = new Map(view.people.map((p) => [p.name, p]));
  const used = [...new Set(view.assignments.map((a) => a.personName))];
  const notes: (string | number | null)[][] = [
    ...view.changes.map((c) => [zh ? '换班/替班' : 'Change', `${c.dateA} ${c.kind === 'swap' ? (zh ? '换班' : 'swap') : zh ? '替班' : 'substitute'}`, `${c.personFromName} → ${c.personToName}`, c.reason, c.approvedByName]),
    ...used.map((n) => [zh ? '联系电话' : 'Phone', n, people.get(n)?.mobile ?? '', people.get(n)?.officePhone ?? '', '']),
  ];
  if (notes.length)
    addTableSheet(
      wb,
      zh ? '换班及联系电话' : 'Changes and phones',
      { station: station.name, subject: `${subject} ${zh ? '换班记录及联系电话' : 'changes and phones'}`, period: '', exportedAt: stamp(now, station.timeZone), locale },
      zh
        ? [{ header: '类别' }, { header: '日期/姓名', min: 10 }, { header: '人员/手机', min: 14 }, { header: '原因/办公电话', min: 14 }, { header: '批准人' }]
        : [{ header: 'Kind' }, { header: 'Date/Name', min: 10 }, { header: 'People/Mobile', min: 14 }, { header: 'Reason/Office', min: 14 }, { header: 'Approved by' }],
      notes,
      { orientation: 'portrait' },
    );
  const buf = await wb.xlsx.writeBuffer();
  const fileName = `${holidaysOnly ? (zh ? '节假日值班表' : 'holiday-roster') : zh ? '值班表' : 'roster'}-${view.month}.xlsx`;
  return { fileName, base64: Buffer.from(buf as ArrayBuffer).toString('base64') };
}
