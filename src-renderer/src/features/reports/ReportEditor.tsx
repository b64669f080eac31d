import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, errorText } from '../../api/client';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import {
  fieldInStage, isRequired, sharpChanges, totalsOf, validateReport,
  type FieldValue, type ReportData, type ReportDetail, type ReportTemplate, type Stage, type TemplateField, type ValidationIssue,
} from '@contract/reports';
import type { Place } from '@contract/station';
import { Countdown, downloadBase64, fmt, fromLocalInput, go, toLocalInput, useIssueText, useStageLabel, useTemplates } from './shared';
import { SendDialog } from './SendDialog';
import { ReportPhotos } from './ReportPhotos';
import { askReason } from '../../ui/dialog';

export function ReportEditor({ id }: { id: string }) {
  const { t, i18n } = useTranslation('reports');
  const { user, station } = useSession();
  const templates = useTemplates();
  const issueText = useIssueText();
  const sl = useStageLabel();
  const [d, setD] = useState<ReportDetail | null>(null);
  const [data, setData] = useState<ReportData | null>(null);
  const [explanation, setExplanation] = useState('');
  const [threshold, setThreshold] = useState(0.5);
  const [places, setPlaces] = useState<Place[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const en = i18n.language === 'en';

  // The report on screen. A fetch that answers after the user moved on (or after a write already
  // put the newer copy on screen) must not overwrite what they have typed since.
  const shown = useRef<string | null>(null);
  const load = (v?: ReportDetail) => {
    const want = id;
    const p = v ? Promise.resolve(v) : api.send('reports.get', { id });
    return p.then(
      (r) => {
        if (!v && (want !== idRef.current || shown.current === r.id)) return;
        shown.current = r.id;
        setD(r);
        setData(structuredClone(r.data));
        setExplanation(r.explanation ?? '');
        setServerIssues({});
      },
      (e: unknown) => setErr(errorText(e)),
    );
  };
  const idRef = useRef(id);
  idRef.current = id;
  useEffect(() => {
    // "Next stage" puts the new report on screen from the create reply before the address changes.
    if (shown.current !== id) void load();
    void api.send('reports.config').then((c) => setThreshold(c.sharpChangeThreshold));
    void api.send('station.places').then(setPlaces);
  }, [id]);

  const tpl: ReportTemplate | undefined = useMemo(() => templates?.find((x) => x.id === d?.templateId), [templates, d]);
  const editable = d?.status === 'draft' && can(user, 'reports.update');
  const issues: ValidationIssue[] = useMemo(() => {
    if (!tpl || !d || !data) return [];
    return validateReport(tpl, d.stage, data, { complete: true, previous: d.previous?.data ?? null, threshold, explanation });
  }, [tpl, d, data, threshold, explanation]);
  const sharp = useMemo(() => (tpl && d && data ? sharpChanges(tpl, data, d.previous?.data ?? null, threshold) : []), [tpl, d, data, threshold]);
  const byPath = useMemo(() => {
    const m: Record<string, string> = { ...serverIssues };
    for (const i of issues) m[i.path] ??= issueText(i);
    return m;
  }, [issues, serverIssues]);

  if (err && !d) return <ErrorBanner error={err} />;
  if (!d || !data || !tpl) return <div className="muted">{t('common:loading')}</div>;

  const act = async (fn: () => Promise<ReportDetail>, done?: string) => {
    setErr(null);
    setMsg(null);
    try {
      const r = await fn();
      await load(r);
      if (done) setMsg(done);
      return r;
    } catch (e) {
      setErr(errorText(e));
      if (e instanceof ApiCallError) {
        const fe = e.fieldErrors();
        setServerIssues(fe);
      }
      return null;
    }
  };
  const save = () => act(() => api.send('reports.update', { id: d.id, version: d.version, data, explanation: explanation.trim() || null }), t('editor.saved'));
  const submit = async () => {
    const saved = await save();
    if (saved) await act(() => api.send('reports.submit', { id: saved.id, version: saved.version }));
  };
  const ask = (key: string, action: string) => askReason({ title: action, label: t(`prompt.${key}`) });
  const exportAs = async (format: 'docx' | 'xlsx') => {
    try {
      const x = await api.send('reports.export', { id: d.id, format });
      downloadBase64(x.fileName, x.data, x.mime);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const nextStage = async (stage: Stage) => {
    const r = await act(() => api.send('reports.create', { templateId: d.templateId, stage, ...(d.incidentId ? { incidentId: d.incidentId } : { chainId: d.chainId }) }));
    if (r) go(`#/reports/${r.id}`);
  };

  /** '受灾人口：' / '东昌街道 · 受灾人口：' for an issue path. */
  const where = (path: string) => {
    const parts = path.split('.');
    const f = tpl.sections.flatMap((s) => s.fields).find((x) => x.id === parts[parts.length - 1]);
    const town = parts[0] === 'rows' ? `${places.find((p) => p.code === parts[1])?.name ?? parts[1]} · ` : parts[0] === 'totals' ? `${t('editor.total')} · ` : '';
    if (parts[0] === 'explanation') return `${t('editor.explanation')}：`;
    return f ? `${town}${en ? f.labelEn : f.label}：` : '';
  };
  const setField = (f: TemplateField, v: FieldValue) => setData({ ...data, fields: { ...data.fields, [f.id]: v } });
  const isLeader = can(user, 'reports.sign');
  const mine = d.authorId === user.id;
  const townships = places.filter((p) => p.level === 'township');
  const breakdown = new Set(tpl.breakdown?.fields ?? []);

  return (
    <div className="page report-editor" data-status={d.status}>
      <div className="no-print actions">
        <button onClick={() => go('#/reports/list')}>← {t('editor.back')}</button>
      </div>
      <div className="report-doc">
        <div className="doc-title">{en ? tpl.titleEn : tpl.title}</div>
        <div className="doc-stage" data-testid="stage-label">（{sl(d.stage, d.seq)}）</div>
        <div className="doc-meta">
          {t('editor.meta', { unit: d.unit, signer: d.signedByName ?? t('editor.unsigned'), no: d.no ?? t('editor.unnumbered') })}
        </div>
        <div className="doc-rule" />
        <div className="doc-heading">
          {en ? `${sl(d.stage, d.seq)}: ${d.title}` : `关于${d.title}的${d.stageLabel}`}
          <span className={`tag status-${d.status} no-print`} data-testid="status">{t(`status.${d.status}`)}</span>
          {d.late ? <span className="tag late">{t('editor.late')}</span> : null}
        </div>
        {d.correctionReason ? <div className="banner banner-warn">{t('editor.correctionOf', { reason: d.correctionReason })}</div> : null}
        {d.supersededBy ? <div className="banner banner-warn no-print">{t('editor.superseded')}</div> : null}
        {d.returnNote && d.status === 'draft' ? <div className="banner banner-warn no-print">{t('editor.returnNote', { note: d.returnNote })}</div> : null}
        {d.status === 'signed' || d.status === 'sent' ? <div className="banner banner-ok no-print">{t('editor.frozen')}</div> : null}
        {d.lateReason ? <div className="banner banner-error">{t('editor.lateReason', { reason: d.lateReason })}</div> : null}
        {d.stage === 'followup' ? <p className="muted small no-print">{t('editor.onlyChanged')} {d.previous ? t('editor.previous', { stage: d.previous.stageLabel }) : ''}</p> : null}

        {tpl.sections.map((s) => {
          const fields = s.fields.filter((f) => fieldInStage(f, d.stage) && !(breakdown.has(f.id)));
          if (!fields.length) return null;
          return (
            <fieldset key={s.id} className="doc-section" data-section={s.id}>
              <legend>{en ? s.titleEn : s.title}</legend>
              <div className="doc-fields">
                {fields.map((f) => (
                  <FieldInput key={f.id} f={f} stage={d.stage} v={data.fields[f.id]} onChange={(v) => setField(f, v)} disabled={!editable} error={byPath[`fields.${f.id}`]} tz={station.timeZone} en={en}
                    prev={d.previous?.data.fields[f.id]} />
                ))}
              </div>
            </fieldset>
          );
        })}

        {tpl.breakdown ? (
          <Breakdown tpl={tpl} data={data} setData={setData} townships={townships} editable={editable} byPath={byPath} en={en} />
        ) : null}

        {sharp.length || explanation ? (
          <fieldset className="doc-section" data-section="explanation">
            <legend>{t('editor.explanation')}</legend>
            {sharp.length ? (
              <p className="small warn-text">
                {t('editor.explanationHint', { pct: Math.round(threshold * 100) })}{' '}
                {sharp.map((x) => `${x.label} ${x.previous}→${x.current}`).join('，')}
              </p>
            ) : null}
            <label className={`field${byPath.explanation && !explanation.trim() ? ' field-error' : ''}`}>
              <textarea name="explanation" rows={3} value={explanation} disabled={!editable} onChange={(e) => setExplanation(e.target.value)} />
              {byPath.explanation && !explanation.trim() ? <span className="field-msg" role="alert">{byPath.explanation}</span> : null}
            </label>
          </fieldset>
        ) : null}

        {tpl.photos ? (
          <ReportPhotos id={d.id} editable={editable} tz={station.timeZone} onError={setErr} fromIncident={!!d.incidentId}
            needed={data.fields[tpl.photos.when] === true ? tpl.photos.min : null} />
        ) : null}

        {tpl.attachments.length ? (
          <div className="doc-attachments">
            {en ? 'Attachments: ' : '附件：'}
            {tpl.attachments.map((a, i) => `${i + 1}. ${en ? a.labelEn : a.label}`).join('　')}
          </div>
        ) : null}
        <div className="doc-foot">
          {t('col.author')}：{d.authorName}　{d.signedAt ? `${t('col.signer')}：${d.signedByName}（${fmt(d.signedAt, station.timeZone)}）` : ''}
          {d.sentAt ? `　${t('col.sentAt')}：${fmt(d.sentAt, station.timeZone)} · ${t(`via.${d.sentVia}`)} → ${d.sentTo}` : ''}
        </div>
      </div>

      <aside className="report-side no-print">
        <ErrorBanner error={err} />
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        {editable ? (
          <div className={`issues ${issues.length ? 'has' : 'none'}`} data-testid="issues">
            {issues.length ? (
              <>
                <strong>{t('editor.issues')}</strong>
                <ul>
                  {issues.slice(0, 8).map((i, k) => (
                    <li key={k}>
                      {where(i.path)}
                      {issueText(i)}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <span className="ok">✓ {t('editor.noIssues')}</span>
            )}
          </div>
        ) : null}
        <div className="side-actions">
          {editable ? (
            <>
              <button onClick={save} data-testid="save">{t('editor.save')}</button>
              <button className="primary" onClick={submit} data-testid="submit">{t('editor.submit')}</button>
              <button className="danger" onClick={async () => { const r = await ask('void', t('editor.void')); if (r) void act(() => api.send('reports.void', { id: d.id, version: d.version, reason: r })); }}>{t('editor.void')}</button>
            </>
          ) : null}
          {d.status === 'submitted' && isLeader && !mine ? (
            <>
              <button className="primary" onClick={() => act(() => api.send('reports.sign', { id: d.id, version: d.version }))} data-testid="sign">{t('editor.sign')}</button>
              <button onClick={async () => { const r = await ask('returnNote', t('editor.return')); if (r) void act(() => api.send('reports.returnToDraft', { id: d.id, version: d.version, note: r })); }}>{t('editor.return')}</button>
            </>
          ) : null}
          {(d.status === 'signed' || d.status === 'sent') && can(user, 'reports.send') ? (
            <>
              <button className={d.status === 'signed' ? 'primary' : ''} onClick={() => setSending(true)} data-testid="send">{t('editor.send')}</button>
              {!d.supersededBy ? <button onClick={async () => { const r = await ask('correct', t('editor.correct')); if (r) void act(() => api.send('reports.correct', { id: d.id, reason: r })).then((x) => x && go(`#/reports/${x.id}`)); }}>{t('editor.correct')}</button> : null}
            </>
          ) : null}
          {tpl.export.formats.includes('docx') ? <button onClick={() => exportAs('docx')} data-testid="export-docx">{t('editor.docx')}</button> : null}
          {tpl.export.formats.includes('xlsx') ? <button onClick={() => exportAs('xlsx')} data-testid="export-xlsx">{t('editor.xlsx')}</button> : null}
          <button onClick={() => window.print()} title={t('editor.printHint')}>{t('editor.print')}</button>
        </div>
        <p className="muted small">{t('editor.printHint')}</p>
        {d.status === 'sent' && !d.chain.some((c) => (c.stage === 'final' || c.stage === 'verified') && c.status === 'sent') && can(user, 'reports.create') ? (
          <div className="side-actions">
            {tpl.stages.filter((s) => s !== 'initial').map((s) => (
              <button key={s} onClick={() => nextStage(s)} data-testid={`next-${s}`}>{t('editor.next')}：{t(`stage.${s}`)}</button>
            ))}
            {!d.incidentId && tpl.stages.includes('verified') ? (
              <button onClick={() => act(async () => (await api.send('reports.markStable', { chainId: d.chainId }), api.send('reports.get', { id: d.id })))}>{t('editor.markStable')}</button>
            ) : null}
          </div>
        ) : null}
        <h3>{t('editor.dueHere')}</h3>
        <ul className="board-list" data-testid="chain-due">
          {d.due.length === 0 ? <li className="muted">{t('due.none')}</li> : null}
          {d.due.map((o) => (
            <li key={`${o.ruleId}${o.seq}${o.channel}`}>
              <span>{en ? o.labelEn : o.label}{o.unconfirmed ? <span className="tag unconfirmed">{t('due.unconfirmed')}</span> : null}</span>
              <span className="mono small">{fmt(o.dueAt, station.timeZone)}</span> <Countdown dueAt={o.dueAt} />
            </li>
          ))}
        </ul>
        <h3>{t('editor.chain')}</h3>
        <ul className="board-list">
          {d.chain.map((c) => (
            <li key={c.id} className={c.id === d.id ? 'current' : ''}>
              <a href={`#/reports/${c.id}`}>{c.stageLabel}</a> <span className={`tag status-${c.status}`}>{t(`status.${c.status}`)}</span>
              <span className="mono small">{fmt(c.sentAt, station.timeZone)}</span>
            </li>
          ))}
        </ul>
        {d.status === 'signed' || d.status === 'sent' ? <Archives id={d.id} version={d.version} tz={station.timeZone} onError={setErr} /> : null}
      </aside>
      {sending ? <SendDialog d={d} onClose={() => setSending(false)} onSent={(r) => { setSending(false); void load(r); }} /> : null}
    </div>
  );
}

/** The archived copies (as signed, as each time sent): a reprint is the stored document, never a re-render. */
function Archives({ id, version, tz, onError }: { id: string; version: number; tz: string; onError(e: string): void }) {
  const { t } = useTranslation('reports');
  const [list, setList] = useState<{ id: string; event: 'signed' | 'sent'; fileName: string; sha256: string; byName: string; createdAt: number }[]>([]);
  useEffect(() => {
    void api.send('reports.archives', { id }).then(setList, (e: unknown) => onError(errorText(e)));
  }, [id, version]);
  const reprint = async (archiveId: string) => {
    try {
      const x = await api.send('reports.archive', { id: archiveId });
      downloadBase64(x.fileName, x.data, x.mime);
    } catch (e) {
      onError(errorText(e));
    }
  };
  return (
    <>
      <h3>{t('editor.archives')}</h3>
      <ul className="board-list" data-testid="report-archives">
        {list.map((a) => (
          <li key={a.id}>
            <span>{t(`editor.archive.${a.event}`)} · {a.byName}</span>
            <span className="mono small">{fmt(a.createdAt, tz)}</span>
            <span className="mono small" title={t('editor.archiveHash', { hash: a.sha256 })}>SHA-256 {a.sha256.slice(0, 12)}…</span>
            <button type="button" onClick={() => void reprint(a.id)}>{t('editor.reprint')}</button>
          </li>
        ))}
      </ul>
    </>
  );
}

function FieldInput(props: { f: TemplateField; stage: Stage; v: FieldValue | undefined; onChange(v: FieldValue): void; disabled: boolean; error?: string; tz: string; en: boolean; prev?: FieldValue }) {
  const { f, v, onChange, disabled, error, tz, en } = props;
  const label = `${en ? f.labelEn : f.label}${f.unit ? `（${f.unit}）` : ''}${isRequired(f, props.stage) ? ' *' : ''}`;
  let input;
  const common = { name: f.id, disabled, 'aria-invalid': !!error };
  switch (f.type) {
    case 'textarea':
      input = <textarea {...common} rows={3} value={(v as string) ?? ''} onChange={(e) => onChange(e.target.value || null)} />;
      break;
    case 'integer':
    case 'decimal':
      input = (
        <input {...common} type="number" step={f.type === 'integer' ? 1 : 10 ** -(f.decimals ?? 2)} value={v === null || v === undefined ? '' : String(v)}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />
      );
      break;
    case 'datetime':
      input = <input {...common} type="datetime-local" value={toLocalInput(v as number | null, tz)} onChange={(e) => onChange(fromLocalInput(e.target.value, tz))} />;
      break;
    case 'select':
      input = (
        <select {...common} value={(v as string) ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="" />
          {f.options!.map((o) => (
            <option key={o.value} value={o.value}>{en ? o.labelEn : o.label}</option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      input = <input {...common} type="checkbox" checked={v === true} onChange={(e) => onChange(e.target.checked)} />;
      break;
    default:
      input = <input {...common} type="text" value={(v as string) ?? ''} onChange={(e) => onChange(e.target.value || null)} />;
  }
  const changed = props.stage === 'followup' && props.prev !== undefined && (props.prev ?? null) !== (v ?? null);
  return (
    <label className={`field f-${f.type}${error ? ' field-error' : ''}${changed ? ' changed' : ''}`} data-field={f.id}>
      <span className="field-label">{label}</span>
      {input}
      {error ? <span className="field-msg" role="alert">{error}</span> : null}
    </label>
  );
}

function Breakdown(props: { tpl: ReportTemplate; data: ReportData; setData(d: ReportData): void; townships: Place[]; editable: boolean; byPath: Record<string, string>; en: boolean }) {
  const { t } = useTranslation('reports');
  const { tpl, data, setData, townships, editable, byPath, en } = props;
  const rows = data.rows ?? {};
  const codes = Object.keys(rows);
  const name = (c: string) => townships.find((p) => p.code === c)?.name ?? c;
  const totals = totalsOf(tpl, data);
  const set = (code: string, id: string, v: string) => {
    const n = v === '' ? null : Number(v);
    setData({ ...data, rows: { ...rows, [code]: { ...rows[code], [id]: n } } });
  };
  return (
    <fieldset className="doc-section breakdown" data-section="breakdown">
      <legend>{en ? 'By township (the statistical unit)' : '分乡镇（街道）填报（乡镇为统计单位）'}</legend>
      <div className="breakdown-scroll">
        <table className="table breakdown-table">
          <thead>
            <tr>
              <th>{t('editor.indicator')}</th>
              <th>{t('editor.unit')}</th>
              {codes.map((c) => (
                <th key={c}>{name(c)}</th>
              ))}
              <th>{t('editor.total')}</th>
            </tr>
          </thead>
          <tbody>
            {tpl.sections.map((s) => {
              const fs = s.fields.filter((f) => tpl.breakdown!.fields.includes(f.id));
              if (!fs.length) return null;
              return [
                <tr key={s.id} className="group">
                  <td colSpan={codes.length + 3}>{en ? s.titleEn : s.title}</td>
                </tr>,
                ...fs.map((f) => (
                  <tr key={f.id} data-indicator={f.id}>
                    <td>{en ? f.labelEn : f.label}</td>
                    <td className="muted">{f.unit}</td>
                    {codes.map((c) => {
                      const err = byPath[`rows.${c}.${f.id}`];
                      return (
                        <td key={c} className={err ? 'cell-error' : ''} title={err}>
                          <input type="number" name={`${c}.${f.id}`} disabled={!editable} step={f.type === 'integer' ? 1 : 10 ** -(f.decimals ?? 2)}
                            value={rows[c][f.id] === null || rows[c][f.id] === undefined ? '' : String(rows[c][f.id])} onChange={(e) => set(c, f.id, e.target.value)} />
                        </td>
                      );
                    })}
                    <td className={`total${byPath[`totals.${f.id}`] ? ' cell-error' : ''}`} title={byPath[`totals.${f.id}`]} data-total={f.id}>{totals[f.id] ?? ''}</td>
                  </tr>
                )),
              ];
            })}
          </tbody>
        </table>
      </div>
      {codes.flatMap((c) => Object.entries(byPath).filter(([k]) => k.startsWith(`rows.${c}.`)).map(([k, m]) => <div key={k} className="field-msg" role="alert">{name(c)}：{m}</div>))}
      {editable ? (
        <select aria-label={t('editor.addTownship')} value="" onChange={(e) => e.target.value && setData({ ...data, rows: { ...rows, [e.target.value]: {} } })} data-testid="add-township">
          <option value="">{t('editor.addTownship')}</option>
          {townships.filter((p) => !codes.includes(p.code)).map((p) => (
            <option key={p.code} value={p.code}>{p.name}</option>
          ))}
        </select>
      ) : null}
    </fieldset>
  );
}
