import { useEffect, useState } from 'react';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { stageLabel, type DueItem } from '@contract/reports';
import i18n from '../../i18n';
import { DEFAULT_TIME_ZONE } from '@contract/time';
import { span } from './shared';
import { raise as raiseAlert } from '../../app/alerts/store';

/**
 * Deadline alerts at the configured lead times, for the shell's alert area (app/alerts/AlertDock).
 * Mounted by the shell after sign-in, so it runs on every page; it reads through the data layer
 * (the same question as the duty board's panel, so the two share one request on the board's
 * refresh policy) and re-checks the lead times every 30 s. On the desktop the main process also
 * raises system notifications (src-main/electron/alerts.ts), which keep running with the window
 * closed.
 */
interface Alert { key: string; chainId: string; text: string; overdue: boolean }

const CHECK_MS = 30_000;

export function ReportAlerts() {
  const { station } = useSession();
  const cfg = useApiQuery('reports.config', {}).data;
  const horizonHours = cfg ? Math.max(cfg.boardHorizonHours, Math.ceil(Math.max(...cfg.alertLeadMinutes, 60) / 60)) : undefined;
  const { data } = useApiQuery('reports.due', { horizonHours }, { enabled: !!cfg, live: true });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), CHECK_MS);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (!cfg || !data) return;
    for (const a of alertsFor(data, cfg.alertLeadMinutes, Math.max(now, Date.now()), i18n.language === 'en', station.timeZone)) {
      raiseAlert({ key: a.key, group: `reports|${a.chainId}`, title: 'reports:alert.title', text: a.text, urgent: a.overdue, href: '#/reports/due' });
    }
  }, [cfg, data, now, station.timeZone]);
  return null;
}

/** Pure: which alerts are due now for these items and lead times. */
export function alertsFor(items: DueItem[], leads: number[], now: number, en: boolean, timeZone = DEFAULT_TIME_ZONE): Alert[] {
  const out: Alert[] = [];
  for (const it of items) {
    const o = it.next;
    if (!o) continue;
    const stage = stageLabel(o.stage, o.seq, en ? 'en' : 'zh-CN');
    const base = `${it.chainId}|${o.stage}|${o.seq}|${o.channel}|${o.dueAt}`;
    if (o.dueAt < now) {
      out.push({ key: `${base}|over`, chainId: it.chainId, overdue: true, text: i18n.t('reports:alert.overdue', { stage, title: it.title.slice(0, 30) }) });
      continue;
    }
    const lead = [...leads].sort((a, b) => a - b).find((l) => o.dueAt - now <= l * 60_000);
    if (lead !== undefined) {
      const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(o.dueAt);
      out.push({ key: `${base}|${lead}`, chainId: it.chainId, overdue: false, text: i18n.t('reports:alert.due', { stage, title: it.title.slice(0, 30), time, left: span(o.dueAt - now, en) }) });
    }
  }
  return out;
}
