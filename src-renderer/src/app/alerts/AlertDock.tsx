import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledge, acknowledgeAll, getAlerts, onRaised, subscribe, type AlertState } from './store';
import { playChime } from './sound';
import './alerts.css';

const FLASH_MS = 1000;

/**
 * The shell's alert area: a strip docked under the page that takes its own room in the layout
 * (the page scrolls above it), so it never covers a form field; dialogs are laid out above it too
 * (--alert-dock-h, see theme.css). Each alert has 处理 (go to it) and 知道了; both move it to the
 * history list. Collapsible, with the count always visible. A new urgent alert plays the chime,
 * and the tab title flashes while an urgent alert is unacknowledged.
 */
export function AlertDock() {
  const { t } = useTranslation();
  const [s, setS] = useState<AlertState>(getAlerts());
  const [open, setOpen] = useState(true);
  const [showHistory, setShowHistory] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => subscribe(setS), []);
  useEffect(
    () =>
      onRaised((a) => {
        if (a.urgent) {
          setOpen(true);
          playChime(true);
        }
      }),
    [],
  );
  // The room the dock takes, for dialogs to stay clear of it.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const set = () => document.documentElement.style.setProperty('--alert-dock-h', `${el.offsetHeight}px`);
    set();
    const ro = new ResizeObserver(set);
    ro.observe(el);
    return () => {
      ro.disconnect();
      document.documentElement.style.removeProperty('--alert-dock-h');
    };
  }, []);
  const urgent = s.active.filter((a) => a.urgent);
  const flashText = urgent.length ? t('alerts.flash', { n: urgent.length }) : '';
  useTitleFlash(flashText);

  const n = s.active.length;
  return (
    <div ref={ref} className={`alert-dock${urgent.length ? ' urgent' : ''}${n ? '' : ' empty'}`} data-testid="alert-dock" role="region" aria-label={t('alerts.area')}>
      <div className="alert-dock-bar">
        <button type="button" className="alert-dock-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="alert-toggle">
          {open ? '▾' : '▸'} {t('alerts.area')} <span className={`alert-count${urgent.length ? ' urgent' : ''}`} data-testid="alert-count">{n}</span>
        </button>
        {!open && n ? <span className="alert-dock-peek">{s.active[s.active.length - 1].text}</span> : null}
        {n === 0 ? <span className="muted small">{t('alerts.none')}</span> : null}
        <span className="alert-dock-spacer" />
        {open && n > 1 ? (
          <button type="button" onClick={() => acknowledgeAll()}>{t('alerts.ackAll')}</button>
        ) : null}
        <button type="button" className="ghost" onClick={() => setShowHistory(!showHistory)} aria-expanded={showHistory} data-testid="alert-history-toggle">
          {t('alerts.history', { n: s.history.length })}
        </button>
      </div>
      {open && n ? (
        <ul className="alert-list" role="alert" data-testid="report-alerts">
          {[...s.active].reverse().map((a) => (
            <li key={a.key} className={`alert-item${a.urgent ? ' urgent' : ''}`}>
              <strong>{t(a.title)}</strong>
              <span className="alert-text">{a.text}</span>
              <span className="actions">
                <button type="button" className="primary" onClick={() => { location.hash = a.href; acknowledge(a.key, 'handled'); }}>{t('alerts.handle')}</button>
                <button type="button" onClick={() => acknowledge(a.key)}>{t('alerts.ack')}</button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {showHistory ? (
        <ul className="alert-list alert-history" data-testid="alert-history">
          {s.history.length === 0 ? <li className="muted">{t('alerts.historyEmpty')}</li> : null}
          {s.history.map((a) => (
            <li key={`${a.key}|${a.doneAt}`} className="alert-item done">
              <span className="mono small">{new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }).format(a.doneAt)}</span>
              <span className="alert-text">{a.text}</span>
              <span className="muted small">{t(`alerts.how.${a.how}`)}</span>
              <a href={a.href}>{t('alerts.handle')}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Alternates the tab title with `text` while it is non-empty; restores the title afterwards. */
function useTitleFlash(text: string) {
  useEffect(() => {
    if (!text) return;
    const base = document.title;
    let on = false;
    const id = setInterval(() => {
      on = !on;
      document.title = on ? text : base;
    }, FLASH_MS);
    return () => {
      clearInterval(id);
      document.title = base;
    };
  }, [text]);
}
