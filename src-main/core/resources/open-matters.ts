import type { OpenMatterSource } from '../board/types';
import { getStation } from '../station/repo';
import { localDate } from '../../contract/time';
import { translate } from '../i18n/messages';
import { livePlans, settingsRow, valuesOf } from './repo';
import { planReview } from './records';

/** Plans whose periodic assessment is past or within the notice period, for the board and the handover. */
export const planReviewMatters: OpenMatterSource = {
  id: 'resources.planReview',
  collect(db, now) {
    const st = getStation(db);
    if (!st) return [];
    const s = settingsRow(db, st.id);
    const today = localDate(now, st.timeZone);
    return livePlans(db)
      .filter((r) => r.station_id === st.id)
      .flatMap((r) => {
        const v = valuesOf('plans', r);
        const { reviewDue, reviewState } = planReview(v, s, today);
        if (reviewState === 'ok' || !reviewDue) return [];
        const overdue = reviewState === 'overdue';
        return [
          {
            source: 'resources',
            kind: overdue ? 'planReviewOverdue' : 'planReviewDue',
            refId: r.id,
            // Stored in the handover as written: zh-CN, the duty room's language (as the other domains' titles).
            title: translate('zh-CN', overdue ? 'resources.planOverdue' : 'resources.planDue', { name: String(v.name), date: reviewDue }),
            dueAt: null,
            severity: overdue ? ('warn' as const) : ('info' as const),
          },
        ];
      });
  },
};
