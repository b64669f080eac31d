import { useEffect, useState } from 'react';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import i18n from '../../i18n';
import type { WarningRow } from '@contract/warnings';
import { acknowledge, getAlerts, raise as raiseAlert } from '../../app/alerts/store';
import { hm, minutesLeft, warningName } from './shared';

/**
 * Deadline alerts of warnings for the shell's alert area: the leader on duty not yet told and the
 * forwarding not complete — a reminder when the deadline nears, an urgent alert (sound, title
 * flash) once it has passed (standards §1: 10 and 30 minutes). Mounted by the shell after sign-in;
 * reads through the data layer on the board's refresh policy and re-checks every 30 s.
 */
const CHECK_MS = 30_000;
/** Reminders this many minutes before a deadline (the leader's 10 min leave little room). */
export const LEAD_MINUTES = { leader: 5, forward: 10 } as const;

export function WarningAlerts() {
  const { station } = useSession();
  const { data } = useApiQuery('warnings.list', { activeOnly: true, limit: 200 }, { live: true });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), CHECK_MS);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (!data) return;
    const due = warningAlerts(data, Math.max(now, Date.now()), station.timeZone);
    for (const a of due) raiseAlert(a);
    // A deadline met (leader told, all notified, warning lifted) takes its alert off the strip, as handled.
    const live = new Set(due.map((a) => a.group));
    for (const a of getAlerts().active) if (a.group.startsWith('warnings|') && !live.has(a.group)) acknowledge(a.key, 'handled');
  }, [data, now, station.timeZone]);
  return null;
}

/** Pure: the alerts due now for these warnings. */
export function warningAlerts(rows: WarningRow[], now: number, tz: string) {
  const t = i18n.t.bind(i18n);
  const en = i18n.language === 'en';
  const out: { key: string; group: string; title: string; text: string; urgent: boolean; href: string }[] = [];
  for (const w of rows) {
    const name = warningName((l) => t(`warnings:colours.${l}`), w, en);
    const href = `#/warnings/${w.id}`;
    const check = (which: 'leader' | 'forward', dueAt: number | null, done: boolean) => {
      if (dueAt === null || done) return;
      const base = { group: `warnings|${w.id}|${which}`, title: 'warnings:alert.title', href };
      if (dueAt < now) out.push({ ...base, key: `warnings|${w.id}|${which}|${dueAt}|over`, urgent: true, text: t(`warnings:alert.${which}Over`, { name }) });
      else if (dueAt - now <= LEAD_MINUTES[which] * 60_000) {
        out.push({ ...base, key: `warnings|${w.id}|${which}|${dueAt}|due`, urgent: false, text: t(`warnings:alert.${which}Due`, { name, time: hm(dueAt, tz), left: `${minutesLeft(dueAt, now)} ${en ? 'min' : '分钟'}` }) });
      }
    };
    check('leader', w.leaderDueAt, w.leaderNotifiedAt !== null);
    check('forward', w.forwardDueAt, w.forwardedAt !== null);
  }
  return out;
}
