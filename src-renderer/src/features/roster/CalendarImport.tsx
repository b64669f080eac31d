import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayInfo, NoticePreview } from '@contract/roster';
import { api } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';
import { errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { can } from '@contract/index';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { thisMonth } from './util';
import { docxText } from '@contract/docx-text';

/**
 * The statutory holidays by year and the import of the State Council General Office's notice
 * (issue 15): paste or load the text, choose the year if the text does not name it, preview the
 * year as 12 months, confirm to store.
 */
export function CalendarImport({ initialYear }: { initialYear?: number | null }) {
  const { t } = useTranslation(['roster', 'common']);
  const { station, user } = useSession();
  const canImport = can(user, 'roster.calendar.importNotice');
  const status = useApiQuery('roster.calendar.status', {});
  const [text, setText] = useState('');
  const [year, setYear] = useState<number | null>(initialYear ?? null);
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const md = (date: string) => t('roster:calendar.md', { m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) });
  const thisYear = Number(thisMonth(station.timeZone).slice(0, 4));
  const yearChoices = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

  const loadFile = async (f: File) => {
    setError(null);
    setPreview(null);
    const buf = await f.arrayBuffer();
    if (/\.docx$/i.test(f.name)) {
      const s = await docxText(new Uint8Array(buf));
      if (s === null) setError(t('roster:calendar.docxUnreadable'));
      else setText(s);
      return;
    }
    // Notices saved from the web are UTF-8; older Windows text files are GB18030.
    let s = new TextDecoder('utf-8').decode(buf);
    if (s.includes('\uFFFD')) s = new TextDecoder('gb18030').decode(buf);
    setText(s);
    setPreview(null);
  };

  const doPreview = async () => {
    setError(null);
    setMsg(null);
    try {
      setPreview(await api.send('roster.calendar.previewNotice', { text, year: year ?? undefined }));
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    }
  };

  const doImport = async () => {
    if (!preview) return;
    setError(null);
    try {
      await api.send('roster.calendar.importNotice', { text, year: year ?? undefined });
      setMsg(t('roster:calendar.saved', { year: preview.year }));
      setPreview(null);
      setText('');
      status.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="calendar-import">
      <div className="card" data-testid="calendar-status">
        <h3>{t('roster:calendar.status')}</h3>
        <ErrorBanner error={status.error} />
        {status.data?.missing.map((y) => (
          <div key={y} className="banner banner-warn" data-testid="calendar-missing">
            {t('roster:calendar.missing', { year: y })}
          </div>
        ))}
        <table className="calendar-years">
          <thead>
            <tr>
              <th>{t('roster:calendar.year')}</th>
              <th>{t('roster:calendar.source')}</th>
            </tr>
          </thead>
          <tbody>
            {status.data?.years.map((y) => (
              <tr key={y.year} className={y.source ? '' : 'bad'} data-year={y.year}>
                <td>{y.year}</td>
                <td>
                  {t(`roster:calendar.sources.${y.source ?? 'none'}`)}
                  {y.source === 'station' && y.importedAt ? ` · ${t('roster:calendar.importedBy', { name: y.importedByName ?? '', at: formatDateTime(y.importedAt, station.timeZone) })}` : ''}
                  {y.source === 'district' && y.importedAt ? ` · ${t('roster:calendar.importedAt', { at: formatDateTime(y.importedAt, station.timeZone) })}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card" data-testid="calendar-import">
        <h3>{t('roster:calendar.importTitle')}</h3>
        {!canImport ? <div className="small muted">{t('roster:calendar.noRights')}</div> : null}
        <div className="small muted">{t('roster:calendar.importHelp')}</div>
        <Field label={t('roster:calendar.text')}>
          <textarea
            name="noticeText"
            rows={10}
            value={text}
            disabled={!canImport}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
          />
        </Field>
        <div className="roster-toolbar">
          <label>
            {t('roster:calendar.file')}{' '}
            <input type="file" name="noticeFile" accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" disabled={!canImport} onChange={(e) => e.target.files?.[0] && void loadFile(e.target.files[0])} />
          </label>
          <label>
            {t('roster:calendar.year')}{' '}
            <select name="noticeYear" value={year ?? ''} disabled={!canImport} onChange={(e) => (setYear(e.target.value ? Number(e.target.value) : null), setPreview(null))}>
              <option value="">{t('roster:calendar.yearAuto')}</option>
              {yearChoices.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!canImport || !text.trim()} onClick={() => void doPreview()} data-testid="notice-preview">
            {t('roster:calendar.preview')}
          </button>
        </div>
        <ErrorBanner error={error} />
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        {preview ? (
          <div data-testid="notice-result">
            {preview.replaces ? <div className="banner banner-warn">{t(`roster:calendar.replaces.${preview.replaces}`, { year: preview.year })}</div> : null}
            <ul className="issue-list">
              {preview.festivals.map((f) => (
                <li key={f.name}>{t(f.from === f.to ? 'roster:calendar.festivalDay' : 'roster:calendar.festivalLine', { name: f.name, from: md(f.from), to: md(f.to), days: f.days })}</li>
              ))}
              {preview.days.some((d) => d.kind === 'makeup') ? (
                <li>{t('roster:calendar.makeups', { dates: preview.days.filter((d) => d.kind === 'makeup').map((d) => md(d.date)).join('、') })}</li>
              ) : null}
              {preview.advisories.map((a) => (
                <li key={a} className="muted">
                  {t('roster:calendar.advisory', { text: a })}
                </li>
              ))}
            </ul>
            <YearCalendar days={preview.calendar} />
            <button type="button" className="primary" onClick={() => void doImport()} data-testid="notice-confirm">
              {t('roster:calendar.confirm', { year: preview.year })}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}


/** Twelve small months, Monday first; days off and make-up workdays marked. */
export function YearCalendar({ days }: { days: DayInfo[] }) {
  const { t } = useTranslation('roster');
  const weekdays = t('weekday', { returnObjects: true }) as string[];
  const head = [1, 2, 3, 4, 5, 6, 0].map((w) => weekdays[w]);
  const months = Array.from({ length: 12 }, (_, m) => days.filter((d) => Number(d.date.slice(5, 7)) === m + 1));
  return (
    <div>
      <div className="year-legend small">
        <span className="yc-day holiday">1</span> {t('calendar.legendHoliday')} <span className="yc-day makeup">1</span> {t('calendar.legendMakeup')}{' '}
        <span className="yc-day corrected">1</span> {t('calendar.legendCorrected')}
      </div>
      <div className="year-calendar" data-testid="year-calendar">
        {months.map((list, m) => {
          const lead = list.length ? (list[0].weekday + 6) % 7 : 0;
          return (
            <div key={m} className="yc-month">
              <div className="yc-title">{t('calendar.monthName', { m: m + 1 })}</div>
              <div className="yc-grid">
                {head.map((h) => (
                  <span key={h} className="yc-head">
                    {h}
                  </span>
                ))}
                {Array.from({ length: lead }, (_, k) => (
                  <span key={`e${k}`} />
                ))}
                {list.map((d) => (
                  <span
                    key={d.date}
                    className={`yc-day ${d.kind}${d.corrected ? ' corrected' : ''}`}
                    title={[d.kind === 'workday' ? '' : t(`dayKind.${d.kind}`), d.name].filter(Boolean).join(' ')}
                    data-date={d.date}
                    data-kind={d.kind}
                  >
                    {Number(d.date.slice(8, 10))}
                  </span>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
