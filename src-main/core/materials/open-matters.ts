import type { OpenMatterSource } from '../board/types';
import { getStation } from '../station/repo';
import { localDate } from '../../contract/time';
import { alerts } from './views';

/** Stock alerts (below minimum, expiring, overdue transfers, contracts), for the handover and the duty board. */
export const materialsOpenMatters: OpenMatterSource = {
  id: 'materials',
  collect(db, now) {
    const st = getStation(db);
    if (!st) return [];
    return alerts(db, now, localDate(now, st.timeZone)).map((a) => ({
      source: 'materials',
      kind: a.kind,
      refId: a.refId,
      title: a.text,
      dueAt: a.dueAt,
      severity: a.severity,
    }));
  },
};
