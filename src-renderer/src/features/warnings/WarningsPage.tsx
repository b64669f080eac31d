import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { ErrorBanner } from '../../ui/Field';
import { can } from '@contract/index';
import type { WarningDetail } from '@contract/warnings';
import { IntakeForm } from './IntakeForm';
import { WarningView } from './WarningView';
import { LevelTag, mdhm } from './shared';
import './warnings.css';

/** Route: #/warnings (list), #/warnings/new (intake), #/warnings/<id> (one warning). */
const subRoute = () => location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
const go = (h: string) => (location.hash = h);

export function WarningsPage() {
  const { t } = useTranslation('warnings');
  const { user, station } = useSession();
  const tz = station.timeZone;
  const [sub, setSub] = useState(subRoute());
  const [activeOnly, setActiveOnly] = useState(false);
  const [detail, setDetail] = useState<WarningDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useApiQuery('warnings.list', { activeOnly, limit: 200 }, { enabled: !sub });

  useEffect(() => {
    const on = () => setSub(subRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    setError(null);
    if (!sub || sub === 'new') return setDetail(null);
    let live = true;
    api.send('warnings.get', { id: sub }).then((d) => live && setDetail(d), (e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [sub]);

  return (
    <div className="page warnings-page">
      <div className="row warn-top">
        <h1 className="page-title">{t('title')}</h1>
        {sub ? <button type="button" onClick={() => go('#/warnings')}>← {t('back')}</button> : null}
        {!sub && can(user, 'warnings.create') ? (
          <button type="button" className="primary" onClick={() => go('#/warnings/new')} data-testid="warning-new">{t('new')}</button>
        ) : null}
      </div>
      <ErrorBanner error={error} />
      {sub === 'new' ? <IntakeForm onSaved={(d) => go(`#/warnings/${d.id}`)} /> : null}
      {sub && sub !== 'new' && detail ? <WarningView d={detail} onChange={setDetail} /> : null}
      {!sub ? (
        <section className="card">
          <label className="check"><input type="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} /> {t('activeOnly')}</label>
          <ErrorBanner error={list.error} />
          <table className="table" data-testid="warnings-list">
            <thead>
              <tr>{(['no', 'level', 'kind', 'issuer', 'area', 'received', 'valid', 'leader', 'forward', 'status'] as const).map((c) => <th key={c}>{t(`col.${c}`)}</th>)}</tr>
            </thead>
            <tbody>
              {list.data?.length === 0 ? <tr><td colSpan={10} className="muted">{t('empty')}</td></tr> : null}
              {list.data?.map((w) => (
                <tr key={w.id} className={`warn-row warn-status-${w.status}`}>
                  <td><a href={`#/warnings/${w.id}`} className="mono">{w.no}</a></td>
                  <td><LevelTag level={w.level} /></td>
                  <td>{w.kind}</td>
                  <td>{w.issuer}</td>
                  <td>{w.areaNames.slice(0, 3).join('、')}{w.areaNames.length > 3 ? ` …(${w.areaNames.length})` : ''}</td>
                  <td className="mono">{mdhm(w.receivedAt, tz)}</td>
                  <td className="mono">{w.validUntil ? mdhm(w.validUntil, tz) : ''}</td>
                  <td>{w.leaderNotifiedAt ? <span className="ok">✓ {mdhm(w.leaderNotifiedAt, tz)}</span> : <span className="bad">{t('board.leaderDue')}</span>}</td>
                  <td>{t('board.forward', { n: w.notified, m: w.recipients })} · {t('board.receipts', { n: w.confirmed, m: w.recipients })}</td>
                  <td>{t(`status.${w.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
