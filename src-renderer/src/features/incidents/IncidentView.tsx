import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { GRADES, USER_ENTRY_KINDS, mayAckInApp, type Grade, type IncidentDetail, type IncidentEntry, type Taxonomy } from '@contract/incidents';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { attentionReason, downloadBase64, formatLocal, nameOf, parseLocal, typeIndex } from './shared';
import { NearbyPanel } from '../resources/NearbyPanel';

const CHUNK = 512 * 1024;

async function sha256Hex(buf: ArrayBuffer): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', buf);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
/** Image thumbnails are made here with a canvas (no image library in the main process). */
async function thumbnail(file: File): Promise<string | undefined> {
  if (!file.type.startsWith('image/')) return undefined;
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, 160 / Math.max(bmp.width, bmp.height));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(bmp.width * scale));
    c.height = Math.max(1, Math.round(bmp.height * scale));
    c.getContext('2d')!.drawImage(bmp, 0, 0, c.width, c.height);
    const url = c.toDataURL('image/jpeg', 0.7);
    return url.length < 80_000 ? url : undefined;
  } catch {
    return undefined;
  }
}

export function IncidentView(props: { incident: IncidentDetail; tax: Taxonomy; onChange(d: IncidentDetail): void; onBack(): void }) {
  const { t, i18n } = useTranslation('incidents');
  const { user, station } = useSession();
  const d = props.incident;
  const tz = station.timeZone;
  const lang = i18n.language;
  const types = typeIndex(props.tax);
  const type = types.get(d.typeCode);
  const when = (ms: number | null) => (ms == null ? '—' : formatLocal(ms, tz));
  const canWrite = can(user, 'incidents.addEntry');
  const isLeader = mayAckInApp(user);
  const closed = d.status === 'closed';
  const [error, setError] = useState<string | null>(null);
  const [entry, setEntry] = useState({ kind: 'followup' as (typeof USER_ENTRY_KINDS)[number], body: '', at: '', flag: false });
  const [reason, setReason] = useState('');
  const [leaderName, setLeaderName] = useState('');
  const [grade, setGrade] = useState<Grade | ''>('');
  const [mergeTo, setMergeTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [historyOnly, setHistoryOnly] = useState(false);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [voidReason, setVoidReason] = useState('');

  const run = async (fn: () => Promise<IncidentDetail>) => {
    setError(null);
    setBusy(true);
    try {
      props.onChange(await fn());
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    await run(async () => {
      const buf = await file.arrayBuffer();
      const bytes = new Uint8Array(buf);
      const uploadId = crypto.randomUUID();
      for (let off = 0; off < bytes.length; off += CHUNK) {
        await api.send('incidents.uploadChunk', { uploadId, offset: off, data: toBase64(bytes.subarray(off, off + CHUNK)) });
      }
      return api.send('incidents.attach', {
        id: d.id,
        uploadId,
        name: file.name,
        mime: file.type || 'application/octet-stream',
        size: file.size,
        sha256: await sha256Hex(buf),
        thumb: await thumbnail(file),
      });
    });
  };

  const openAttachment = async (id: string) => {
    try {
      const a = await api.send('incidents.attachment', { id });
      downloadBase64(a.name, a.data, a.mime);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const entryText = (e: IncidentEntry): ReactNode => {
    const data = e.data ?? {};
    if (e.kind === 'status') return `${t(`statuses.${String(data.from)}`)} → ${t(`statuses.${String(data.to)}`)}${e.body ? `：${e.body}` : ''}`;
    if (e.kind === 'grade') return `${data.from ? t(`grades.${String(data.from)}`) : '—'} → ${t(`grades.${String(data.to)}`)}${e.body ? `：${e.body}` : ''}`;
    if (e.kind === 'ack') return `${String(data.leaderName ?? '')}（${t(`via.${String(data.via)}`)}）${e.body ? `：${e.body}` : ''}`;
    if (e.kind === 'merge') return `${data.intoNo ? t('detail.merged', { no: data.intoNo }) : `${String(data.fromNo)} ${t('detail.mergedHere')}`}：${e.body}`;
    if (e.kind === 'correction' || e.kind === 'casualty') {
      const ch = (data.changes ?? {}) as Record<string, [unknown, unknown]>;
      return (
        <>
          {e.body}
          <ul className="changes">
            {Object.entries(ch).map(([k, [a, b]]) => (
              <li key={k}>{t('detail.changes', { field: t(`f.${k.replace('casualties.', '')}`, { defaultValue: k }), from: a ?? '—', to: b ?? '—' })}</li>
            ))}
          </ul>
        </>
      );
    }
    return e.body;
  };

  const c = d.casualties;
  return (
    <div className="incident-view" data-testid="incident-view">
      <div className="incident-toolbar no-print">
        <button type="button" onClick={props.onBack}>
          ← {t('detail.back')}
        </button>
        <button type="button" onClick={() => window.print()} data-testid="print">
          {t('print')}
        </button>
      </div>
      <ErrorBanner error={error} />
      <article className="incident-sheet">
        <h2 className="print-only">{t('sheet.title')}</h2>
        <header className="incident-head">
          <span className="mono big" data-testid="incident-no">{d.no}</span>
          <span className={`tag status-${d.status}`} data-testid="incident-status">{t(`statuses.${d.status}`)}</span>
          {d.grade ? <span className={`tag grade-${d.grade}`} data-testid="incident-grade">{t(`grades.${d.grade}`)}</span> : null}
          {d.flagged ? <span className="tag flag">★</span> : null}
          {d.mergedInto ? <span className="tag">{t('detail.merged', { no: d.mergedInto.slice(0, 8) })}</span> : null}
        </header>
        <p className="incident-summary">{d.summary}</p>
        <dl className="kv incident-kv">
          <dt>{t('f.receivedAt')}</dt>
          <dd>{when(d.receivedAt)} · {t(`sources.${d.source}`)}</dd>
          <dt>{t('f.occurredAt')}</dt>
          <dd>{when(d.occurredAt)}</dd>
          <dt>{t('detail.caller')}</dt>
          <dd>{[d.callerUnit, d.callerName, d.callerTitle, d.callerPhone].filter(Boolean).join(' ') || '—'}</dd>
          <dt>{t('detail.place')}</dt>
          <dd>{[d.townshipName, d.villageName, d.placeText].filter(Boolean).join(' ') || '—'}{d.lat != null ? ` (${d.lat}, ${d.lng})` : ''}</dd>
          <dt>{t('f.type')}</dt>
          <dd>
            {type ? `${lang === 'en' ? type.classEn : type.className} / ${nameOf(lang, type)}` : d.typeCode}
            {d.accidentType ? ` / ${nameOf(lang, props.tax.accidentTypes.find((x) => x.code === d.accidentType))}` : ''}
            {d.industry ? ` / ${nameOf(lang, props.tax.industries.find((x) => x.code === d.industry))}` : ''}
          </dd>
          <dt>{t('f.casualties')}</dt>
          <dd data-testid="incident-casualties">
            {t('f.dead')} {c.dead} · {t('f.injured')} {c.injured}（{t('f.serious')} {c.serious}）· {t('f.missing')} {c.missing} · {t('f.trapped')} {c.trapped} · {t('f.evacuated')} {c.evacuated}
          </dd>
          <dt>{t('f.directLoss')}</dt>
          <dd>{d.directLoss == null ? '—' : d.directLoss / 10_000}</dd>
          <dt>{t('f.measures')}</dt>
          <dd>{d.measures ?? '—'}</dd>
          <dt>{t('f.informed')}</dt>
          <dd>{d.informed ?? '—'}</dd>
          <dt>{t('f.cause')}</dt>
          <dd>{d.cause ?? '—'}</dd>
          <dt>{t('f.result')}</dt>
          <dd>{d.result ?? '—'}</dd>
          <dt>{t('f.impact')}</dt>
          <dd>{d.impact ?? '—'}</dd>
          <dt>{t('f.trend')}</dt>
          <dd>{d.trend ?? '—'}</dd>
          {d.majorNearMiss.length ? (
            <>
              <dt>{t('f.nearMissTitle')}</dt>
              <dd className="bad" data-testid="near-miss">{t('f.nearMiss', { by: d.majorNearMiss.map((b) => t(`nearMissBy.${b}`)).join('、') })}</dd>
            </>
          ) : null}
          <dt>{t('f.grade')}</dt>
          <dd>
            {d.grade ? t(`grades.${d.grade}`) : '—'}
            {d.gradeSuggested ? <span className="muted small"> {t('f.gradeSuggested', { grade: t(`grades.${d.gradeSuggested}`) })}</span> : null}
            {d.missingGrade ? (
              <div className={`small ${d.missingGrade.regradeDue ? 'bad' : 'muted'}`} data-testid="grade-if-missing">
                {t(d.missingGrade.regradeDue ? 'f.regradeDue' : 'f.gradeIfMissingDead', { grade: t(`gradesShort.${d.missingGrade.grade}`), days: d.missingGrade.windowDays })}
              </div>
            ) : null}
          </dd>
          <dt>{t('sheet.recorder')}</dt>
          <dd>{d.createdByName} · {when(d.createdAt)}</dd>
        </dl>

        <h3>{t('detail.attention')}</h3>
        <ul className="attention" data-testid="attention">
          {d.attention.length === 0 ? <li className="muted">{t('detail.none')}</li> : null}
          {d.attention.map((a) => (
            <li key={a.id} className={a.ackedAt ? 'acked' : a.dueAt < Date.now() ? 'overdue' : 'pending'}>
              <span>{attentionReason(t, a.reason)}</span>{' '}
              {a.ackedAt ? (
                <span className="ok">{t('detail.acked', { name: a.leaderName, via: t(`via.${a.ackVia}`) })} {when(a.ackedAt)}</span>
              ) : (
                <>
                  <span className={a.dueAt < Date.now() ? 'bad' : 'muted'}>
                    {t('detail.due', { time: when(a.dueAt) })}
                    {a.dueAt < Date.now() ? ` · ${t('detail.overdue')}` : ''}
                  </span>
                  {canWrite ? (
                    <span className="no-print ack-actions">
                      {isLeader ? (
                        <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.ack', { attentionId: a.id, via: 'app' }))}>
                          {t('detail.ackApp')}
                        </button>
                      ) : null}
                      <input name="leaderName" placeholder={t('detail.leaderName')} value={leaderName} onChange={(e) => setLeaderName(e.target.value)} />
                      <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.ack', { attentionId: a.id, via: 'phone', leaderName }))}>
                        {t('detail.ackPhone')}
                      </button>
                    </span>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>

        <h3 className="timeline-head">
          {t('detail.timeline')}
          <label className="check small no-print">
            <input type="checkbox" name="historyOnly" checked={historyOnly} onChange={(e) => setHistoryOnly(e.target.checked)} />
            {t('detail.history')}
          </label>
        </h3>
        <ol className="timeline" data-testid="timeline">
          {d.entries.filter((e) => !historyOnly || ['correction', 'casualty', 'grade', 'status'].includes(e.kind)).map((e) => (
            <li key={e.id} className={`entry kind-${e.kind}`}>
              <span className="entry-time mono">{when(e.at)}</span>
              <span className="entry-kind">{t(`kinds.${e.kind}`)}</span>
              <span className="entry-body">{entryText(e)}</span>
              <span className="entry-author muted small">{e.authorName}</span>
            </li>
          ))}
        </ol>

        <h3>{t('detail.attachments')}</h3>
        <ul className="attachments">
          {d.attachments.length === 0 ? <li className="muted">{t('detail.none')}</li> : null}
          {d.attachments.map((a) => (
            <li key={a.id}>
              {a.thumb ? <img src={a.thumb} alt="" className="thumb" /> : <span className="thumb file">📄</span>}
              <button type="button" className="ghost link" onClick={() => void openAttachment(a.id)}>
                {a.name}
              </button>
              <span className="muted small">{Math.ceil(a.size / 1024)} KB</span>
              {canWrite && !closed && !d.mergedInto ? (
                voiding === a.id ? (
                  <span className="no-print void-box">
                    <input name="voidReason" placeholder={t('detail.reason')} value={voidReason} onChange={(e) => setVoidReason(e.target.value)} />
                    <button type="button" className="danger" disabled={busy} onClick={() => void run(() => api.send('incidents.voidAttachment', { id: a.id, reason: voidReason })).then((ok) => ok && setVoiding(null))}>
                      {t('detail.void')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="ghost small no-print" onClick={() => (setVoiding(a.id), setVoidReason(''))}>
                    {t('detail.void')}
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
        <MaterialsUsed incidentId={d.id} />
        <p className="print-only small">{t('sheet.printedAt')}: {when(Date.now())}</p>
      </article>

      <div className="incident-side no-print">
      <NearbyPanel incident={d} onChange={props.onChange} />
      {canWrite && !closed && !d.mergedInto ? (
        <section className="card no-print" data-testid="add-entry">
          <h3>{t('detail.addEntry')}</h3>
          <div className="row">
            <Field label={t('detail.entryKind')}>
              <select name="entryKind" value={entry.kind} onChange={(e) => setEntry({ ...entry, kind: e.target.value as typeof entry.kind })}>
                {USER_ENTRY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('detail.entryAt')} hint={t('f.timeHint')}>
              <input name="entryAt" value={entry.at} onChange={(e) => setEntry({ ...entry, at: e.target.value })} placeholder={formatLocal(Date.now(), tz)} />
            </Field>
          </div>
          <Field label={t('detail.entryBody')}>
            <textarea
              name="entryBody"
              rows={2}
              value={entry.body}
              onChange={(e) => setEntry({ ...entry, body: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  (e.currentTarget.closest('section')!.querySelector('button.primary') as HTMLButtonElement).click();
                }
              }}
            />
          </Field>
          <label className="check">
            <input type="checkbox" name="entryFlag" checked={entry.flag} onChange={(e) => setEntry({ ...entry, flag: e.target.checked })} />
            {t('detail.flagEntry')}
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={async () => {
              const at = parseLocal(entry.at, tz);
              const ok = await run(() => api.send('incidents.addEntry', { id: d.id, kind: entry.kind, body: entry.body, flag: entry.flag || undefined, at: at && !Number.isNaN(at) ? at : undefined }));
              if (ok) setEntry({ kind: entry.kind, body: '', at: '', flag: false });
            }}
          >
            {t('detail.append')}
          </button>
        </section>
      ) : null}

      {canWrite && !closed && !d.mergedInto ? <CasualtyUpdate key={d.version} incident={d} run={run} busy={busy} /> : null}

      {canWrite && !d.mergedInto ? (
        <section className="card no-print" data-testid="incident-actions">
          <Field label={t('detail.reason')}>
            <input name="actionReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="actions wrap">
            {!closed ? (
              <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.flag', { id: d.id, reason })).then((ok) => ok && setReason(''))}>
                {t('detail.escalate')}
              </button>
            ) : null}
            {d.status === 'received' ? (
              <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.setStatus', { id: d.id, version: d.version, status: 'handling' }))}>
                {t('detail.toHandling')}
              </button>
            ) : null}
            {!closed ? (
              <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.setStatus', { id: d.id, version: d.version, status: 'closed', reason: reason || undefined }))}>
                {t('detail.close')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void run(() => api.send('incidents.setStatus', { id: d.id, version: d.version, status: 'handling', reason: reason || undefined }))}>
                {t('detail.reopen')}
              </button>
            )}
          </div>
          {!closed ? (
            <>
              <div className="row">
                <Field label={t('detail.setGrade')}>
                  <select name="setGrade" value={grade} onChange={(e) => setGrade(e.target.value as Grade | '')}>
                    <option value="">—</option>
                    {GRADES.map((g) => (
                      <option key={g} value={g}>
                        {t(`grades.${g}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <button type="button" disabled={busy || !grade} onClick={() => grade && void run(() => api.send('incidents.setGrade', { id: d.id, version: d.version, grade, reason }))}>
                  {t('detail.setGrade')}
                </button>
              </div>
              <div className="row">
                <Field label={t('detail.mergeInto')}>
                  <input name="mergeInto" value={mergeTo} onChange={(e) => setMergeTo(e.target.value)} />
                </Field>
                <button
                  type="button"
                  disabled={busy || !mergeTo}
                  onClick={() =>
                    void run(async () => {
                      let intoId = mergeTo.trim();
                      if (!/^[0-9a-f-]{36}$/.test(intoId)) {
                        const found = await api.send('incidents.list', { q: intoId, limit: 5, includeMerged: false });
                        const hit = found.rows.find((r) => r.no === intoId);
                        if (!hit) throw new Error(intoId);
                        intoId = hit.id;
                      }
                      await api.send('incidents.merge', { id: d.id, version: d.version, intoId, reason });
                      return api.send('incidents.get', { id: d.id });
                    })
                  }
                >
                  {t('detail.merge')}
                </button>
              </div>
              <label className="upload">
                {t('detail.upload')}
                <input type="file" name="attachment" onChange={(e) => void upload(e)} accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt,.mp3,.wav" />
              </label>
            </>
          ) : null}
        </section>
      ) : null}
      </div>
    </div>
  );
}

const CAS = ['dead', 'injured', 'serious', 'missing', 'trapped', 'evacuated'] as const;

/** Casualty/loss update (伤亡更新): a new timeline entry records old → new and re-grades (standards §2). */
function CasualtyUpdate({ incident: d, run, busy }: { incident: IncidentDetail; run(fn: () => Promise<IncidentDetail>): Promise<boolean>; busy: boolean }) {
  const { t } = useTranslation('incidents');
  const [c, setC] = useState<Record<string, string>>(() => Object.fromEntries(CAS.map((k) => [k, String(d.casualties[k])])));
  const [loss, setLoss] = useState(d.directLoss == null ? '' : String(d.directLoss / 10_000));
  const [reason, setReason] = useState('');
  return (
    <section className="card no-print" data-testid="casualty-update">
      <h3>{t('detail.correct')}</h3>
      <div className="cas-grid">
        {CAS.map((k) => (
          <Field key={k} label={t(`f.${k}`)}>
            <input name={`upd-${k}`} inputMode="numeric" value={c[k]} onChange={(e) => setC({ ...c, [k]: e.target.value })} />
          </Field>
        ))}
        <Field label={t('f.directLoss')}>
          <input name="upd-directLoss" inputMode="decimal" value={loss} onChange={(e) => setLoss(e.target.value)} />
        </Field>
      </div>
      <Field label={t('detail.reason')}>
        <input name="upd-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(() =>
            api.send('incidents.correct', {
              id: d.id,
              version: d.version,
              reason,
              changes: {
                casualties: Object.fromEntries(CAS.map((k) => [k, c[k].trim() === '' ? 0 : Number(c[k])])) as Record<(typeof CAS)[number], number>,
                directLoss: loss.trim() === '' ? null : Math.round(Number(loss) * 10_000),
              },
            }),
          ).then((ok) => ok && setReason(''))
        }
      >
        {t('common:actions.save')}
      </button>
    </section>
  );
}

/** Relief materials issued to this incident from the ledger (materials.incidentUsage). */
function MaterialsUsed({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation('incidents');
  const usage = useApiQuery('materials.incidentUsage', { incidentId });
  const items = usage.data?.items ?? [];
  return (
    <>
      <h3>{t('detail.materials')}</h3>
      <ul className="materials-used" data-testid="materials-used">
        {items.length === 0 ? <li className="muted">{t('detail.none')}</li> : null}
        {items.map((i) => (
          <li key={i.itemId}>
            {i.itemName} {i.qty}
            {i.unit}
          </li>
        ))}
        {usage.data?.docs.length ? (
          <li className="muted small">
            {t('detail.materialsDocs')}: {usage.data.docs.map((d) => d.docNo).join('、')}
          </li>
        ) : null}
      </ul>
    </>
  );
}
