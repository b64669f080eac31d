import type { DutyLogItem, DutyLogSource, OpenMatter, OpenMatterSource } from '../board/types';
import { translate } from '../i18n/messages';
import { formatDateTime, localDate } from '../../contract/time';
import { arrivedReportsBetween, reportsFiledBetween, thisStation, townshipRegs } from './repo';
import { grid, periodsHere, todayView } from './views';

const hm = (ms: number, tz: string) => formatDateTime(ms, tz, 'zh-CN').slice(-5);
const what = (r: { content: string; incidents: string }) => {
  const n = (JSON.parse(r.incidents) as unknown[]).length;
  return r.content === 'none' ? translate('zh-CN', 'zeroreports.none') : translate('zh-CN', 'zeroreports.some', { n: n || 1 });
};

/**
 * Today's zero report (standards §6): at a township, one matter while today's report is not filed
 * (urgent once past its deadline); at the district, per period, the townships missing (urgent) or
 * still to report before the deadline (warn).
 */
export const zeroreportsOpenMatters: OpenMatterSource = {
  id: 'zeroreports',
  collect(db, now): OpenMatter[] {
    const s = thisStation(db);
    if (!s) return [];
    const st = { id: s.id, level: s.level, timeZone: s.time_zone, name: s.name };
    const today = localDate(now, st.timeZone);
    const out: OpenMatter[] = [];
    if (st.level !== 'district') {
      for (const { period, days } of todayView(db, st, now).periods) {
        const d = days.find((x) => x.day === today);
        if (!d || d.report) continue;
        out.push({
          source: 'zeroreports',
          kind: d.state === 'missing' ? 'zeroReportOverdue' : 'zeroReportDue',
          refId: `${period.id}|${today}`,
          title: translate('zh-CN', 'zeroreports.openMatterTown', { period: period.name, day: today, due: hm(d.dueAt, st.timeZone) }),
          dueAt: d.dueAt,
          severity: d.state === 'missing' ? 'urgent' : 'warn',
        });
      }
      return out;
    }
    if (!townshipRegs(db).length) return out;
    for (const p of periodsHere(db, st)) {
      if (p.start_date > today || p.end_date < today) continue;
      const g = grid(db, p, st, now);
      const i = g.days.indexOf(today);
      const cells = g.rows.map((r) => r.cells[i]);
      const missing = cells.filter((c) => c.state === 'missing').length;
      const pending = cells.filter((c) => c.state === 'pending');
      if (missing) {
        out.push({ source: 'zeroreports', kind: 'zeroReportsMissing', refId: `${p.id}|${today}`, title: translate('zh-CN', 'zeroreports.openMatterMissing', { period: p.name, day: today, n: missing }), dueAt: null, severity: 'urgent' });
      }
      if (pending.length) {
        const due = Math.min(...pending.map((c) => c.dueAt));
        out.push({ source: 'zeroreports', kind: 'zeroReportsPending', refId: `${p.id}|${today}|pending`, title: translate('zh-CN', 'zeroreports.openMatterPending', { period: p.name, day: today, n: pending.length, due: hm(due, st.timeZone) }), dueAt: due, severity: 'warn' });
      }
    }
    return out;
  },
};

export const zeroreportsDutyLog: DutyLogSource = {
  id: 'zeroreports',
  collect(db, from, to): DutyLogItem[] {
    const s = thisStation(db);
    if (!s) return [];
    const out: DutyLogItem[] = [];
    const names = new Map(townshipRegs(db).map((r) => [r.id, r.name]));
    for (const r of reportsFiledBetween(db, s.id, from, to)) {
      if (r.via === 'phone') out.push({ at: r.filed_at, kind: 'zeroReport', text: translate('zh-CN', 'zeroreports.log.phone', { name: names.get(r.for_reg_id) ?? '', day: r.day, what: what(r), caller: r.caller ?? '' }), user: r.filed_by_name });
      else out.push({ at: r.filed_at, kind: 'zeroReport', text: translate('zh-CN', 'zeroreports.log.filed', { day: r.day, what: what(r) }), user: r.filed_by_name });
    }
    if (s.level === 'district') {
      const byStation = new Map(townshipRegs(db).filter((r) => r.station_id).map((r) => [r.station_id!, r.name]));
      for (const r of arrivedReportsBetween(db, from, to)) {
        out.push({ at: r._received_at, kind: 'zeroReport', text: translate('zh-CN', 'zeroreports.log.arrived', { name: byStation.get(r._origin) ?? '', day: r.day, what: what(r) }), user: null });
      }
    }
    return out;
  },
};
