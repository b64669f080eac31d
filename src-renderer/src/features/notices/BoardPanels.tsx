import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { raise as raiseAlert } from '../../app/alerts/store';
import i18n from '../../i18n';

/** Notices still waiting for receipts (district) or for this station's receipt (township). */
export function OpenNoticesPanel() {
  const { t } = useTranslation('notices');
  const { station } = useSession();
  const { data } = useApiQuery('notices.list', { open: true });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <ul className="board-list" data-testid="board-notices">
      {data.length === 0 ? <li className="muted">{t('board.none')}</li> : null}
      {data.slice(0, 6).map((n) => (
        <li key={n.id} className={n.overdue ? 'overdue' : ''}>
          <a href="#/notices">{n.title.slice(0, 24)}</a>
          <span className="small muted">
            {station.level === 'district' ? t('receiptsOf', { got: n.received, total: n.recipients }) : t('state.toConfirm')}
            {n.receiptDueAt ? ` · ${formatDateTime(n.receiptDueAt, station.timeZone).slice(-5)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Alerts for the shell's alert area: at a township every notice not yet confirmed (urgent once its
 * receipt deadline passed); at the district a notice whose deadline passed with recipients silent.
 */
export function NoticeAlerts() {
  const { station } = useSession();
  const { data } = useApiQuery('notices.list', { open: true }, { live: true });
  useEffect(() => {
    for (const n of data ?? []) {
      const town = station.level !== 'district';
      if (!town && !n.overdue) continue;
      const text = town
        ? i18n.t(n.overdue ? 'notices:alert.townOverdue' : 'notices:alert.town', { title: n.title.slice(0, 30), origin: n.originName })
        : i18n.t('notices:alert.district', { title: n.title.slice(0, 30), n: n.recipients - n.received });
      raiseAlert({ key: `notice|${n.id}|${n.overdue ? 'over' : 'new'}`, group: `notice|${n.id}`, title: 'notices:alert.title', text, urgent: n.overdue, href: '#/notices' });
    }
  }, [data, station.level]);
  return null;
}
