import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { attentionReason, formatLocal } from './shared';
import './incidents.css';

// Refreshed by the board's one policy (api/query BOARD_REFRESH_MS) and after every save.
export function OpenIncidentsPanel() {
  const { t } = useTranslation('incidents');
  const { station } = useSession();
  const { data } = useApiQuery('incidents.list', { status: ['received', 'handling'], limit: 8, count: true });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <div data-testid="board-open-incidents">
      <div className="muted small">{t('count', { n: data.total ?? 0 })}</div>
      <ul className="board-list">
        {data.rows.length === 0 ? <li className="muted">{t('board.empty')}</li> : null}
        {data.rows.map((r) => (
          <li key={r.id}>
            <a href={`#/incidents/${r.id}`}>
              <span className="mono">{formatLocal(r.receivedAt, station.timeZone).slice(5)}</span> {r.townshipName ?? ''} {r.summary.slice(0, 28)}
            </a>
            {r.grade ? <span className={`tag grade-${r.grade}`}>{t(`gradesShort.${r.grade}`)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Queue({ overdueOnly, testId }: { overdueOnly: boolean; testId: string }) {
  const { t } = useTranslation('incidents');
  const { station } = useSession();
  const { data } = useApiQuery('incidents.queue', { overdueOnly });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <ul className="board-list" data-testid={testId}>
      {data.length === 0 ? <li className="muted">{t('board.empty')}</li> : null}
      {data.slice(0, 10).map((a) => (
        <li key={a.id} className={a.dueAt < Date.now() ? 'overdue' : ''}>
          <a href={`#/incidents/${a.incidentId}`}>
            <span className="mono">{a.incidentNo}</span> {a.incidentSummary.slice(0, 24)}
          </a>
          <span className={a.dueAt < Date.now() ? 'bad small' : 'muted small'}>
            {a.reason === 'new' ? '' : `${attentionReason(t, a.reason)} · `}
            {t('detail.due', { time: formatLocal(a.dueAt, station.timeZone).slice(11) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export const OverdueEscalationsPanel = () => <Queue overdueOnly testId="board-overdue" />;
export const LeaderQueuePanel = () => <Queue overdueOnly={false} testId="board-leader-queue" />;
