import type { OpenMatter } from '../core/board/types';
import { formatDateTime } from '../contract/time';
import { shellText, type ShellLocale } from './messages';

/**
 * Alerts raised by the main process, so they keep coming with the window closed: reports overdue
 * or falling due, escalations waiting or overdue, urgent materials matters. Each is repeated every
 * `repeatMinutes` until someone acknowledges it (clicks the notification); it stops by itself
 * when the matter is dealt with.
 */
export interface AlertNote {
  key: string;
  title: string;
  body: string;
  /** The renderer's route for the item (location.hash without '#'). */
  route: string;
  overdue: boolean;
}

export interface AlertSource {
  openMatters(now: number): OpenMatter[];
  timeZone(): string;
}

export function alertable(m: OpenMatter): boolean {
  if (m.source === 'reports') return m.severity === 'urgent' || m.severity === 'warn';
  if (m.source === 'incidents') return m.kind === 'overdueEscalation' || m.kind === 'pendingEscalation';
  // A warning's leader and forwarding deadlines (10 / 30 min) alert before they pass, not only after.
  if (m.source === 'warnings') return m.kind === 'warningLeader' || m.kind === 'warningForward';
  return m.severity === 'urgent';
}

export function routeOf(m: OpenMatter): string {
  if (m.source === 'reports') return '/reports/due';
  if (m.source === 'incidents') return `/incidents/${m.refId}`;
  if (m.source === 'materials') return '/materials';
  if (m.source === 'warnings') return `/warnings/${m.refId}`;
  return '/';
}

export function noteFor(m: OpenMatter, now: number, locale: ShellLocale, tz: string): AlertNote {
  const overdue = m.dueAt != null && m.dueAt < now;
  const kind =
    m.source === 'reports' ? (overdue ? 'notify.overdue' : 'notify.due')
    : m.source === 'incidents' ? (overdue ? 'notify.escalationOverdue' : 'notify.escalation')
    : m.source === 'materials' ? 'notify.materials'
    : m.source === 'warnings' ? (overdue ? 'notify.warningOverdue' : 'notify.warning') : 'notify.other';
  const due = m.dueAt != null ? `\n${shellText(locale, 'notify.dueAt', { time: formatDateTime(m.dueAt, tz, locale) })}` : '';
  return {
    key: `${m.source}|${m.kind}|${m.refId}|${m.dueAt ?? ''}`,
    title: `${shellText(locale, 'appName')} · ${shellText(locale, kind)}`,
    body: `${m.title}${due}`,
    route: routeOf(m),
    overdue,
  };
}

export interface AlertLoop {
  /** One pass (the timer calls it; tests may too). Returns the notes raised in this pass. */
  tick(): AlertNote[];
  acknowledge(key: string): void;
  /** Alertable matters open now, and how many are overdue (for the tray). */
  state(): { open: number; overdue: number };
  setRepeatMinutes(m: number): void;
  stop(): void;
}

export function startAlerts(o: {
  source: AlertSource;
  notify(n: AlertNote): void;
  onState?(s: { open: number; overdue: number }): void;
  locale: ShellLocale;
  repeatMinutes: number;
  intervalMs?: number;
  now?: () => number;
  onError?(e: unknown): void;
}): AlertLoop {
  const now = o.now ?? Date.now;
  let repeatMs = o.repeatMinutes * 60_000;
  const lastShown = new Map<string, number>();
  const acked = new Set<string>();
  let st = { open: 0, overdue: 0 };
  const tick = (): AlertNote[] => {
    const t = now();
    let matters: OpenMatter[];
    try {
      matters = o.source.openMatters(t).filter(alertable);
    } catch (e) {
      o.onError?.(e);
      return [];
    }
    const tz = o.source.timeZone();
    const notes = matters.map((m) => noteFor(m, t, o.locale, tz));
    const live = new Set(notes.map((n) => n.key));
    for (const k of [...lastShown.keys()]) if (!live.has(k)) lastShown.delete(k);
    for (const k of [...acked]) if (!live.has(k)) acked.delete(k);
    const raised: AlertNote[] = [];
    for (const n of notes) {
      if (acked.has(n.key)) continue;
      const last = lastShown.get(n.key);
      if (last === undefined || (repeatMs > 0 && t - last >= repeatMs)) {
        lastShown.set(n.key, t);
        raised.push(n);
        o.notify(n);
      }
    }
    const next = { open: notes.length, overdue: notes.filter((n) => n.overdue).length };
    if (next.open !== st.open || next.overdue !== st.overdue) {
      st = next;
      o.onState?.(st);
    }
    return raised;
  };
  const timer = setInterval(tick, o.intervalMs ?? 30_000);
  timer.unref?.();
  const first = setTimeout(tick, 0);
  return {
    tick,
    acknowledge: (k) => acked.add(k),
    state: () => st,
    setRepeatMinutes: (m) => (repeatMs = m * 60_000),
    stop: () => {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
