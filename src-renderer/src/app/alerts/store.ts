/**
 * The one list of alerts shown in the shell's alert area (AlertDock). Modules raise alerts here
 * (the reports' deadline poller today); the dock shows the unacknowledged ones, and an alert the
 * person acknowledges (知道了) or handles (处理) moves to the history list, which they can open.
 * Kept for the browser session (sessionStorage), so a reload does not lose what was shown.
 */
export interface AppAlert {
  /** Unique per occurrence: raising the same key twice shows it once. */
  key: string;
  /** Alerts of one matter replace each other (a newer stage supersedes the older one). */
  group: string;
  /** i18n key of the heading (e.g. reports:alert.title). */
  title: string;
  text: string;
  /** Urgent (overdue): plays the sound and flashes the tab title until acknowledged. */
  urgent: boolean;
  /** Where 处理 leads. */
  href: string;
  raisedAt: number;
}
export interface HistoryEntry extends AppAlert { doneAt: number; how: 'ack' | 'handled' | 'superseded' }
export interface AlertState { active: AppAlert[]; history: HistoryEntry[] }

const KEY = 'watchroom.alerts';
const SEEN = 'watchroom.alerts.seen';
const MAX_HISTORY = 200;

function load(): AlertState {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? '') as AlertState;
    if (Array.isArray(s.active) && Array.isArray(s.history)) return s;
  } catch {
    /* nothing saved yet */
  }
  return { active: [], history: [] };
}

let state: AlertState = load();
const seen = new Set<string>(JSON.parse(sessionStorage.getItem(SEEN) ?? '[]') as string[]);
let listeners: ((s: AlertState) => void)[] = [];
let raisedListeners: ((a: AppAlert) => void)[] = [];

function commit(next: AlertState) {
  state = { active: next.active, history: next.history.slice(0, MAX_HISTORY) };
  sessionStorage.setItem(KEY, JSON.stringify(state));
  listeners.forEach((l) => l(state));
}

export function getAlerts(): AlertState {
  return state;
}

export function subscribe(l: (s: AlertState) => void): () => void {
  listeners.push(l);
  return () => {
    listeners = listeners.filter((x) => x !== l);
  };
}

/** Called once for every newly raised alert (the sound). */
export function onRaised(l: (a: AppAlert) => void): () => void {
  raisedListeners.push(l);
  return () => {
    raisedListeners = raisedListeners.filter((x) => x !== l);
  };
}

/** Shows an alert unless this occurrence was already shown in this session. */
export function raise(a: Omit<AppAlert, 'raisedAt'>, now = Date.now()): boolean {
  if (seen.has(a.key)) return false;
  seen.add(a.key);
  sessionStorage.setItem(SEEN, JSON.stringify([...seen].slice(-500)));
  const alert: AppAlert = { ...a, raisedAt: now };
  const superseded = state.active.filter((x) => x.group === a.group);
  commit({
    active: [...state.active.filter((x) => x.group !== a.group), alert],
    history: [...superseded.map((x) => ({ ...x, doneAt: now, how: 'superseded' as const })), ...state.history],
  });
  raisedListeners.forEach((l) => l(alert));
  return true;
}

/** 知道了 / 处理: the alert leaves the area and goes to the history list. */
export function acknowledge(key: string, how: 'ack' | 'handled' = 'ack', now = Date.now()) {
  const hit = state.active.filter((x) => x.key === key);
  if (!hit.length) return;
  commit({ active: state.active.filter((x) => x.key !== key), history: [...hit.map((x) => ({ ...x, doneAt: now, how })), ...state.history] });
}

export function acknowledgeAll(now = Date.now()) {
  commit({ active: [], history: [...state.active.map((x) => ({ ...x, doneAt: now, how: 'ack' as const })), ...state.history] });
}

/** The session ended: nothing of this user's alerts stays on screen for the next one. */
export function clearAlerts() {
  seen.clear();
  sessionStorage.removeItem(SEEN);
  commit({ active: [], history: [] });
}
