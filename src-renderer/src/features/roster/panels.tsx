import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { ShiftPeople } from './OnDuty';
import './roster.css';

/** Duty board: who is on duty now (with phones), the next shift, and the time left to handover. */
export function OnDutyNowPanel() {
  const { t } = useTranslation('roster');
  const { station } = useSession();
  // One roster.now per board: both roster panels share this cached read (refreshed by the board policy).
  const { data } = useApiQuery('roster.now');
  if (!data) return null;
  const left = data.current ? Math.max(0, data.current.endAt - Date.now()) : 0;
  return (
    <div data-testid="board-on-duty">
      {data.current ? (
        <>
          <div className="small muted">
            {data.current.shiftName} {formatDateTime(data.current.startAt, station.timeZone)} – {formatDateTime(data.current.endAt, station.timeZone)}
          </div>
          <ShiftPeople shift={data.current} />
          <div className="countdown" data-testid="to-handover">
            {t('board.left', { h: Math.floor(left / 3_600_000), m: Math.floor((left % 3_600_000) / 60_000) })}
          </div>
        </>
      ) : (
        <div className="muted">{t('duty.none')}</div>
      )}
      {data.next ? (
        <>
          <div className="small" style={{ marginTop: 6 }}>
            {t('board.nextShift', { name: data.next.shiftName, at: formatDateTime(data.next.startAt, station.timeZone) })}
          </div>
          <div className="small muted">{data.next.people.map((p) => `${p.positionName} ${p.name} ${p.mobile}`).join('；')}</div>
        </>
      ) : null}
    </div>
  );
}

export function HandoverPanel() {
  const { t } = useTranslation('roster');
  const { data } = useApiQuery('roster.now');
  if (!data) return null;
  const st = data.handover?.status ?? 'none';
  return (
    <div data-testid="board-handover">
      <span className={`tag ${st === 'acknowledged' ? 'ok' : st === 'draft' ? 'warn' : ''}`}>{t(`duty.handoverStatus.${st}`)}</span>
      {data.handover?.incomingName ? <span className="small"> {data.handover.incomingName}</span> : null}
      <div className="small muted" style={{ marginTop: 4 }}>
        {data.signIns
          .filter((s) => s.flagged)
          .map((s) => `${s.personName} ${t('duty.flagged')}`)
          .join('；')}
      </div>
      {data.unfiledHolidays.length ? (
        <div className="banner banner-warn small" data-testid="unfiled-holidays">
          {t('board.unfiled', { dates: data.unfiledHolidays.map((h) => `${h.date.slice(5)}${h.name ? ` ${h.name}` : ''}`).join('、') })}
        </div>
      ) : null}
      <a href="#/roster">{t('tabs.duty')} →</a>
    </div>
  );
}
