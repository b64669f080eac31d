import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '@contract/time';
import type { StatsBucket, StatsChart } from '@contract/stats';
import { useSession } from '../../app/session';
import { useApiQuery } from '../../api/query';
import { api, errorText } from '../../api/client';
import { downloadBase64, XLSX_MIME } from '../../ui/download';
import { ErrorBanner } from '../../ui/Field';
import { Chart, type ChartHandle, type ChartOption } from '../../ui/Chart';
import { nameOf, typeIndex, useReference } from '../incidents/shared';
import { Indicators } from './Indicators';
import './stats.css';

const BLUE = '#1f5fa8';
const GREY = '#9aa7b8';
const RED = '#c0392b';
const AMBER = '#d68910';
const GREEN = '#2e7d32';

/** 统计分析: the period's incidents, casualties and losses, and reporting timeliness; 规划指标 in its own tab. */
export function StatsPage() {
  const { t } = useTranslation('stats');
  const [tab, setTab] = useState<'incidents' | 'timeliness' | 'indicators'>('incidents');
  return (
    <div className="page stats-page">
      <h1 className="page-title">{t('title')}</h1>
      <div className="tabs" role="tablist">
        {(['incidents', 'timeliness', 'indicators'] as const).map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => setTab(x)} data-tab={x}>
            {t(`tabs.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'indicators' ? <Indicators /> : <Period tab={tab} />}
    </div>
  );
}

function Period({ tab }: { tab: 'incidents' | 'timeliness' }) {
  const { t, i18n } = useTranslation('stats');
  const { station } = useSession();
  const today = localDate(Date.now(), station.timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [township, setTownship] = useState('');
  const ref = useReference();
  const filter = { from, to, ...(township ? { township } : {}) };
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const towns = ref?.places.filter((p) => p.level === 'township') ?? [];
  const townName = (code: string) => (code ? towns.find((p) => p.code === code)?.name ?? t('unknownPlace') : t('noTownship'));

  return (
    <>
      <div className="stats-filters card">
        <label>
          {t('from')}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('township')}
          <select value={township} onChange={(e) => setTownship(e.target.value)}>
            <option value="">{t('allTownships')}</option>
            {towns.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => window.print()}>{t('print')}</button>
      </div>
      {tab === 'incidents' ? (
        <IncidentCharts filter={filter} enabled={valid} townName={townName} lang={i18n.language} />
      ) : (
        <Timeliness filter={filter} enabled={valid} townName={townName} />
      )}
    </>
  );
}

type Filter = { from: string; to: string; township?: string };

function IncidentCharts({ filter, enabled, townName, lang }: { filter: Filter; enabled: boolean; townName: (c: string) => string; lang: string }) {
  const { t } = useTranslation('stats');
  const q = useApiQuery('stats.incidents', filter, { enabled });
  const ref = useReference();
  const s = q.data;
  const types = useMemo(() => (ref ? typeIndex(ref.tax) : null), [ref]);
  const className = (code: string) => nameOf(lang, ref?.tax.classes.find((c) => c.code === code), code);
  const typeName = (code: string) => {
    const x = types?.get(code);
    return x ? nameOf(lang, x) : code;
  };
  const gradeName = (g: string) => (g ? t(`grade.${g}`) : t('ungraded'));
  const [pick, setPick] = useState<{ label: string; codes: string[] } | null>(null);

  if (!s) return <ErrorBanner error={q.error} />;
  const yoy = (a: number, b: number) => (b === 0 ? (a === 0 ? '—' : t('new')) : `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`);
  const wan = (yuan: number) => (yuan / 10_000).toLocaleString(lang, { maximumFractionDigits: 1 });
  const tiles: [string, number, number, (v: number) => string][] = [
    ['count', s.totals.count, s.lastYear.count, String],
    ['dead', s.totals.dead, s.lastYear.dead, String],
    ['missing', s.totals.missing, s.lastYear.missing, String],
    ['injured', s.totals.injured, s.lastYear.injured, String],
    ['loss', s.totals.loss, s.lastYear.loss, wan],
  ];
  const bar = (rows: StatsBucket[], name: (k: string) => string, horizontal = false): ChartOption => {
    const cat = { type: 'category', data: rows.map((r) => name(r.key)), axisLabel: { interval: 0, width: 110, overflow: 'truncate' } };
    const val = { type: 'value', minInterval: 1 };
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: horizontal ? 120 : 40, right: 20, top: 20, bottom: horizontal ? 30 : 60 },
      xAxis: horizontal ? val : { ...cat, axisLabel: { ...cat.axisLabel, rotate: rows.length > 5 ? 30 : 0 } },
      yAxis: horizontal ? { ...cat, inverse: true } : val,
      series: [{ type: 'bar', name: t('tile.count'), data: rows.map((r) => r.count), itemStyle: { color: BLUE }, barMaxWidth: 36 }],
    };
  };
  const months: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('thisPeriod'), t('lastYear')], top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: t('thisPeriod'), data: s.byMonth.map((m) => m.count), itemStyle: { color: BLUE }, barMaxWidth: 28 },
      { type: 'line', name: t('lastYear'), data: s.byMonth.map((m) => m.lastYear), itemStyle: { color: GREY }, lineStyle: { type: 'dashed' } },
    ],
  };
  const byClass: ChartOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: s.byClass.map((r) => ({ name: className(r.key), value: r.count })), label: { formatter: '{b} {c}' } }],
  };
  // Drill-down: a class slice or a type bar narrows the table to the records behind it.
  const pickClass = (label: string) => {
    const c = ref?.tax.classes.find((x) => nameOf(lang, x) === label);
    if (c) setPick({ label, codes: c.types.map((x) => x.code) });
  };
  const pickType = (label: string) => {
    const code = s.byType.find((r) => typeName(r.key) === label)?.key;
    if (code) setPick({ label, codes: [code] });
  };
  const picked = pick ? s.byType.filter((r) => pick.codes.includes(r.key)) : null;

  return (
    <div className="stats-body">
      <div className="stats-tiles">
        {tiles.map(([k, v, before, fmt]) => (
          <div className="stats-tile card" key={k} data-testid={`tile-${k}`}>
            <span className="muted">{t(`tile.${k}`)}</span>
            <b>{fmt(v)}</b>
            <span className="muted small">
              {t('yoy')} {yoy(v, before)}（{t('lastYearValue', { v: fmt(before) })}）
            </span>
          </div>
        ))}
      </div>
      <div className="stats-grid">
        <Panel title={t('chart.months')} option={months} file="months" data={{ view: 'incidents', filter }} />
        <Panel title={t('chart.classes')} option={byClass} file="classes" data={{ view: 'incidents', filter }} onPick={pickClass} />
        <Panel title={t('chart.grades')} option={bar(s.byGrade, gradeName)} file="grades" data={{ view: 'incidents', filter }} />
        <Panel title={t('chart.townships')} option={bar(s.byTownship, townName, true)} file="townships" data={{ view: 'incidents', filter }} height={Math.max(240, s.byTownship.length * 26 + 60)} />
        <Panel title={t('chart.types')} option={bar(s.byType.slice(0, 12), typeName, true)} file="types" data={{ view: 'incidents', filter }} onPick={pickType} height={Math.max(240, Math.min(12, s.byType.length) * 26 + 60)} />
        <section className="card stats-panel">
          <h3>{pick ? t('drill', { name: pick.label }) : t('table')}</h3>
          <table className="stats-table">
            <thead>
              <tr>
                <th>{t('col.type')}</th>
                <th>{t('tile.count')}</th>
                <th>{t('tile.dead')}</th>
                <th>{t('tile.missing')}</th>
                <th>{t('tile.injured')}</th>
                <th>{t('tile.loss')}</th>
              </tr>
            </thead>
            <tbody>
              {(picked ?? s.byType).map((r) => (
                <tr key={r.key}>
                  <td>{typeName(r.key)}</td>
                  <td>{r.count}</td>
                  <td>{r.dead}</td>
                  <td>{r.missing}</td>
                  <td>{r.injured}</td>
                  <td>{wan(r.loss)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pick ? <button onClick={() => setPick(null)}>{t('showAll')}</button> : null}
        </section>
      </div>
    </div>
  );
}

function Timeliness({ filter, enabled, townName }: { filter: Filter; enabled: boolean; townName: (c: string) => string }) {
  const { t } = useTranslation('stats');
  const q = useApiQuery('stats.timeliness', filter, { enabled });
  const s = q.data;
  if (!s) return <ErrorBanner error={q.error} />;
  const rate = (b: { due: number; onTime: number }) => (b.due ? `${((b.onTime / b.due) * 100).toFixed(1)}%` : '—');
  const stacked = (rows: typeof s.byMonth, name: (k: string) => string): ChartOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((r) => name(r.key)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (
      [
        ['onTime', GREEN],
        ['late', AMBER],
        ['missed', RED],
      ] as const
    ).map(([k, color]) => ({ type: 'bar', stack: 'all', name: t(`tl.${k}`), data: rows.map((r) => r[k]), itemStyle: { color }, barMaxWidth: 32 })),
  });
  return (
    <div className="stats-body">
      <div className="stats-tiles">
        <div className="stats-tile card" data-testid="tile-rate">
          <span className="muted">{t('tl.rate')}</span>
          <b>{rate(s.totals)}</b>
          <span className="muted small">{t('tl.of', { n: s.totals.due })}</span>
        </div>
        {(['onTime', 'late', 'missed'] as const).map((k) => (
          <div className="stats-tile card" key={k}>
            <span className="muted">{t(`tl.${k}`)}</span>
            <b>{s.totals[k]}</b>
          </div>
        ))}
      </div>
      <div className="stats-grid">
        <Panel title={t('chart.tlMonths')} option={stacked(s.byMonth, (k) => k)} file="timeliness-months" data={{ view: 'timeliness', filter }} />
        <Panel title={t('chart.tlTownships')} option={stacked(s.byTownship, townName)} file="timeliness-townships" data={{ view: 'timeliness', filter }} />
      </div>
    </div>
  );
}

/** A chart card with its PNG export and its figures as a workbook (导出数据). */
function Panel(props: { title: string; option: ChartOption; file: StatsChart; data: { view: 'incidents' | 'timeliness'; filter: Filter }; onPick?: (name: string) => void; height?: number }) {
  const { title, option, file, onPick, height } = props;
  const { t } = useTranslation('stats');
  const chart = useRef<ChartHandle>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportData = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.send('stats.export', { ...props.data, chart: file });
      downloadBase64(r.filename, r.base64, XLSX_MIME);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const url = chart.current?.png();
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title}.png`;
    a.click();
  };
  return (
    <section className="card stats-panel" data-chart={file}>
      <div className="card-head">
        <h3>{title}</h3>
        <div className="stats-panel-actions">
          <button className="small" onClick={() => void exportData()} disabled={busy} data-export={file}>
            {t('xlsx')}
          </button>
          <button className="small" onClick={save}>
            {t('png')}
          </button>
        </div>
      </div>
      {error ? <ErrorBanner error={error} /> : null}
      <Chart ref={chart} option={option} onPick={onPick} height={height} label={title} />
    </section>
  );
}
