import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '@contract/time';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { formatClock } from '../../ui/format';
import { useNow, useStageLabel } from '../reports/shared';
import './wall.css';

/** How long each panel stays on the wall before the next one. */
export const WALL_ROTATE_MS = 15_000;
const PANELS = ['duty', 'incidents', 'reports', 'materials', 'today'] as const;
type PanelId = (typeof PANELS)[number];

/**
 * 大屏: the duty room's wall screen. Covers the whole window (and the screen, once the browser's
 * full-screen mode is granted), reads from five metres, needs no controls: a strip of headline
 * figures stays up while the panel below rotates every 15 s. Every read follows the board's
 * refresh policy (live). Opened from the nav or directly at #/wall on the wall PC.
 */
export function WallPage() {
  const { t, i18n } = useTranslation('wall');
  const { station } = useSession();
  const now = useNow(1000);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setIndex((i) => (i + 1) % PANELS.length), WALL_ROTATE_MS);
    return () => clearInterval(id);
  }, []);
  // Esc leaves the wall for the duty board (the browser's own full-screen ends on Esc as well).
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.fullscreenElement) location.hash = '#/duty';
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);
  // A click anywhere asks for the screen (browsers grant full screen only on a gesture).
  const full = () => {
    if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  const panel = PANELS[index];
  const clock = formatClock(now, station.timeZone);
  const today = localDate(now, station.timeZone);
  return (
    <div className="wall" data-testid="wall" data-panel={panel} onClick={full} lang={i18n.language}>
      <header className="wall-head">
        <div className="wall-station">{station.name}</div>
        <div className="wall-title">{t('title')}</div>
        <div className="wall-clock" data-testid="wall-clock">
          <span>{clock.date}</span>
          <b>{clock.time}</b>
        </div>
      </header>
      <Headline today={today} />
      <main className="wall-main">
        {panel === 'duty' ? <DutyPanel /> : null}
        {panel === 'incidents' ? <IncidentsPanel /> : null}
        {panel === 'reports' ? <ReportsPanel /> : null}
        {panel === 'materials' ? <MaterialsPanel /> : null}
        {panel === 'today' ? <TodayPanel today={today} /> : null}
      </main>
      <footer className="wall-dots" aria-hidden>
        {PANELS.map((p, i) => (
          <span key={p} className={i === index ? 'on' : ''}>
            {t(`panel.${p}`)}
          </span>
        ))}
      </footer>
    </div>
  );
}

/** The figures that never rotate away: open incidents, reports falling due, overdue, alerts, today's count. */
function Headline({ today }: { today: string }) {
  const { t } = useTranslation('wall');
  const open = useApiQuery('incidents.list', { status: ['received', 'handling'], limit: 10, count: true }, { live: true }).data;
  const due = useDue();
  const alerts = useApiQuery('materials.alerts', undefined, { live: true }).data;
  const stats = useApiQuery('stats.incidents', { from: today, to: today }, { live: true }).data;
  const overdue = due?.filter((d) => d.overdue).length;
  const tiles: [string, number | undefined, string?][] = [
    ['open', open?.total ?? undefined, open?.total ? 'warn' : ''],
    ['due', due?.length],
    ['overdue', overdue, overdue ? 'bad' : ''],
    ['alerts', alerts?.length, alerts?.some((a) => a.severity === 'urgent') ? 'bad' : ''],
    ['today', stats?.totals.count],
  ];
  return (
    <section className="wall-tiles">
      {tiles.map(([k, v, tone]) => (
        <div key={k} className={`wall-tile ${tone ?? ''}`} data-testid={`wall-${k}`}>
          <b>{v ?? '—'}</b>
          <span>{t(`tile.${k}`)}</span>
        </div>
      ))}
    </section>
  );
}

function useDue() {
  const cfg = useApiQuery('reports.config', {}, { live: true }).data;
  return useApiQuery('reports.due', { horizonHours: cfg?.boardHorizonHours }, { enabled: !!cfg, live: true }).data;
}

function Panel({ id, children }: { id: PanelId; children: ReactNode }) {
  const { t } = useTranslation('wall');
  return (
    <section className="wall-panel" data-testid={`wall-panel-${id}`}>
      <h2>{t(`panel.${id}`)}</h2>
      {children}
    </section>
  );
}

function DutyPanel() {
  const { t } = useTranslation('wall');
  const { station } = useSession();
  const data = useApiQuery('roster.now', undefined, { live: true }).data;
  const shift = data?.current;
  return (
    <Panel id="duty">
      {shift ? (
        <>
          <div className="wall-sub">
            {shift.shiftName} {when(shift.startAt, station.timeZone)} – {when(shift.endAt, station.timeZone)}
          </div>
          <ul className="wall-people">
            {shift.people.map((p) => (
              <li key={p.personId + p.positionName}>
                <span className="wall-role">{p.positionName}</span>
                <b>{p.name}</b>
                <span className="wall-phone">{p.mobile || p.officePhone}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="wall-empty">{t('noShift')}</p>
      )}
      {data?.next ? <div className="wall-sub">{t('next', { name: data.next.shiftName, people: data.next.people.map((p) => p.name).join('、') })}</div> : null}
    </Panel>
  );
}

function IncidentsPanel() {
  const { t } = useTranslation('wall');
  const { station } = useSession();
  const data = useApiQuery('incidents.list', { status: ['received', 'handling'], limit: 10, count: true }, { live: true }).data;
  return (
    <Panel id="incidents">
      {data && data.rows.length === 0 ? <p className="wall-empty">{t('noIncidents')}</p> : null}
      <ul className="wall-list">
        {data?.rows.slice(0, 6).map((r) => (
          <li key={r.id}>
            <span className="wall-time">{when(r.receivedAt, station.timeZone)}</span>
            <span className="wall-text">
              {r.townshipName ?? ''} {r.summary}
            </span>
            {r.grade ? <span className={`wall-grade g-${r.grade}`}>{t(`grade.${r.grade}`)}</span> : null}
            <span className="wall-status">{t(`status.${r.status}`)}</span>
          </li>
        ))}
      </ul>
      {data && (data.total ?? 0) > 6 ? <div className="wall-sub">{t('more', { n: (data.total ?? 0) - 6 })}</div> : null}
    </Panel>
  );
}

function ReportsPanel() {
  const { t } = useTranslation('wall');
  const { station } = useSession();
  const sl = useStageLabel();
  const due = useDue();
  const now = useNow(1000);
  return (
    <Panel id="reports">
      {due && due.length === 0 ? <p className="wall-empty">{t('noReports')}</p> : null}
      <ul className="wall-list">
        {due?.slice(0, 6).map((it) => {
          const left = (it.next?.dueAt ?? now) - now;
          return (
            <li key={it.chainId} className={it.overdue || left < 0 ? 'bad' : left < 30 * 60_000 ? 'warn' : ''}>
              <span className="wall-time">{it.next ? when(it.next.dueAt, station.timeZone).slice(6) : ''}</span>
              <span className="wall-text">
                {it.next ? sl(it.next.stage, it.next.seq) : ''} · {it.title}
              </span>
              <span className="wall-status">{left < 0 ? t('overdueBy', { t: span(-left) }) : t('leftTime', { t: span(left) })}</span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

/** "12-02 14:05" in the station's zone (digits read the same in both languages). */
function when(ms: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** 1:05 style (hours:minutes), or minutes alone under an hour. */
function span(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}` : `${m}′`;
}

function MaterialsPanel() {
  const { t } = useTranslation('wall');
  const { t: tm } = useTranslation('materials');
  const data = useApiQuery('materials.alerts', undefined, { live: true }).data;
  const order = { urgent: 0, warn: 1, info: 2 };
  return (
    <Panel id="materials">
      {data && data.length === 0 ? <p className="wall-empty">{t('noAlerts')}</p> : null}
      <ul className="wall-list">
        {[...(data ?? [])]
          .sort((a, b) => order[a.severity] - order[b.severity])
          .slice(0, 6)
          .map((a) => (
            <li key={a.kind + a.refId} className={a.severity === 'urgent' ? 'bad' : a.severity === 'warn' ? 'warn' : ''}>
              <span className="wall-tag">{tm(`alerts.${a.kind}`)}</span>
              <span className="wall-text">{a.text}</span>
            </li>
          ))}
      </ul>
    </Panel>
  );
}

function TodayPanel({ today }: { today: string }) {
  const { t } = useTranslation('wall');
  const s = useApiQuery('stats.incidents', { from: today, to: today }, { live: true }).data;
  const figures: [string, number | undefined][] = [
    ['count', s?.totals.count],
    ['dead', s?.totals.dead],
    ['missing', s?.totals.missing],
    ['injured', s?.totals.injured],
  ];
  return (
    <Panel id="today">
      <div className="wall-figures">
        {figures.map(([k, v]) => (
          <div key={k} data-testid={`wall-today-${k}`}>
            <b>{v ?? '—'}</b>
            <span>{t(`today.${k}`)}</span>
          </div>
        ))}
        <div data-testid="wall-today-loss">
          <b>{s ? (s.totals.loss / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 }) : '—'}</b>
          <span>{t('today.loss')}</span>
        </div>
      </div>
      {s && s.totals.count === 0 ? <p className="wall-sub">{t('quietDay')}</p> : null}
    </Panel>
  );
}
