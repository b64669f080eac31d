import { createRoot, type Root } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError } from '../../api/client';
import { stageLabel, type DueItem } from '@contract/reports';
import i18n from '../../i18n';
import { DEFAULT_TIME_ZONE } from '@contract/time';
import { span } from './shared';

/**
 * Deadline alerts at the configured lead times. Started by the first reports component that
 * mounts after sign-in (the duty board's panel is on the home screen) and kept running across
 * pages. The desktop (IPC) raises a system notification; web mode shows an in-page alert.
 * Stops when the session ends.
 */
interface Alert { key: string; chainId: string; text: string; overdue: boolean }

const MAX_CARDS = 2;
let started = false;
/** The station's zone: deadlines are shown in it, whatever the PC's clock zone. */
let timeZone = DEFAULT_TIME_ZONE;
let root: Root | null = null;
let alerts: Alert[] = [];
let listeners: ((a: Alert[]) => void)[] = [];
const SEEN = 'watchroom.reports.alerted';
const seen = new Set<string>(JSON.parse(sessionStorage.getItem(SEEN) ?? '[]') as string[]);

function publish() {
  listeners.forEach((l) => l([...alerts]));
}

function raise(a: Alert) {
  if (seen.has(a.key)) return;
  seen.add(a.key);
  sessionStorage.setItem(SEEN, JSON.stringify([...seen].slice(-500)));
  alerts = [...alerts.filter((x) => x.chainId !== a.chainId), a];
  publish();
  if (api.transport === 'ipc' && 'Notification' in window) {
    try {
      new Notification(i18n.t('reports:alert.title'), { body: a.text });
    } catch {
      /* the in-page alert stays */
    }
  }
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
  const el = document.createElement('div');
  el.id = 'report-alerts';
  document.body.appendChild(el);
  root = createRoot(el);
  root.render(<AlertStack />);
  const tick = async () => {
    if (!(await poll())) {
      started = false;
      alerts = [];
      publish();
      root?.unmount();
      el.remove();
      return;
    }
    setTimeout(tick, 30_000);
  };
  void tick();
}

function AlertStack() {
  const { t } = useTranslation('reports');
  const [list, setList] = useState<Alert[]>(alerts);
  useEffect(() => {
    listeners.push(setList);
    return () => {
      listeners = listeners.filter((l) => l !== setList);
    };
  }, []);
  if (!list.length) return null;
  const dismiss = (k: string) => {
    alerts = alerts.filter((a) => a.key !== k);
    publish();
  };
  // A duty room coming back to a backlog must still see the page: at most two cards, the rest
  // folded into one summary card.
  const shown = list.slice(-MAX_CARDS).reverse();
  const hidden = list.length - shown.length;
  const dismissAll = () => {
    alerts = [];
    publish();
  };
  return (
    <div className="report-alerts" role="alert" data-testid="report-alerts">
      {shown.map((a) => (
        <div key={a.key} className={`report-alert${a.overdue ? ' overdue' : ''}`}>
          <strong>{t('alert.title')}</strong>
          <div>{a.text}</div>
          <div className="actions">
            <button className="primary" onClick={() => { location.hash = '#/reports/due'; dismiss(a.key); }}>{t('alert.open')}</button>
            <button onClick={() => dismiss(a.key)}>{t('alert.dismiss')}</button>
          </div>
        </div>
      ))}
      {hidden > 0 ? (
        <div className="report-alert overdue" data-testid="report-alerts-more">
          <strong>{t('alert.more', { n: hidden })}</strong>
          <div className="actions">
            <button className="primary" onClick={() => { location.hash = '#/reports/due'; dismissAll(); }}>{t('alert.openAll')}</button>
            <button onClick={dismissAll}>{t('alert.dismissAll')}</button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
