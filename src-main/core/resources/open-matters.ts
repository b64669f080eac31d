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
    const due = livePlans(db)
      .filter((r) => r.station_id === st.id)
      .map((r) => ({ r, v: valuesOf('plans', r), ...planReview(valuesOf('plans', r), s, today) }))
      .filter((x) => x.reviewState !== 'ok' && x.reviewDue)
      .sort((a, b) => a.reviewDue!.localeCompare(b.reviewDue!)); // the most pressing (longest overdue) first
    return due.flatMap(({ r, v, reviewDue, reviewState }) => {
        const overdue = reviewState === 'overdue';
        return [
          {
            source: 'resources',
            kind: overdue ? 'planReviewOverdue' : 'planReviewDue',
            refId: r.id,
            // Stored in the handover as written: zh-CN, the duty room's language (as the other domains' titles).
            title: translate('zh-CN', overdue ? 'resources.planOverdue' : 'resources.planDue', { name: String(v.name), date: reviewDue ?? '' }),
            dueAt: null,
            severity: overdue ? ('warn' as const) : ('info' as const),
          },
        ];
    });
  },
};
