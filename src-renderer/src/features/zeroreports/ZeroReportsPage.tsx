import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@contract/index';
import { localDate } from '@contract/time';
import { ZERO_PERIOD_KINDS, ZERO_REPORT_DEFAULT_DEADLINE, type ZeroGrid, type ZeroGridCell, type ZeroPeriodRow } from '@contract/zeroreports';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { ErrorBanner, Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { askText } from '../../ui/dialog';
import { useSubmit } from '../../ui/useSubmit';
import './zeroreports.css';

/** 零报告: the district's periods and township × day grid; a township's daily report. */
export function ZeroReportsPage() {
  const { station } = useSession();
  return station.level === 'district' ? <DistrictZero /> : <TownshipZero />;
}

export const cellClass = (c: ZeroGridCell['state']) => `zr-cell zr-${c}`;

function DistrictZero() {
  const { t } = useTranslation('zeroreports');
  const { user } = useSession();
  const periods = useApiQuery('zeroreports.periods.list', {});
  const [pid, setPid] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const list = periods.data ?? [];
  const picked = list.find((p) => p.id === pid) ?? list[0] ?? null;
  return (
    <div className="page" data-testid="zero-district">
      <div className="card-head">
        <h1 className="page-title">{t('title')}</h1>
        {can(user, 'zeroreports.periods.save') ? (
          <button type="button" onClick={() => setAdding(true)} data-testid="zero-new-period">
            {t('newPeriod')}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={periods.error} />
      {adding ? <PeriodForm onDone={(p) => (setAdding(false), p && setPid(p.id))} /> : null}
      {list.length === 0 ? <p className="muted">{t('noPeriods')}</p> : null}
      {list.length ? (
        <div className="tabs">
          {list.map((p) => (
            <button type="button" key={p.id} className={picked?.id === p.id ? 'active' : ''} onClick={() => setPid(p.id)}>
              {p.name}
            </button>
          ))}
        </div>
      ) : null}
      {picked ? <GridView key={picked.id} period={picked} /> : null}
    </div>
  );
}

function GridView({ period }: { period: ZeroPeriodRow }) {
  const { t } = useTranslation('zeroreports');
  const { user, station } = useSession();
  const q = useApiQuery('zeroreports.grid', { periodId: period.id }, { live: true });
  const [sel, setSel] = useState<{ regId: string; day: string } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const g = q.data;
  if (!g) return <div className="muted">{t('common:loading')}</div>;
  const today = localDate(Date.now(), station.timeZone);
  const days = g.days.slice(-10);
  const dayOfSummary = days.includes(today) ? today : days[days.length - 1];
  const makeSummary = async () => {
    setError(null);
    try {
      setSummary((await api.send('zeroreports.summary', { periodId: period.id, day: sel?.day ?? dayOfSummary })).text);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const remind = async (regId: string, day: string, name: string) => {
    setError(null);
    try {
      const note = await askText({ title: t('remindTitle', { name, day }), label: t('remindNote'), required: false, maxLength: 200 });
      if (note !== null) await api.send('zeroreports.remind', { periodId: period.id, regId, day, note: note || undefined });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const selRow = sel ? g.rows.find((r) => r.regId === sel.regId) : null;
  const selCell = selRow?.cells.find((c) => c.day === sel!.day) ?? null;
  return (
    <div data-testid="zero-grid-view">
      <div className="zr-head">
        <span>
          {t(`kind.${period.kind}`)} · {period.startDate} — {period.endDate} · {t('deadlineIs', { time: period.deadline })}
        </span>
        <span className="zr-counts" data-testid="zero-counts">
          <span className={cellClass('onTime')}>{t('state.onTime')} {g.counts.onTime}</span>
          <span className={cellClass('late')}>{t('state.late')} {g.counts.late}</span>
          <span className={cellClass('missing')}>{t('state.missing')} {g.counts.missing}</span>
          <span className={cellClass('pending')}>{t('state.pending')} {g.counts.pending}</span>
        </span>
        <button type="button" onClick={makeSummary} data-testid="zero-summary">
          {t('summary', { day: sel?.day ?? dayOfSummary })}
        </button>
      </div>
      <ErrorBanner error={error ?? q.error} />
      {summary !== null ? (
        <div className="card" data-testid="zero-summary-text">
          <textarea readOnly rows={4} value={summary} />
          <div className="actions">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(summary)}>{t('copy')}</button>
            <button type="button" onClick={() => setSummary(null)}>{t('common:actions.close')}</button>
          </div>
        </div>
      ) : null}
      <div className="zr-scroll">
        <table className="table zr-grid" data-testid="zero-grid">
          <thead>
            <tr>
              <th>{t('township')}</th>
              {days.map((d) => (
                <th key={d} className={d === today ? 'zr-today' : ''}>{d.slice(5)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.rows.length === 0 ? (
              <tr>
                <td colSpan={days.length + 1} className="muted">{t('noTownships')}</td>
              </tr>
            ) : null}
            {g.rows.map((r) => (
              <tr key={r.regId} data-testid="zero-row">
                <td>
                  {r.name}
                  <div className="muted small">{r.deadline !== period.deadline ? t('ownDeadline', { time: r.deadline }) : ''}{r.connected ? '' : t('notConnected')}</div>
                </td>
                {r.cells.filter((c) => days.includes(c.day)).map((c) => (
                  <td key={c.day}>
                    <button
                      type="button"
                      className={`${cellClass(c.state)} ${sel?.regId === r.regId && sel.day === c.day ? 'zr-sel' : ''}`}
                      onClick={() => setSel({ regId: r.regId, day: c.day })}
                      data-testid={`zero-cell-${c.state}`}
                      title={c.report ? `${formatDateTime(c.report.filedAt, station.timeZone)} ${c.report.filedByName}` : ''}
                    >
                      {t(`state.${c.state}`)}
                      {c.report?.content === 'incidents' ? ' ⚠' : ''}
                      {c.reminders ? <span className="zr-rem">{t('remindedN', { n: c.reminders })}</span> : null}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selRow && selCell ? (
        <div className="card zr-detail" data-testid="zero-cell-detail">
          <h3>
            {selRow.name} · {selCell.day} · {t(`state.${selCell.state}`)}
          </h3>
          <div className="muted small">{t('dueAt', { at: formatDateTime(selCell.dueAt, station.timeZone) })}</div>
          {selCell.report ? (
            <div>
              <div>
                {selCell.report.content === 'none' ? t('nothing') : t('incidents', { n: selCell.report.incidents.length })} ·{' '}
                {formatDateTime(selCell.report.filedAt, station.timeZone)} {selCell.report.filedByName}
                {selCell.report.via === 'phone' ? ` · ${t('byPhone', { caller: selCell.report.caller ?? '' })}` : ''}
              </div>
              {selCell.report.incidents.map((i) => (
                <div key={i.no} className="small">{i.no} {i.summary}</div>
              ))}
              {selCell.report.note ? <div className="small">{selCell.report.note}</div> : null}
              {selCell.report.lateReason ? <div className="small bad">{t('lateReasonIs', { reason: selCell.report.lateReason })}</div> : null}
            </div>
          ) : can(user, 'zeroreports.fileFor') ? (
            <>
              <div className="actions">
                <button type="button" onClick={() => void remind(selRow.regId, selCell.day, selRow.name)} data-testid="zero-remind">
                  {t('remind')}
                </button>
              </div>
              <PhoneEntry periodId={period.id} regId={selRow.regId} cell={selCell} />
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function PhoneEntry({ periodId, regId, cell }: { periodId: string; regId: string; cell: ZeroGridCell }) {
  const { t } = useTranslation('zeroreports');
  const [f, setF] = useState({ content: 'none' as 'none' | 'incidents', caller: '', note: '', lateReason: '' });
  const { error, errs, busy, run } = useSubmit();
  const late = Date.now() > cell.dueAt;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(() =>
      api.send('zeroreports.fileFor', { periodId, regId, day: cell.day, content: f.content, caller: f.caller, note: f.note || undefined, lateReason: late ? f.lateReason : undefined }),
    );
  };
  return (
    <form onSubmit={submit} className="zr-form" data-testid="zero-phone">
      <h4>{t('phoneEntry')}</h4>
      <ErrorBanner error={error} />
      <ContentChoice value={f.content} onChange={(content) => setF({ ...f, content })} />
      <div className="row">
        <Field label={t('caller')} error={errs.caller}>
          <input name="caller" value={f.caller} onChange={(e) => setF({ ...f, caller: e.target.value })} maxLength={60} />
        </Field>
        {late ? (
          <Field label={t('lateReason')} error={errs.lateReason}>
            <input name="lateReason" value={f.lateReason} onChange={(e) => setF({ ...f, lateReason: e.target.value })} maxLength={300} />
          </Field>
        ) : null}
      </div>
      <Field label={t('note')} error={errs.note}>
        <textarea name="note" rows={2} value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} maxLength={1000} />
      </Field>
      <button className="primary" type="submit" disabled={busy}>{t('record')}</button>
    </form>
  );
}

function ContentChoice({ value, onChange }: { value: 'none' | 'incidents'; onChange(v: 'none' | 'incidents'): void }) {
  const { t } = useTranslation('zeroreports');
  return (
    <div>
      <label className="check">
        <input type="radio" name="content" checked={value === 'none'} onChange={() => onChange('none')} />
        {t('nothing')}
      </label>
      <label className="check">
        <input type="radio" name="content" checked={value === 'incidents'} onChange={() => onChange('incidents')} />
        {t('hasIncidents')}
      </label>
    </div>
  );
}

function PeriodForm({ onDone }: { onDone(p: ZeroPeriodRow | null): void }) {
  const { t } = useTranslation('zeroreports');
  const { station } = useSession();
  const today = localDate(Date.now(), station.timeZone);
  const [f, setF] = useState({ name: '', kind: 'flood' as (typeof ZERO_PERIOD_KINDS)[number], startDate: today, endDate: today, deadline: ZERO_REPORT_DEFAULT_DEADLINE, note: '' });
  const { error, errs, busy, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let p: ZeroPeriodRow | null = null;
    if (await run(async () => (p = await api.send('zeroreports.periods.save', { ...f, note: f.note || undefined })))) onDone(p);
  };
  return (
    <form className="card" onSubmit={submit} data-testid="zero-period-form">
      <h3>{t('newPeriod')}</h3>
      <p className="muted small">{t('periodHint')}</p>
      <ErrorBanner error={error} />
      <div className="row">
        <Field label={t('f.name')} error={errs.name}>
          <input name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} maxLength={60} />
        </Field>
        <Field label={t('f.kind')} error={errs.kind}>
          <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}>
            {ZERO_PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>{t(`kind.${k}`)}</option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        <Field label={t('f.start')} error={errs.startDate}>
          <input type="date" name="startDate" value={f.startDate} onChange={(e) => setF({ ...f, startDate: e.target.value })} />
        </Field>
        <Field label={t('f.end')} error={errs.endDate}>
          <input type="date" name="endDate" value={f.endDate} onChange={(e) => setF({ ...f, endDate: e.target.value })} />
        </Field>
        <Field label={t('f.deadline')} hint={t('f.deadlineHint')} error={errs.deadline}>
          <input type="time" name="deadline" value={f.deadline} onChange={(e) => setF({ ...f, deadline: e.target.value })} />
        </Field>
      </div>
      <div className="actions">
        <button className="primary" type="submit" disabled={busy} data-testid="zero-period-save">{t('common:actions.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('common:actions.cancel')}</button>
      </div>
    </form>
  );
}

function TownshipZero() {
  const { t } = useTranslation('zeroreports');
  const { station } = useSession();
  const q = useApiQuery('zeroreports.today', {}, { live: true });
  const v = q.data;
  const today = localDate(Date.now(), station.timeZone);
  return (
    <div className="page" data-testid="zero-township">
      <h1 className="page-title">{t('title')}</h1>
      <ErrorBanner error={q.error} />
      {v && v.periods.length === 0 ? <p className="muted">{t('noPeriodsTown')}</p> : null}
      {v?.periods.map(({ period, days }) => {
        const owed = days.filter((d) => !d.report).slice(-7);
        return (
          <div className="card" key={period.id}>
            <h3>
              {period.name} <span className="muted small">{t(`kind.${period.kind}`)} · {period.startDate} — {period.endDate} · {t('deadlineIs', { time: period.myDeadline })}</span>
            </h3>
            <div className="zr-days">
              {days.slice(-10).map((d) => (
                <span key={d.day} className={cellClass(d.state)} title={d.report ? formatDateTime(d.report.filedAt, station.timeZone) : ''}>
                  {d.day.slice(5)} {t(`state.${d.state}`)}
                </span>
              ))}
            </div>
            {owed.length ? <FileForm period={period} days={owed} today={today} prefill={v.prefill[period.id] ?? []} /> : <div className="banner banner-ok">{t('allFiled')}</div>}
          </div>
        );
      })}
    </div>
  );
}

function FileForm({ period, days, today, prefill }: { period: ZeroPeriodRow; days: { day: string; dueAt: number }[]; today: string; prefill: { no: string; summary: string }[] }) {
  const { t } = useTranslation('zeroreports');
  const { user, station } = useSession();
  const [day, setDay] = useState(days.find((d) => d.day === today)?.day ?? days[days.length - 1].day);
  const [f, setF] = useState({ content: (prefill.length ? 'incidents' : 'none') as 'none' | 'incidents', note: '', lateReason: '' });
  const { error, errs, busy, run } = useSubmit();
  const due = days.find((d) => d.day === day)!.dueAt;
  const late = Date.now() > due;
  if (!can(user, 'zeroreports.file')) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.send('zeroreports.file', { periodId: period.id, day, content: f.content, note: f.note || undefined, lateReason: late ? f.lateReason : undefined }))) {
      setF({ content: 'none', note: '', lateReason: '' });
    }
  };
  return (
    <form onSubmit={submit} className="zr-form" data-testid="zero-file">
      <ErrorBanner error={error} />
      <div className="row">
        <Field label={t('day')}>
          <select name="day" value={day} onChange={(e) => setDay(e.target.value)}>
            {days.map((d) => (
              <option key={d.day} value={d.day}>{d.day}</option>
            ))}
          </select>
        </Field>
        <div className={late ? 'bad' : 'muted'}>{t('dueAt', { at: formatDateTime(due, station.timeZone) })}</div>
      </div>
      <ContentChoice value={f.content} onChange={(content) => setF({ ...f, content })} />
      {f.content === 'incidents' ? (
        <div className="small" data-testid="zero-prefill">
          {day === today && prefill.length ? prefill.map((i) => <div key={i.no}>{i.no} {i.summary}</div>) : <span className="muted">{t('noPrefill')}</span>}
        </div>
      ) : null}
      <Field label={t('note')} error={errs.note}>
        <textarea name="note" rows={2} value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} maxLength={1000} />
      </Field>
      {late ? (
        <Field label={t('lateReason')} error={errs.lateReason}>
          <input name="lateReason" value={f.lateReason} onChange={(e) => setF({ ...f, lateReason: e.target.value })} maxLength={300} />
        </Field>
      ) : null}
      <button className="primary" type="submit" disabled={busy} data-testid="zero-submit">{t('submit')}</button>
    </form>
  );
}

export type { ZeroGrid };
