import type { Ctx } from '../api/types';
import { auditRows } from './repo';
import { describeAudit, kindLabel, personName } from './describe';
import { addTableSheet, newWorkbook, stamp, toBase64 } from '../paper/workbook';
import { zoneOf } from '../../contract/time';

const EXPORT_MAX = 20_000;

const L = {
  'zh-CN': { subject: '操作记录（审计日志）', sheet: '审计日志', no: '序号', at: '时间', person: '操作人', kind: '类别', what: '操作', all: '全部', who: '操作人：', cat: '类别：', file: '审计日志', to: ' 至 ' },
  en: { subject: 'Audit log', sheet: 'Audit log', no: 'No.', at: 'Time', person: 'Person', kind: 'Kind', what: 'Action', all: 'all', who: 'Person: ', cat: 'Kind: ', file: 'audit-log', to: ' to ' },
};

/** The filtered audit log as a printable A4 workbook, in words. */
export async function exportAuditXlsx(ctx: Ctx, f: { userId?: string; kind?: string; from?: number; to?: number }) {
  const s = ctx.requireStation();
  const tz = zoneOf(s);
  const l = L[ctx.locale];
  const rows = auditRows(ctx.db, { ...f, limit: EXPORT_MAX });
  const period = f.from !== undefined || f.to !== undefined ? `${f.from !== undefined ? stamp(f.from, tz) : ''}${l.to}${f.to !== undefined ? stamp(f.to, tz) : ''}` : '';
  const notes = [
    f.userId ? l.who + personName(ctx.db, ctx.locale, f.userId, null) : '',
    f.kind ? l.cat + kindLabel(ctx.locale, f.kind) : '',
  ].filter(Boolean);
  const wb = newWorkbook();
  addTableSheet(
    wb,
    l.sheet,
    { station: s.name, subject: l.subject, period: [period, ...notes].filter(Boolean).join('  '), exportedAt: stamp(ctx.clock.now(), tz), locale: ctx.locale },
    [{ header: l.no, align: 'right' }, { header: l.at, min: 17 }, { header: l.person, min: 8 }, { header: l.kind, min: 10 }, { header: l.what, min: 30, max: 60 }],
    rows.map((r) => {
      const d = describeAudit(ctx.db, ctx.locale, r);
      return [r.seq, stamp(r.at, tz), d.person, d.kindLabel, d.text];
    }),
    { orientation: 'portrait' },
  );
  return { fileName: `${l.file}-${stamp(ctx.clock.now(), tz).slice(0, 10)}.xlsx`, base64: await toBase64(wb), rows: rows.length };
}
