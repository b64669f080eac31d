import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/query';
import { useSession } from './session';
import { can } from '@contract/index';
import { formatLocal } from '../features/incidents/shared';

/**
 * The leader's queue (领导待办): everything waiting for the leader on duty, from every module
 * (reports to sign, transfers and write-offs to approve, escalations to acknowledge, warnings to
 * decide), read as one list from board.leaderQueue. The same query feeds the nav count.
 */
export function LeaderQueueList({ limit }: { limit?: number }) {
  const { t } = useTranslation('leader');
  const { station } = useSession();
  const { data } = useApiQuery('board.leaderQueue', {}, { live: true });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  const now = Date.now();
  const rows = limit ? data.slice(0, limit) : data;
  return (
    <ul className="board-list" data-testid="leader-queue">
      {data.length === 0 ? <li className="muted">{t('empty')}</li> : null}
      {rows.map((q) => (
        <li key={`${q.source}|${q.refId}`} className={q.dueAt !== null && q.dueAt < now ? 'overdue' : ''} data-queue-kind={q.kind}>
          <a href={`#${q.route}`}>
            <span className={`tag queue-${q.kind}`}>{t(`kinds.${q.kind}`)}</span> {q.title}
          </a>
          <span className={q.dueAt !== null && q.dueAt < now ? 'bad small' : 'muted small'}>
            {q.dueAt !== null ? t('due', { time: formatLocal(q.dueAt, station.timeZone).slice(5) }) : t('since', { time: formatLocal(q.since, station.timeZone).slice(5) })}
          </span>
        </li>
      ))}
      {limit && data.length > limit ? <li><a href="#/leader">{t('more', { n: data.length - limit })}</a></li> : null}
    </ul>
  );
}

export const LeaderQueuePanel = () => <LeaderQueueList limit={10} />;

export function LeaderQueuePage() {
  const { t } = useTranslation('leader');
  return (
    <div className="page">
      <h1 className="page-title">{t('title')}</h1>
      <section className="card"><LeaderQueueList /></section>
    </div>
  );
}

/** The count beside the nav entry (only for those who may read the queue). */
export function LeaderQueueCount() {
  const { user } = useSession();
  const may = can(user, 'board.leaderQueue');
  const { data } = useApiQuery('board.leaderQueue', {}, { live: true, enabled: may });
  if (!may || !data?.length) return null;
  return <span className="nav-count" data-testid="leader-queue-count">{data.length}</span>;
}
