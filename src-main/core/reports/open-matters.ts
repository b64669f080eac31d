import type { OpenMatter, OpenMatterSource } from '../board/types';
import { stageLabel } from '../../contract/reports';
import { getStation } from '../station/repo';
import { dueItems, effectiveRules, getConfig } from './repo';
import { zoneOf } from '../../contract/time';
import { incidentLabel } from '../audit/subjects';
import type { Locale } from '../../contract/roles';

/**
 * Reports falling due (handover and duty board): every chain whose next deadline lies within the
 * configured horizon, or has passed. Overdue is urgent, due within the first alert lead is warn.
 * A chain about an incident is named by the incident's number and short title, not its raw summary.
 */
export const reportsOpenMatters: OpenMatterSource = {
  id: 'reports',
  collect(db, now): OpenMatter[] {
    const cfg = getConfig(db);
    const tz = zoneOf(getStation(db));
    const horizon = now + cfg.boardHorizonHours * 3_600_000;
    const lead = Math.max(...cfg.alertLeadMinutes, 0) * 60_000;
    const out: OpenMatter[] = [];
    for (const it of dueItems(db, effectiveRules(db), tz, now)) {
      const o = it.next;
      if (!o || o.dueAt > horizon) continue;
      out.push({
        source: 'reports',
        kind: `report.${o.stage}`,
        refId: it.chainId,
        ...((f: (l: Locale) => string) => ({ title: f('zh-CN'), titles: { 'zh-CN': f('zh-CN'), en: f('en') } }))(
          (l) => `${stageLabel(o.stage, o.seq, l)}${l === 'en' ? ': ' : '：'}${(it.incidentId && incidentLabel(db, it.incidentId, l)) || it.title}`,
        ),
        dueAt: o.dueAt,
        severity: o.dueAt < now ? 'urgent' : o.dueAt - now <= lead ? 'warn' : 'info',
      });
    }
    return out;
  },
};
