import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { LevelTag, mdhm } from './shared';
import './warnings.css';

/** Warnings in force now, most severe first; those still to be passed on are marked. */
export function ActiveWarningsPanel() {
  const { t } = useTranslation('warnings');
  const { station } = useSession();
  const { data } = useApiQuery('warnings.list', { activeOnly: true, limit: 200 });
  if (!data) return <div className="muted">{t('common:loading')}</div>;
  return (
    <ul className="board-list" data-testid="board-active-warnings">
      {data.length === 0 ? <li className="muted">{t('board.empty')}</li> : null}
      {data.slice(0, 8).map((w) => (
        <li key={w.id} className={`warn-band-${w.level}`}>
          <a href={`#/warnings/${w.id}`}>
            <LevelTag level={w.level} /> {w.kind} <span className="muted small">{w.issuer} · {w.areaNames.slice(0, 2).join('、')}</span>
          </a>
          <span className="small">
            {w.leaderNotifiedAt ? '' : <span className="bad">{t('board.leaderDue')} · </span>}
            {t('board.forward', { n: w.notified, m: w.recipients })} · {t('board.receipts', { n: w.confirmed, m: w.recipients })}
            {w.validUntil ? <span className="muted"> · {t('col.valid')} {mdhm(w.validUntil, station.timeZone)}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
