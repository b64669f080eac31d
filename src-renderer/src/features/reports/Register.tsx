import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { STAGES, type Stage } from '@contract/reports';
import { fmt } from './shared';
import { localYear } from '@contract/time';

/** The timeliness register: per month and stage, on time vs late (and deadlines passed with nothing sent), with drill-down. */
export function Register() {
  const { t } = useTranslation('reports');
  const { station } = useSession();
  const [year, setYear] = useState(localYear(Date.now(), station.timeZone));
  const [sel, setSel] = useState<{ month: string; stage: Stage } | null>(null);
  const { data, error } = useApiQuery('reports.register', { year });
  const detail = useApiQuery('reports.registerDetail', sel ?? undefined, { enabled: !!sel });
  const months = [...new Set((data ?? []).map((c) => c.month))];
  const stages = STAGES.filter((s) => (data ?? []).some((c) => c.stage === s));
  return (
    <div data-testid="register">
      <ErrorBanner error={error} />
      <div className="actions">
        <label>
          {t('register.year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[0, 1, 2, 3].map((k) => localYear(Date.now(), station.timeZone) - k).map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </label>
      </div>
      {data && !data.length ? <p className="muted">{t('register.none')}</p> : null}
      {data && data.length ? (
        <table className="table register-table">
          <thead>
            <tr>
              <th>{t('register.month')}</th>
              {stages.map((s) => (
                <th key={s}>{t(`stage.${s}`)}</th>
              ))}
              <th>{t('register.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const cells = data.filter((c) => c.month === m);
              const on = cells.reduce((a, c) => a + c.onTime, 0);
              const all = cells.reduce((a, c) => a + c.onTime + c.late + c.missed, 0);
              return (
                <tr key={m}>
                  <td className="mono">{m}</td>
                  {stages.map((s) => {
                    const c = cells.find((x) => x.stage === s);
                    return (
                      <td key={s}>
                        {c ? (
                          <button className="ghost cell-btn" onClick={() => setSel({ month: m, stage: s })} data-cell={`${m}-${s}`}>
                            <span className="ok">{c.onTime}</span> / <span className="bad">{c.late}</span>
                            {c.missed ? <span className="bad"> +{c.missed}</span> : null}
                          </button>
                        ) : '—'}
                      </td>
                    );
                  })}
                  <td>{all ? `${Math.round((on / all) * 100)}%` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        <span className="ok">{t('register.onTime')}</span> / <span className="bad">{t('register.late')}</span> <span className="bad">+{t('register.missed')}</span>
      </p>
      {sel ? (
        <div className="card" data-testid="register-detail">
          <h3>
            {sel.month} · {t(`stage.${sel.stage}`)} · {t('register.detail')}
          </h3>
          <table className="table">
            <thead>
              <tr>
                <th>{t('col.title')}</th>
                <th>{t('col.stage')}</th>
                <th>{t('register.dueAt')}</th>
                <th>{t('register.metAt')}</th>
                <th>{t('col.late')}</th>
                <th>{t('register.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {(detail.data ?? []).map((r) => (
                <tr key={r.id} className={r.late ? 'late' : ''}>
                  <td>{r.reportId ? <a href={`#/reports/${r.reportId}`}>{r.title.slice(0, 40)}</a> : r.title.slice(0, 40)}</td>
                  <td>{r.stageLabel}</td>
                  <td className="mono">{fmt(r.dueAt, station.timeZone)}</td>
                  <td className="mono">{r.metAt ? fmt(r.metAt, station.timeZone) : <span className="bad">{t('register.missed')}</span>}</td>
                  <td>{r.late ? <span className="tag late">{t('col.late')}</span> : <span className="ok">✓</span>}</td>
                  <td>{r.reason ?? ''}{r.reasonByName ? <span className="muted small">（{r.reasonByName}）</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
