import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@contract/index';
import type { IncidentDetail } from '@contract/incidents';
import type { NearbyRow } from '@contract/resources';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { ErrorBanner } from '../../ui/Field';
import { askText } from '../../ui/dialog';

/**
 * On an incident's detail: the nearest teams, shelters and warehouses with their phones, and the
 * plans for its class and type. Dispatching a team is written as a 派出 entry of the incident's
 * timeline through the incidents API (this screen calls it; no domain reaches into another).
 */
export function NearbyPanel(props: { incident: IncidentDetail; onChange(d: IncidentDetail): void }) {
  const { t } = useTranslation('resources');
  const { user } = useSession();
  const d = props.incident;
  const q = useApiQuery('resources.forIncident', { lat: d.lat, lng: d.lng, townshipCode: d.townshipCode, classCode: d.classCode, typeCode: d.typeCode });
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const canDispatch = can(user, 'incidents.addEntry') && d.status !== 'closed' && !d.mergedInto;
  const r = q.data;
  const dispatch = async (team: NearbyRow) => {
    const task = await askText({ title: t('near.dispatchTitle', { name: team.name }), label: t('near.dispatchLabel'), multiline: true, required: false, maxLength: 1000 });
    if (task === null) return;
    setErr(null);
    try {
      const body = t('near.dispatchBody', { name: team.name, contact: team.contact ?? '—', phone: team.phone ?? '—', task }).trim();
      props.onChange(await api.send('incidents.addEntry', { id: d.id, kind: 'dispatch', body }));
      setMsg(t('near.dispatched', { name: team.name }));
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const list = (rows: NearbyRow[], withDispatch = false) =>
    rows.length ? (
      <ul>
        {rows.map((x) => (
          <li key={x.id} data-testid={`near-${x.kind}`}>
            <span className="name">{x.name}</span>
            <span className="dist">{x.distanceKm != null ? t('near.km', { km: x.distanceKm.toFixed(1) }) : x.sameTownship ? t('near.sameTownship') : ''}</span>
            <span>
              {x.contact ?? ''} <span className="phone">{x.phone ?? ''}</span>
            </span>
            {withDispatch && canDispatch ? (
              <button type="button" className="small" onClick={() => void dispatch(x)} data-testid="dispatch-team">
                {t('a.dispatch')}
              </button>
            ) : (
              <span />
            )}
            <span className="detail">{[x.townshipName, x.detail].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p className="muted small">{t('near.none')}</p>
    );
  return (
    <section className="card res-near no-print" data-testid="nearby-resources">
      <h3>{t('near.title')}</h3>
      <ErrorBanner error={err ?? q.error} />
      {msg ? <div className="banner banner-ok" role="status">{msg}</div> : null}
      {r ? (
        <>
          <p className="muted small">{t(r.basis === 'coordinates' ? 'near.byCoords' : r.basis === 'township' ? 'near.byTownship' : 'near.noPlace')}</p>
          <h4>{t('near.teams')}</h4>
          {list(r.teams, true)}
          <h4>{t('near.shelters')}</h4>
          {list(r.shelters)}
          <h4>{t('near.warehouses')}</h4>
          {list(r.warehouses)}
          <h4>{t('near.plans')}</h4>
          {r.plans.length ? (
            <ul className="res-plans">
              {r.plans.map((p) => (
                <li key={p.id} data-testid="near-plan">
                  <span className="name">
                    {p.name} <span className="muted small">{p.planVersion} · {p.ownerUnit} · {t(p.match === 'type' ? 'near.matchType' : 'near.matchClass')}</span>
                    {p.reviewState === 'overdue' ? <span className="bad small"> · {t('near.reviewOverdue')}</span> : null}
                  </span>
                  {p.contacts || p.phone ? <span>{[p.contacts, p.phone].filter(Boolean).join(' ')}</span> : null}
                  {p.responseLevels ? <span className="detail">{p.responseLevels}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('near.none')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
