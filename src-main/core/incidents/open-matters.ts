import type { OpenMatter, OpenMatterSource } from '../board/types';
import { getConfig, incidentsWithMissing, openIncidents, pendingAttention } from './repo';
import { missingGradeOf } from './grading';
import { translate } from '../i18n/messages';
import { GRADE_ITEMS } from './taxonomy';
import { incidentLabel } from '../audit/subjects';
import type { Locale } from '../../contract/roles';

const gradeName = (g: string, l: Locale) => {
  const x = GRADE_ITEMS.find((i) => i.code === g);
  return (l === 'en' ? x?.en : x?.name) ?? g;
};

/**
 * Open incidents and unacknowledged escalations, for the handover and the duty board. Each is
 * named as a person names it, by number and short title (2026-00012 环通乡中毒窒息), never by the
 * caller's raw words; the title is composed in each language, so a frozen handover reads in its reader's.
 */
export const incidentsOpenMatters: OpenMatterSource = {
  id: 'incidents',
  collect(db, now) {
    const name = (id: string, no: string, l: Locale = 'zh-CN') => incidentLabel(db, id, l) ?? no;
    const both = (f: (l: Locale) => string) => ({ title: f('zh-CN'), titles: { 'zh-CN': f('zh-CN'), en: f('en') } });
    const out: OpenMatter[] = openIncidents(db, 200).map((r) => ({
      source: 'incidents',
      kind: 'openIncident',
      refId: r.id,
      ...both((l) => name(r.id, r.no, l)),
      dueAt: null,
      severity: r.grade === 'I' || r.grade === 'II' ? 'urgent' : r.grade === 'III' || r.flagged ? 'warn' : 'info',
    }));
    for (const a of pendingAttention(db, null)) {
      out.push({
        source: 'incidents',
        kind: a.dueAt < now ? 'overdueEscalation' : 'pendingEscalation',
        refId: a.incidentId,
        ...both((l) => name(a.incidentId, a.incidentNo, l)),
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
        ...both((l) => `${name(r.id, r.no, l)}${l === 'en' ? ': ' : '：'}${translate(l, 'incidents.regradeMissing', { missing: g.missing, days: g.windowDays, grade: gradeName(g.grade, l) })}`),
        dueAt: g.windowEndsAt,
        severity: 'warn',
      });
    }
    return out;
  },
};
