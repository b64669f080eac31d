import type { OpenMatter, OpenMatterSource } from '../board/types';
import { openIncidents, pendingAttention } from './repo';

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
    return out;
  },
};
