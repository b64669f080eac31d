import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '@contract/time';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { raise as raiseAlert } from '../../app/alerts/store';
import i18n from '../../i18n';
import { cellClass } from './ZeroReportsPage';

/** Township: today's zero report per period (standards §6). */
function TownshipPanel() {
  const { t } = useTranslation('zeroreports');
  const { station } = useSession();
  const { data } = useApiQuery('zeroreports.today', {});
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  const today = localDate(Date.now(), station.timeZone);
  const items = data.periods.map((p) => ({ p: p.period, d: p.days.find((x) => x.day === today) })).filter((x) => x.d);
  return (
    <ul className="board-list" data-testid="board-zero">
      {items.length === 0 ? <li className="muted">{t('board.none')}</li> : null}
      {items.map(({ p, d }) => (
        <li key={p.id} className={d!.state === 'missing' ? 'overdue' : ''}>
          <a href="#/zeroreports">{p.name}</a>
          <span className={cellClass(d!.state)}>{t(`state.${d!.state}`)} · {formatDateTime(d!.dueAt, station.timeZone).slice(-5)}</span>
        </li>
      ))}
    </ul>
  );
}

/** District: today's counts of each running period. */
function DistrictPanel() {
  const { t } = useTranslation('zeroreports');
  const { station } = useSession();
  const { data } = useApiQuery('zeroreports.periods.list', {});
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  const today = localDate(Date.now(), station.timeZone);
  const running = data.filter((p) => p.startDate <= today && p.endDate >= today);
  return (
    <ul className="board-list" data-testid="board-zero">
      {running.length === 0 ? <li className="muted">{t('board.none')}</li> : null}
      {running.map((p) => (
        <DistrictLine key={p.id} id={p.id} name={p.name} today={today} />
      ))}
    </ul>
  );
}

function DistrictLine({ id, name, today }: { id: string; name: string; today: string }) {
  const { t } = useTranslation('zeroreports');
  const { data } = useApiQuery('zeroreports.grid', { periodId: id });
  const i = data?.days.indexOf(today) ?? -1;
  const cells = data && i >= 0 ? data.rows.map((r) => r.cells[i]) : [];
  const n = (s: string) => cells.filter((c) => c.state === s).length;
  return (
    <li className={n('missing') ? 'overdue' : ''}>
      <a href="#/zeroreports">{name}</a>
      <span className="small">
        {t('state.onTime')} {n('onTime')} · {t('state.late')} {n('late')} · <b className={n('missing') ? 'bad' : ''}>{t('state.missing')} {n('missing')}</b> · {t('state.pending')} {n('pending')}
      </span>
    </li>
  );
}

export function ZeroReportsPanel() {
  const { station } = useSession();
  return station.level === 'district' ? <DistrictPanel /> : <TownshipPanel />;
}

const LEAD_MS = 60 * 60_000;

/** Alerts: a township's report due within the hour or overdue; at the district, townships missing today. */
export function ZeroReportAlerts() {
  const { station } = useSession();
  const town = station.level !== 'district';
  const today = useApiQuery('zeroreports.today', {}, { live: true, enabled: town });
  const periods = useApiQuery('zeroreports.periods.list', {}, { live: true, enabled: !town });
  useEffect(() => {
    if (!town || !today.data) return;
    const now = Date.now();
    const d0 = localDate(now, station.timeZone);
    for (const { period, days } of today.data.periods) {
      const d = days.find((x) => x.day === d0);
      if (!d || d.report || d.dueAt - now > LEAD_MS) continue;
      const over = d.state === 'missing';
      const time = formatDateTime(d.dueAt, station.timeZone).slice(-5);
      raiseAlert({
        key: `zero|${period.id}|${d0}|${over ? 'over' : 'due'}`,
        group: `zero|${period.id}|${d0}`,
        title: 'zeroreports:alert.title',
        text: i18n.t(over ? 'zeroreports:alert.townOverdue' : 'zeroreports:alert.town', { period: period.name, time }),
        urgent: over,
        href: '#/zeroreports',
      });
    }
  }, [town, today.data, station.timeZone]);
  return town ? null : <>{(periods.data ?? []).map((p) => <DistrictAlert key={p.id} id={p.id} name={p.name} />)}</>;
}

function DistrictAlert({ id, name }: { id: string; name: string }) {
  const { station } = useSession();
  const { data } = useApiQuery('zeroreports.grid', { periodId: id }, { live: true });
  useEffect(() => {
    if (!data) return;
    const d0 = localDate(Date.now(), station.timeZone);
    const i = data.days.indexOf(d0);
    if (i < 0) return;
    const missing = data.rows.filter((r) => r.cells[i].state === 'missing').map((r) => r.name);
    if (!missing.length) return;
    raiseAlert({
      key: `zero|${id}|${d0}|missing|${missing.length}`,
      group: `zero|${id}|${d0}`,
      title: 'zeroreports:alert.title',
      text: i18n.t('zeroreports:alert.district', { period: name, n: missing.length, names: missing.slice(0, 4).join('、') }),
      urgent: true,
      href: '#/zeroreports',
    });
  }, [data, id, name, station.timeZone]);
  return null;
}
