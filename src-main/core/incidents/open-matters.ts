import type { OpenMatter, OpenMatterSource } from '../board/types';
import { getConfig, incidentsWithMissing, openIncidents, pendingAttention } from './repo';
import { missingGradeOf } from './grading';
import { translate } from '../i18n/messages';
import { GRADE_ITEMS } from './taxonomy';

const gradeName = (g: string) => GRADE_ITEMS.find((x) => x.code === g)?.name ?? g;

/** Open incidents and unacknowledged escalations, for the handover and the duty board. */
export const incidentsOpenMatters: OpenMatterSource = {
  id: 'incidents',
  collect(db, now) {
    const out: OpenMatter[] = openIncidents(db, 200).map((r) => ({
      source: 'incidents',
      kind: 'openIncident',
      refId: r.id,
      title: `${r.no} ${r.summary.slice(0, 60)}`,
      dueAt: null,
      severity: r.grade === 'I' || r.grade === 'II' ? 'urgent' : r.grade === 'III' || r.flagged ? 'warn' : 'info',
    }));
    for (const a of pendingAttention(db, null)) {
      out.push({
        source: 'incidents',
        kind: a.dueAt < now ? 'overdueEscalation' : 'pendingEscalation',
        refId: a.incidentId,
        title: `${a.incidentNo} ${a.incidentSummary.slice(0, 60)}`,
        dueAt: a.dueAt,
        severity: a.dueAt < now ? 'urgent' : 'warn',
      });
    }
    // Missing persons whose window has closed count as dead: the grade is to be reviewed (standards §2).
    const cfg = getConfig(db);
    for (const r of incidentsWithMissing(db)) {
      const g = missingGradeOf(r, cfg, now);
      if (!g?.regradeDue) continue;
      out.push({
        source: 'incidents',
        kind: 'regradeMissing',
        refId: r.id,
        title: `${r.no} ${translate('zh-CN', 'incidents.regradeMissing', { missing: g.missing, days: g.windowDays, grade: gradeName(g.grade) })}`,
        dueAt: g.windowEndsAt,
        severity: 'warn',
      });
    }
    return out;
  },
};
