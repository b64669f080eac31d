import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@contract/index';
import type { IndicatorReport, PlanYear, PlanYearFiguresInput } from '@contract/stats';
import { useSession } from '../../app/session';
import { useApiMutation, useApiQuery } from '../../api/query';
import { ErrorBanner } from '../../ui/Field';
import { errorText } from '../../api/client';

const fmt = (v: number | null, lang: string, digits = 4) => (v == null ? '—' : v.toLocaleString(lang, { maximumFractionDigits: digits }));

/** 规划指标: the plan's seven indicators, each with its formula, baseline, yearly values and light. */
export function Indicators() {
  const { t, i18n } = useTranslation('stats');
  const { user } = useSession();
  const q = useApiQuery('stats.indicators', {});
  const p = q.data;
  if (!p) return <ErrorBanner error={q.error} />;
  const years = p.indicators[0]?.years.map((y) => y.year) ?? [];
  return (
    <div className="stats-body">
      <p className="muted">{t('ind.intro', { from: p.period.from, to: p.period.to, base: p.period.baselineYear })}</p>
      <div className="ind-grid">
        {p.indicators.map((x) => (
          <IndicatorCard key={x.id} x={x} lang={i18n.language} />
        ))}
      </div>
      <section className="card">
        <h3>{t('ind.table')}</h3>
        <table className="stats-table" data-testid="indicator-table">
          <thead>
            <tr>
              <th>{t('ind.name')}</th>
              <th>{p.period.baselineYear}</th>
              {years.map((y) => (
                <th key={y}>{y}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.indicators.map((x) => (
              <tr key={x.id}>
                <td>{t(`ind.${x.id}.name`)}</td>
                <td>{fmt(x.baseline, i18n.language)}</td>
                {x.years.map((y) => (
                  <td key={y.year} title={y.missing.length ? t('ind.missing', { what: y.missing.map((m) => t(`fig.${m}`)).join('、') }) : ''}>
                    {fmt(y.value, i18n.language)}
                    {y.from === 'entered' ? <sup>*</sup> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('ind.enteredNote')}</p>
      </section>
      {can(user, 'stats.planFigures.set') ? <Figures figures={p.figures} years={[p.period.baselineYear, ...years]} /> : null}
    </div>
  );
}

function IndicatorCard({ x, lang }: { x: IndicatorReport; lang: string }) {
  const { t } = useTranslation('stats');
  const target = x.kind === 'reduce' ? t('ind.targetReduce', { n: x.target }) : t('ind.targetBelow', { n: x.target.toLocaleString(lang) });
  const current =
    x.current == null
      ? t('ind.noValue')
      : x.kind === 'reduce'
        ? t('ind.change', { v: `${x.current > 0 ? '+' : ''}${fmt(x.current, lang, 1)}%` })
        : t('ind.average', { v: fmt(x.current, lang) });
  return (
    <div className={`card ind-card light-${x.light}`} data-testid={`indicator-${x.id}`} data-light={x.light}>
      <div className="card-head">
        <h3>{t(`ind.${x.id}.name`)}</h3>
        <span className={`ind-light light-${x.light}`}>{t(`light.${x.light}`)}</span>
      </div>
      <div className="ind-value">{current}</div>
      <div className="muted small">
        {target} · {x.binding ? t('ind.binding') : t('ind.expected')}
      </div>
      <div className="muted small">{t('ind.baseline', { year: x.baselineYear, v: fmt(x.baseline, lang) })}</div>
      <div className="ind-formula small">{t(`ind.${x.id}.formula`)}</div>
    </div>
  );
}

const FIELDS = ['gdp', 'industryEmployees', 'operatingVehicles', 'population', 'productionDeaths', 'industryDeaths', 'vehicleDeaths'] as const;

/** The station's yearly figures (denominators, and published counts for years before its records). */
function Figures({ figures, years }: { figures: PlanYear[]; years: number[] }) {
  const { t } = useTranslation('stats');
  const [year, setYear] = useState(years[years.length - 1]);
  const existing = figures.find((f) => f.year === year);
  const save = useApiMutation('stats.planFigures.set');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const num = (k: string) => {
      const v = String(form.get(k) ?? '').trim();
      return v === '' ? null : Number(v);
    };
    const input = {
      year,
      ...(Object.fromEntries(FIELDS.map((k) => [k, num(k)])) as Omit<PlanYearFiguresInput, 'year' | 'source'>),
      source: String(form.get('source') ?? '').trim() || undefined,
      ...(existing ? { version: existing.version } : {}),
    };
    try {
      await save.mutateAsync(input);
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section className="card">
      <h3>{t('fig.title')}</h3>
      <p className="muted small">{t('fig.intro')}</p>
      <label>
        {t('fig.year')}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <form key={`${year}-${existing?.version ?? 0}`} className="fig-form" onSubmit={submit}>
        {FIELDS.map((k) => (
          <label key={k}>
            {t(`fig.${k}`)}
            <input name={k} inputMode="decimal" defaultValue={existing?.[k] ?? ''} />
          </label>
        ))}
        <label className="wide">
          {t('fig.source')}
          <input name="source" defaultValue={existing?.source ?? ''} placeholder={t('fig.sourceExample')} />
        </label>
        <ErrorBanner error={error} />
        {saved ? <div className="banner banner-ok">{t('fig.saved')}</div> : null}
        <button type="submit" className="primary">
          {t('fig.save')}
        </button>
      </form>
    </section>
  );
}
