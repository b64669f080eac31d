import { api, ApiCallError } from '../../api/client';
import { stageLabel, type DueItem } from '@contract/reports';
import i18n from '../../i18n';
import { DEFAULT_TIME_ZONE } from '@contract/time';
import { span } from './shared';
import { raise as raiseAlert } from '../../app/alerts/store';

/**
 * Deadline alerts at the configured lead times. Started by the shell after sign-in (and by the
 * reports components) and kept polling across pages; the alerts go to the shell's alert area
 * (app/alerts/AlertDock). On the desktop the main process also raises system notifications
 * (src-main/electron/alerts.ts), which keep running with the window closed. Stops when the
 * session ends.
 */
interface Alert { key: string; chainId: string; text: string; overdue: boolean }

let started = false;
/** The station's zone: deadlines are shown in it, whatever the PC's clock zone. */
let timeZone = DEFAULT_TIME_ZONE;

function raise(a: Alert) {
  raiseAlert({ key: a.key, group: `reports|${a.chainId}`, title: 'reports:alert.title', text: a.text, urgent: a.overdue, href: '#/reports/due' });
}

/** Pure: which alerts are due now for these items and lead times. */
export function alertsFor(items: DueItem[], leads: number[], now: number, en: boolean): Alert[] {
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

async function poll(): Promise<boolean> {
  if (!api.hasToken()) return false;
  try {
    const cfg = await api.send('reports.config', {});
    const items = await api.send('reports.due', { horizonHours: Math.max(1, Math.ceil(Math.max(...cfg.alertLeadMinutes, 60) / 60)) });
    for (const a of alertsFor(items, cfg.alertLeadMinutes, Date.now(), i18n.language === 'en')) raise(a);
    return true;
  } catch (e) {
    return !(e instanceof ApiCallError && (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN'));
  }
}

export function startReportAlerts(stationTimeZone?: string) {
  if (stationTimeZone) timeZone = stationTimeZone;
  if (started) return;
  started = true;
  const tick = async () => {
    if (!(await poll())) {
      started = false;
      return;
    }
    setTimeout(tick, 30_000);
  };
  void tick();
}
