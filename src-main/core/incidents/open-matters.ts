import type { OpenMatter, OpenMatterSource } from '../board/types';
import { getConfig, incidentsWithMissing, openIncidents, pendingAttention } from './repo';
import { missingGradeOf } from './grading';
import { translate } from '../i18n/messages';
import { GRADE_ITEMS } from './taxonomy';
import { incidentLabel } from '../audit/subjects';

const gradeName = (g: string) => GRADE_ITEMS.find((x) => x.code === g)?.name ?? g;

/**
 * Open incidents and unacknowledged escalations, for the handover and the duty board. Each is
 * named as a person names it, by number and short title (2026-00012 环通乡中毒窒息), never by the
 * caller's raw words; the handover freezes these titles in the station's language.
 */
export const incidentsOpenMatters: OpenMatterSource = {
  id: 'incidents',
  collect(db, now) {
    const name = (id: string, no: string) => incidentLabel(db, id, 'zh-CN') ?? no;
    const out: OpenMatter[] = openIncidents(db, 200).map((r) => ({
      source: 'incidents',
      kind: 'openIncident',
      refId: r.id,
      title: name(r.id, r.no),
      dueAt: null,
      severity: r.grade === 'I' || r.grade === 'II' ? 'urgent' : r.grade === 'III' || r.flagged ? 'warn' : 'info',
    }));
    for (const a of pendingAttention(db, null)) {
      out.push({
        source: 'incidents',
        kind: a.dueAt < now ? 'overdueEscalation' : 'pendingEscalation',
        refId: a.incidentId,
        title: name(a.incidentId, a.incidentNo),
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
        title: `${name(r.id, r.no)}：${translate('zh-CN', 'incidents.regradeMissing', { missing: g.missing, days: g.windowDays, grade: gradeName(g.grade) })}`,
        dueAt: g.windowEndsAt,
        severity: 'warn',
      });
    }
    return out;
  },
};
