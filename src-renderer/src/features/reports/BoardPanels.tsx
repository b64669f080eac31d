import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { Countdown, fmt, useStageLabel } from './shared';
import './reports.css';

// Refreshed by the board's one policy (api/query BOARD_REFRESH_MS) and after every save.
/** Reports falling due within the configured horizon (or overdue), with a live countdown. */
export function DueSoonPanel() {
  const { t } = useTranslation('reports');
  const { station } = useSession();
  const sl = useStageLabel();
  const cfg = useApiQuery('reports.config', {}).data;
  const { data } = useApiQuery('reports.due', { horizonHours: cfg?.boardHorizonHours }, { enabled: !!cfg });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <ul className="board-list" data-testid="board-reports-due">
      {data.length === 0 ? <li className="muted">{t('board.none')}</li> : null}
      {data.slice(0, 8).map((it) => (
        <li key={it.chainId} className={it.overdue ? 'overdue' : ''}>
          <a href="#/reports/due">
            {sl(it.next!.stage, it.next!.seq)} · {it.title.slice(0, 22)}
          </a>
          <span className="small">
            <span className="mono muted">{fmt(it.next!.dueAt, station.timeZone).slice(11)}</span> <Countdown dueAt={it.next!.dueAt} />
          </span>
        </li>
      ))}
      {data.length > 8 ? <li><a href="#/reports/due">{t('board.more', { n: data.length })}</a></li> : null}
    </ul>
  );
}

/** For leaders: submitted reports written by someone else, waiting for 签发. */
export function AwaitingSignaturePanel() {
  const { t } = useTranslation('reports');
  const { station } = useSession();
  const { data } = useApiQuery('reports.list', { awaitingSignature: true, limit: 8 });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <ul className="board-list" data-testid="board-reports-sign">
      {data.rows.length === 0 ? <li className="muted">{t('board.none')}</li> : null}
      {data.rows.map((r) => (
        <li key={r.id}>
          <a href={`#/reports/${r.id}`}>
            {r.stageLabel} · {r.title.slice(0, 22)}
          </a>
          <span className="muted small">
            {r.authorName} {fmt(r.submittedAt, station.timeZone).slice(5)}
          </span>
        </li>
      ))}
    </ul>
  );
}
