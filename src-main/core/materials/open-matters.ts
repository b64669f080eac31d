import type { OpenMatterSource } from '../board/types';
import { getStation } from '../station/repo';
import { localDate } from '../../contract/time';
import { alerts } from './views';

/** Stock alerts (below minimum, expiring, overdue transfers, contracts) and reporting duties falling due (standards §5), for the handover and the duty board. */
export const materialsOpenMatters: OpenMatterSource = {
  id: 'materials',
  collect(db, now, board) {
    const st = getStation(db);
    if (!st) return [];
    const duties = { db, stationId: st.id, timeZone: st.timeZone, now, calendar: board };
    return alerts(db, now, localDate(now, st.timeZone), duties).map((a) => ({
      source: 'materials',
      kind: a.kind,
      refId: a.refId,
      title: a.text,
      dueAt: a.dueAt,
      severity: a.severity,
    }));
  },
};
