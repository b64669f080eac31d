import type { TFunction } from 'i18next';
import type { MonthView, RosterIssue } from '@contract/roster';
import { localMonth } from '@contract/time';

export const hhmm = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function issueText(t: TFunction, i: RosterIssue): string {
  return t(`roster:issue.${i.code}`, { ...i.params, name: i.personName ?? '' });
}

/** Column key of a slot in the month grid. */
export const colKey = (shiftId: string, positionId: string, slot: number) => `c_${shiftId}_${positionId}_${slot}`;

export const thisMonth = (tz: string): string => localMonth(Date.now(), tz);

export { localDate } from '@contract/time';

export { downloadBase64 } from '../../ui/download';

/** Issues grouped by grid cell (leader-missing and uncovered land on the empty slot they concern). */
export function issuesByCell(v: MonthView): Map<string, RosterIssue[]> {
  const m = new Map<string, RosterIssue[]>();
  const leaderPos = v.positions.find((p) => p.dutyRole === 'leader');
  for (const i of v.issues) {
    let key: string | null = null;
    if (i.positionId !== null && i.slot !== null) key = `${i.date}|${colKey(i.shiftId, i.positionId, i.slot)}`;
    else if (i.code === 'leaderMissing' && leaderPos) key = `${i.date}|${colKey(i.shiftId, leaderPos.id, 0)}`;
    if (!key) continue;
    const l = m.get(key) ?? [];
    l.push(i);
    m.set(key, l);
  }
  return m;
}
