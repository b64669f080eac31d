import { addOpenMatterSource, type OpenMatter } from '../roster/open-matters';
import { incidentNo, openIncidents, pendingAttention } from './repo';

/** Open incidents and unacknowledged escalations, for the handover and the duty board. */
addOpenMatterSource({
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
});

export { incidentNo };
