import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellClassParams, ColDef, ColGroupDef } from 'ag-grid-community';
import type { AssignmentRow, GenerateResult, MonthView } from '@contract/roster';
import { api, ApiCallError, errorText } from '../../api/client';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { formatDateTime } from '../../ui/format';
import { colKey, downloadBase64, issueText, issuesByCell, thisMonth } from './util';
import { PrintPortal } from './Print';

type Row = { date: string; weekday: number; kind: string; name: string | null } & Record<string, string | number | null>;
interface Sel {
  date: string;
  shiftId: string;
  positionId: string;
  slot: number;
}

export function MonthRoster() {
  const { t } = useTranslation(['roster', 'common']);
  const { station, user } = useSession();
  const canEdit = can(user, 'roster.month.setCell');
  const [month, setMonth] = useState(thisMonth(station.timeZone));
  const [view, setView] = useState<MonthView | null>(null);
  const { data: loaded, error } = useApiQuery('roster.month.get', { month });
  useEffect(() => {
    if (loaded) setView(loaded);
  }, [loaded]);
  const [sel, setSel] = useState<Sel | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [gen, setGen] = useState<GenerateResult | null>(null);
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const [acceptReason, setAcceptReason] = useState('');
  const [needReason, setNeedReason] = useState(false);
  const [printing, setPrinting] = useState<null | 'all' | 'holidays'>(null);

  const act = async (fn: () => Promise<MonthView | void>, ok?: string) => {
    setActionError(null);
    setMsg(null);
    try {
      const v = await fn();
      if (v) setView(v);
      if (ok) setMsg(ok);
      return true;
    } catch (e) {
      setActionError(errorText(e));
      return false;
    }
  };

  const byCell = useMemo(() => (view ? issuesByCell(view) : new Map()), [view]);
  const assignByCell = useMemo(() => {
    const m = new Map<string, AssignmentRow>();
    for (const a of view?.assignments ?? []) m.set(`${a.date}|${colKey(a.shiftId, a.positionId, a.slot)}`, a);
    return m;
  }, [view]);

  const rows = useMemo<Row[]>(() => {
    if (!view) return [];
    return view.days.map((d) => {
      const r: Row = { date: d.date, weekday: d.weekday, kind: d.kind, name: d.name };
      for (const a of view.assignments) if (a.date === d.date) r[colKey(a.shiftId, a.positionId, a.slot)] = a.personName;
      return r;
    });
  }, [view]);

  const cols = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    if (!view) return [];
    const weekdays = t('roster:weekday', { returnObjects: true }) as string[];
    const cellClass = (p: CellClassParams<Row>) => {
      const key = `${p.data?.date}|${p.colDef.field}`;
      const list = byCell.get(key) as { severity: string }[] | undefined;
      const cls: string[] = [];
      if (list?.some((i) => i.severity === 'error')) cls.push('cell-error');
      else if (list?.length) cls.push('cell-warn');
      const a = assignByCell.get(key);
      if (a && (a.source === 'swap' || a.source === 'substitute')) cls.push('cell-changed');
      if (sel && `${sel.date}|${colKey(sel.shiftId, sel.positionId, sel.slot)}` === key) cls.push('cell-selected');
      return cls;
    };
    const slotCols = view.shifts.map<ColGroupDef<Row>>((s) => ({
      headerName: `${s.name}`,
      children: view.positions.flatMap((p) =>
        Array.from({ length: p.maxCount }, (_, k): ColDef<Row> => ({
          field: colKey(s.id, p.id, k),
          headerName: `${p.name}${p.maxCount > 1 ? k + 1 : ''}`,
          flex: 1,
          minWidth: 96,
          cellClass,
          tooltipValueGetter: (tp) =>
            ((byCell.get(`${tp.data?.date}|${(tp.colDef as ColDef<Row> | undefined)?.field}`) ?? []) as Parameters<typeof issueText>[1][]).map((i) => issueText(t, i)).join('\n') || undefined,
        })),
      ),
    }));
    return [
      { field: 'date', headerName: t('roster:month.date'), width: 92, pinned: 'left', valueFormatter: (p) => String(p.value).slice(5) },
      { field: 'weekday', headerName: t('roster:month.wd'), width: 60, valueFormatter: (p) => weekdays[p.value as number] },
      { field: 'kind', headerName: t('roster:month.kind'), width: 110, valueGetter: (p) => [p.data?.kind === 'workday' ? '' : t(`roster:dayKind.${p.data?.kind}`), p.data?.name].filter(Boolean).join(' ') },
      ...slotCols,
    ];
  }, [view, byCell, assignByCell, sel, t]);

  const people = view?.people ?? [];
  const chosen = picked ?? new Set(people.map((p) => p.id));
  const selAssign = sel ? assignByCell.get(`${sel.date}|${colKey(sel.shiftId, sel.positionId, sel.slot)}`) : undefined;
  const errors = view?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (view?.issues.length ?? 0) - errors;

  const exportXlsx = async (holidaysOnly: boolean) => {
    await act(async () => {
      const x = await api.send('roster.month.exportXlsx', { month, holidaysOnly });
      downloadBase64(x.fileName, x.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    });
  };

  const publish = async () => {
    if (!view) return;
    setActionError(null);
    try {
      setView(await api.send('roster.month.publish', { month, version: view.version, acceptUncoveredReason: acceptReason || undefined }));
      setNeedReason(false);
      setMsg(t('roster:month.status.published'));
    } catch (e) {
      setActionError(errorText(e));
      if (e instanceof ApiCallError && e.code === 'VALIDATION' && !acceptReason) setNeedReason(true);
    }
  };

  const donePrint = useCallback(() => setPrinting(null), []);

  return (
    <div>
      <div className="roster-toolbar">
        <label>
          {t('roster:month.month')}{' '}
          <input type="month" name="month" value={month} onChange={(e) => e.target.value && (setMonth(e.target.value), setSel(null), setGen(null))} />
        </label>
        {view ? (
          <span className={`status ${view.status}`} data-testid="month-status">
            {t(`roster:month.status.${view.status}`)}
          </span>
        ) : null}
        {view ? (
          <span className="small">
            <span className="bad">{t('roster:month.errors', { count: errors })}</span> · <span className="muted">{t('roster:month.warnings', { count: warnings })}</span>
          </span>
        ) : null}
        <span style={{ flex: 1 }} />
        <button type="button" onClick={() => setPrinting('all')} data-testid="print-month">
          {t('roster:month.print')}
        </button>
        <button type="button" onClick={() => setPrinting('holidays')}>
          {t('roster:month.printHolidays')}
        </button>
        <button type="button" onClick={() => void exportXlsx(false)} data-testid="export-xlsx">
          {t('roster:month.xlsx')}
        </button>
        <button type="button" onClick={() => void exportXlsx(true)}>
          {t('roster:month.xlsxHolidays')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {view && (!view.shifts.length || !view.positions.length) ? <div className="banner banner-warn">{t('roster:month.noShifts')}</div> : null}
      {view?.status === 'published' ? (
        <div className="small muted" data-testid="published-info">
          {t('roster:month.publishedBy', { name: view.publishedByName ?? '', at: view.publishedAt ? formatDateTime(view.publishedAt, station.timeZone) : '' })}
          {view.acceptedReason ? ` · ${t('roster:month.accepted', { reason: view.acceptedReason })}` : ''}
        </div>
      ) : null}
      <div className="split">
        <div className="split-main roster-grid">
          <Grid<Row>
            rowData={rows}
            columnDefs={cols}
            getRowId={(p) => p.data.date}
            height={640}
            tooltipShowDelay={200}
            getRowClass={(p) => (p.data ? `row-${p.data.kind}` : '')}
            onCellClicked={(e) => {
              const f = e.colDef.field ?? '';
              if (!f.startsWith('c_') || !e.data) return;
              const [, shiftId, positionId, slot] = f.split('_');
              setSel({ date: e.data.date, shiftId, positionId, slot: Number(slot) });
            }}
          />
        </div>
        <div className="split-side">
          {msg ? <div className="banner banner-ok">{msg}</div> : null}
          <ErrorBanner error={actionError} />
          {sel && view && canEdit ? (
            <CellPanel key={`${sel.date}${sel.shiftId}${sel.positionId}${sel.slot}${selAssign?.id ?? ''}`} view={view} sel={sel} assignment={selAssign} act={act} />
          ) : null}
          <div className="card" data-testid="issues">
            <h3>{t('roster:month.issues')}</h3>
            {view && !view.issues.length ? <div className="ok">{t('roster:month.noIssues')}</div> : null}
            <ul className="issue-list">
              {view?.issues.slice(0, 300).map((i, n) => (
                <li
                  key={n}
                  className={`sev-${i.severity}`}
                  data-code={i.code}
                  onClick={() => {
                    const lp = view.positions.find((p) => p.dutyRole === 'leader');
                    const positionId = i.positionId ?? lp?.id;
                    if (positionId) setSel({ date: i.date, shiftId: i.shiftId, positionId, slot: i.slot ?? 0 });
                  }}
                >
                  {i.date.slice(5)} {view.shifts.length > 1 ? view.shifts.find((s) => s.id === i.shiftId)?.name : ''} {issueText(t, i)}
                </li>
              ))}
            </ul>
          </div>
          {canEdit && view?.status === 'draft' ? (
            <div className="card" data-testid="generate">
              <h3>{t('roster:month.generate')}</h3>
              <div className="small muted">{t('roster:month.generateFor')}</div>
              <div className="people-checks">
                {people.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(p.id)}
                      onChange={(e) => {
                        const s = new Set(chosen);
                        if (e.target.checked) s.add(p.id);
                        else s.delete(p.id);
                        setPicked(s);
                      }}
                    />
                    {p.name}
                  </label>
                ))}
              </div>
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void act(async () => {
                    const r = await api.send('roster.month.generate', { month, personIds: [...chosen] });
                    setGen(r);
                    return r.view;
                  })
                }
              >
                {t('roster:month.generate')}
              </button>
              {gen ? <Explanations gen={gen} view={view} /> : null}
            </div>
          ) : null}
          {canEdit && view?.status === 'draft' ? (
            <div className="card">
              {needReason || errors ? (
                <Field label={t('roster:month.acceptReason')}>
                  <input name="acceptReason" value={acceptReason} onChange={(e) => setAcceptReason(e.target.value)} />
                </Field>
              ) : null}
              <button type="button" className="primary" onClick={() => void publish()} data-testid="publish">
                {t('roster:month.publish')}
              </button>
            </div>
          ) : null}
          {view?.changes.length ? (
            <div className="card" data-testid="changes">
              <h3>{t('roster:month.changes')}</h3>
              <ul className="issue-list">
                {view.changes.map((c) => (
                  <li key={c.id}>
                    {t('roster:month.changeLine', {
                      date: c.dateA + (c.dateB ? ` ⇄ ${c.dateB}` : ''),
                      kind: t(c.kind === 'swap' ? 'roster:month.kindSwap' : 'roster:month.kindSubstitute'),
                      from: c.personFromName,
                      to: c.personToName,
                      reason: c.reason,
                      by: c.approvedByName,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      {printing && view ? (
        <PrintPortal orientation="landscape" onDone={donePrint}>
          <PrintMonth view={view} holidaysOnly={printing === 'holidays'} stationName={station.name} />
        </PrintPortal>
      ) : null}
    </div>
  );
}

function Explanations({ gen, view }: { gen: GenerateResult; view: MonthView }) {
  const { t } = useTranslation('roster');
  const pos = (id: string) => view.positions.find((p) => p.id === id)?.name ?? '';
  return (
    <div data-testid="generate-result">
      <div className="banner banner-ok">{t('month.generated', { filled: gen.filled, kept: gen.kept, unfilled: gen.unfilled })}</div>
      <ul className="issue-list">
        {gen.explanations.slice(0, 200).map((e, n) =>
          e.code === 'unfilled' ? (
            <li key={n} className="sev-error">
              {t('month.unfilled', { date: e.date.slice(5), position: pos(e.positionId) })}
              {Object.entries(e.excluded).map(([why, names]) => (
                <div key={why} className="small muted">
                  {t(`month.excluded.${why}`)}：{names.join('、')}
                </div>
              ))}
            </li>
          ) : (
            <li key={n} className="small">
              {t('month.holidayPick', { date: e.date.slice(5), position: pos(e.positionId), name: e.personName, holidays: e.params?.holidays, last: e.params?.lastHoliday })}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function CellPanel({ view, sel, assignment, act }: { view: MonthView; sel: Sel; assignment?: AssignmentRow; act(fn: () => Promise<MonthView | void>, ok?: string): Promise<boolean> }) {
  const { t } = useTranslation(['roster', 'common']);
  const pos = view.positions.find((p) => p.id === sel.positionId);
  const shift = view.shifts.find((s) => s.id === sel.shiftId);
  const [personId, setPersonId] = useState(assignment?.personId ?? '');
  const [reason, setReason] = useState('');
  const [swapDate, setSwapDate] = useState('');
  const [subId, setSubId] = useState('');
  const fits = view.people.filter((p) => !pos || p.dutyRoles.includes(pos.dutyRole));
  const others = view.people.filter((p) => !fits.includes(p));
  const issues = view.issues.filter((i) => i.date === sel.date && i.shiftId === sel.shiftId && (i.positionId === sel.positionId || (i.code === 'leaderMissing' && pos?.dutyRole === 'leader')) && (i.slot === null || i.slot === sel.slot));
  const swapTarget = view.assignments.find((a) => a.date === swapDate && a.shiftId === sel.shiftId && a.positionId === sel.positionId && a.slot === sel.slot);
  return (
    <div className="card" data-testid="cell-panel">
      <h3>
        {t('roster:month.cell')}: {sel.date.slice(5)} {view.shifts.length > 1 ? shift?.name : ''} {pos?.name}
        {pos && pos.maxCount > 1 ? sel.slot + 1 : ''}
      </h3>
      {issues.map((i, n) => (
        <div key={n} className={i.severity === 'error' ? 'bad small' : 'small'} role="note">
          {issueText(t, i)}
        </div>
      ))}
      {view.status === 'draft' ? (
        <>
          <Field label={t('roster:month.person')}>
            <select name="cellPerson" value={personId} onChange={(e) => setPersonId(e.target.value)}>
              <option value="">{t('roster:month.empty')}</option>
              {fits.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {others.length ? (
                <optgroup label="—">
                  {others.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </Field>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void act(() => api.send('roster.month.setCell', { month: view.month, ...sel, personId: personId || null }))} data-testid="save-cell">
              {t('roster:month.setCell')}
            </button>
            {assignment ? (
              <button type="button" onClick={() => void act(() => api.send('roster.month.setCell', { month: view.month, ...sel, personId: null }))}>
                {t('roster:month.clearCell')}
              </button>
            ) : null}
          </div>
        </>
      ) : assignment ? (
        <>
          <div>
            {t('roster:month.person')}: <b>{assignment.personName}</b>
          </div>
          <Field label={t('roster:month.reason')}>
            <input name="changeReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Field label={t('roster:month.swapWith')}>
            <select name="swapDate" value={swapDate} onChange={(e) => setSwapDate(e.target.value)}>
              <option value="" />
              {view.days
                .filter((d) => d.date !== sel.date)
                .map((d) => {
                  const a = view.assignments.find((x) => x.date === d.date && x.shiftId === sel.shiftId && x.positionId === sel.positionId && x.slot === sel.slot);
                  return a ? (
                    <option key={d.date} value={d.date}>
                      {d.date.slice(5)} {a.personName}
                    </option>
                  ) : null;
                })}
            </select>
          </Field>
          <button type="button" disabled={!swapTarget} onClick={() => swapTarget && void act(() => api.send('roster.month.swap', { assignmentA: assignment.id, assignmentB: swapTarget.id, reason }))} data-testid="do-swap">
            {t('roster:month.swap')}
          </button>
          <Field label={t('roster:month.substituteBy')}>
            <select name="substitute" value={subId} onChange={(e) => setSubId(e.target.value)}>
              <option value="" />
              {fits
                .filter((p) => p.id !== assignment.personId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </Field>
          <button type="button" disabled={!subId} onClick={() => void act(() => api.send('roster.month.substitute', { assignmentId: assignment.id, personId: subId, reason }))} data-testid="do-substitute">
            {t('roster:month.substitute')}
          </button>
        </>
      ) : null}
    </div>
  );
}

export function PrintMonth({ view, holidaysOnly, stationName }: { view: MonthView; holidaysOnly: boolean; stationName: string }) {
  const { t } = useTranslation('roster');
  const weekdays = t('weekday', { returnObjects: true }) as string[];
  const cols = view.shifts.flatMap((s) => view.positions.flatMap((p) => Array.from({ length: p.maxCount }, (_, k) => ({ s, p, k }))));
  const byCell = new Map(view.assignments.map((a) => [`${a.date}|${a.shiftId}|${a.positionId}|${a.slot}`, a]));
  const days = view.days.filter((d) => !holidaysOnly || d.kind === 'holiday');
  const used = [...new Set(view.assignments.map((a) => a.personId))].map((id) => view.people.find((p) => p.id === id)).filter(Boolean);
  return (
    <div>
      <h1>{t(holidaysOnly ? 'month.printHolidayTitle' : 'month.printTitle', { station: stationName, month: view.month })}</h1>
      <table>
        <thead>
          <tr>
            <th style={{ width: '11mm' }}>{t('month.date')}</th>
            <th style={{ width: '11mm' }}>{t('month.wd')}</th>
            <th style={{ width: '20mm' }}>{t('month.kind')}</th>
            {cols.map(({ s, p, k }) => (
              <th key={`${s.id}${p.id}${k}`}>
                {view.shifts.length > 1 ? `${s.name} ` : ''}
                {p.name}
                {p.maxCount > 1 ? k + 1 : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} className={d.kind}>
              <td>{d.date.slice(5)}</td>
              <td>{weekdays[d.weekday]}</td>
              <td>{[d.kind === 'workday' ? '' : t(`dayKind.${d.kind}`), d.name].filter(Boolean).join(' ')}</td>
              {cols.map(({ s, p, k }) => {
                const a = byCell.get(`${d.date}|${s.id}|${p.id}|${k}`);
                return <td key={`${s.id}${p.id}${k}`}>{a ? a.personName + (a.source === 'swap' || a.source === 'substitute' ? '*' : '') : ''}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="foot">
        {used.map((p) => `${p!.name} ${p!.mobile}`).join('　')}
        <br />
        {t('month.printFoot')}
        {view.changes.length ? ` * ${t('month.changes')}：${view.changes.map((c) => `${c.dateA.slice(5)}${c.dateB ? `⇄${c.dateB.slice(5)}` : ''} ${c.personFromName}→${c.personToName}`).join('；')}` : ''}
      </div>
    </div>
  );
}
