import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorBanner } from '../../ui/Field';
import { askConfirm, askText } from '../../ui/dialog';
import { downloadBase64 } from '../../ui/download';
import { can } from '@contract/index';
import { mayDecide, type ChangeKind, type Level, type RecipientRow, type WarningDetail } from '@contract/warnings';
import { LevelTag, formatLocal, minutesLeft, parseLocal } from './shared';
import { RecipientPicker } from './RecipientPicker';
import { readFileBase64 } from './upload';

/** One warning: what it says, the leader on duty, the forwarding list with receipts, changes, timeline. */
export function WarningView({ d, onChange }: { d: WarningDetail; onChange: (d: WarningDetail) => void }) {
  const { t } = useTranslation('warnings');
  const { user, station } = useSession();
  const tz = station.timeZone;
  const f = (ms: number) => formatLocal(ms, tz);
  const [error, setError] = useState<string | null>(null);
  const open = d.status !== 'lifted';
  const write = open && can(user, 'warnings.receipt');
  const now = Date.now();

  async function act(fn: () => Promise<WarningDetail>): Promise<boolean> {
    setError(null);
    try {
      onChange(await fn());
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  }
  /** When a deadline has passed, the reason is asked first (迟报). */
  const lateReason = async (dueAt: number | null): Promise<string | undefined | null> =>
    dueAt !== null && Date.now() > dueAt ? await askText({ title: t('view.lateReasonPrompt'), multiline: true, maxLength: 500 }) : undefined;

  async function tellLeader() {
    const late = await lateReason(d.leaderDueAt);
    if (late === null) return;
    if (mayDecide(user)) {
      const instruction = await askText({ title: t('view.decide'), label: t('view.instructionPrompt'), required: false, multiline: true, maxLength: 1000 });
      if (instruction === null) return;
      await act(() => api.send('warnings.notifyLeader', { id: d.id, version: d.version, via: 'app', instruction: instruction || undefined, lateReason: late }));
    } else {
      const name = await askText({ title: t('view.recordPhone'), label: t('view.leaderName'), maxLength: 50 });
      if (!name) return;
      await act(() => api.send('warnings.notifyLeader', { id: d.id, version: d.version, via: 'phone', leaderName: name, lateReason: late }));
    }
  }
  async function receipt(r: RecipientRow) {
    if (r.status === 'pending') {
      const late = await lateReason(d.forwardDueAt);
      if (late === null) return;
      await act(() => api.send('warnings.receipt', { id: d.id, version: d.version, recipientId: r.id, status: 'notified', lateReason: late }));
    } else {
      const name = await askText({ title: t('view.confirm'), label: t('view.confirmedName'), initial: r.name, maxLength: 50 });
      if (!name) return;
      await act(() => api.send('warnings.receipt', { id: d.id, version: d.version, recipientId: r.id, status: 'confirmed', confirmedName: name }));
    }
  }
  async function change(c: ChangeKind) {
    let level: Level | undefined;
    let validUntil: number | undefined;
    if (c === 'upgrade' || c === 'downgrade') {
      const v = await askText({ title: t(`view.${c}`), label: t('view.newLevel'), maxLength: 1, validate: (s) => (/^[1-4]$/.test(s) ? null : t('view.newLevel')) });
      if (!v) return;
      level = Number(v) as Level;
    }
    if (c === 'extend') {
      const v = await askText({ title: t('view.extend'), label: t('view.newUntil'), maxLength: 20, validate: (s) => (Number.isNaN(parseLocal(s, tz)) || !parseLocal(s, tz) ? t('form.badTime') : null) });
      if (!v) return;
      validUntil = parseLocal(v, tz)!;
    }
    if (c === 'lift' && !(await askConfirm({ title: t('view.lift'), message: t('view.liftConfirm'), danger: true }))) return;
    const note = await askText({ title: t(`view.${c}`), label: t('view.changeNote'), multiline: true, maxLength: 1000 });
    if (!note) return;
    await act(() => api.send('warnings.change', { id: d.id, version: d.version, change: c, level, validUntil, note }));
  }
  async function upload(file: File) {
    await act(async () => api.send('warnings.attach', { id: d.id, name: file.name, mime: file.type || 'application/octet-stream', data: await readFileBase64(file) }));
  }
  async function download(id: string) {
    try {
      const a = await api.send('warnings.attachment', { id });
      downloadBase64(a.name, a.data, a.mime);
    } catch (e) {
      setError(errorText(e));
    }
  }
  const due = (at: number | null) =>
    at === null ? null : at < now ? <span className="bad">{t('view.overdue')}</span> : <span className="muted">{t('view.left', { min: minutesLeft(at, now) })}</span>;

  return (
    <div className={`warn-view warn-band-${d.level}`} data-testid="warning-view">
      <header className="card warn-head">
        <h2>
          <span className="mono">{d.no}</span> {d.kind} <LevelTag level={d.level} /> <span className={`tag warn-status-${d.status}`} data-testid="warning-status">{t(`status.${d.status}`)}</span>
        </h2>
        <dl className="kv">
          <dt>{t('col.issuer')}</dt><dd>{d.issuer}</dd>
          {d.docNo ? (<><dt>{t('view.docNo')}</dt><dd>{d.docNo}</dd></>) : null}
          <dt>{t('view.area')}</dt><dd>{d.areaNames.join('、')}</dd>
          <dt>{t('view.valid')}</dt><dd>{f(d.validFrom)} – {d.validUntil ? f(d.validUntil) : t('view.until')}</dd>
          <dt>{t('view.received')}</dt><dd>{f(d.receivedAt)} · {t('view.by')} {d.createdByName}</dd>
        </dl>
        <p className="warn-text">{d.text}</p>
      </header>
      <ErrorBanner error={error} />
      <div className="warn-columns">
        <section className="card" data-testid="warning-leader">
          <h3>{t('view.leaderTitle')}</h3>
          {d.leaderNotifiedAt ? (
            <div className="ok">{t('view.leaderDone', { time: f(d.leaderNotifiedAt), name: d.leaderName, via: t(`view.via.${d.leaderVia}`) })}</div>
          ) : d.leaderDueAt ? (
            <div>{t('view.leaderDue', { time: f(d.leaderDueAt) })} {due(d.leaderDueAt)}</div>
          ) : null}
          {d.leaderInstruction ? <div><strong>{t('view.instruction')}：</strong>{d.leaderInstruction}</div> : null}
          {d.leaderLateReason ? <div className="small">{t('view.lateReason')}：{d.leaderLateReason}</div> : null}
          {write && !d.leaderNotifiedAt ? (
            <button type="button" className="primary" onClick={() => void tellLeader()} data-testid="tell-leader">
              {mayDecide(user) ? t('view.decide') : t('view.recordPhone')}
            </button>
          ) : null}
        </section>
        <section className="card warn-changes">
          <h3>{t('view.changes')}</h3>
          {write ? (
            <div className="actions">
              {(['upgrade', 'downgrade', 'extend', 'lift'] as const).map((c) => (
                <button key={c} type="button" className={c === 'lift' ? 'danger' : ''} onClick={() => void change(c)} data-change={c}>{t(`view.${c}`)}</button>
              ))}
            </div>
          ) : null}
          <h3>{t('view.attachments')}</h3>
          <ul className="board-list">
            {d.attachments.map((a) => (
              <li key={a.id}><button type="button" className="link" onClick={() => void download(a.id)}>{a.name}</button> <span className="muted small">{Math.ceil(a.size / 1024)} KB</span></li>
            ))}
          </ul>
          {write ? <label className="small">{t('view.upload')} <input type="file" accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.txt" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} /></label> : null}
        </section>
      </div>
      <section className="card" data-testid="warning-forward">
        <h3>{t('view.forwardTitle')}</h3>
        <div>
          {d.forwardedAt ? <span className="ok">{t('view.forwarded', { time: f(d.forwardedAt) })}</span> : d.forwardDueAt ? <>{t('view.forwardDue', { time: f(d.forwardDueAt) })} {due(d.forwardDueAt)}</> : null}
        </div>
        {d.recipientList.length === 0 ? <div className="muted">{t('view.noRecipients')}</div> : (
          <table className="table" data-testid="recipients">
            <thead>
              <tr><th>{t('view.recipient')}</th><th>{t('view.unit')}</th><th>{t('view.township')}</th><th>{t('view.phone')}</th><th>{t('view.channel')}</th><th>{t('view.state')}</th><th /></tr>
            </thead>
            <tbody>
              {d.recipientList.map((r) => (
                <tr key={r.id} data-recipient={r.name} data-status={r.status}>
                  <td>{r.name}</td><td>{r.unit}</td><td>{r.townshipName ?? ''}</td><td className="mono">{r.phone}</td><td>{t(`channels.${r.channel}`)}</td>
                  <td>
                    <span className={`tag receipt-${r.status}`}>{t(`receipt.${r.status}`)}</span>
                    {r.notifiedAt ? <div className="muted small">{t('view.notifiedAt', { time: f(r.notifiedAt).slice(5), by: r.notifiedByName })}</div> : null}
                    {r.confirmedAt ? <div className="muted small">{t('view.confirmedAt', { time: f(r.confirmedAt).slice(5), name: r.confirmedName })}</div> : null}
                    {r.lateReason ? <div className="small">{t('view.lateReason')}：{r.lateReason}</div> : null}
                  </td>
                  <td>
                    {write && r.status !== 'confirmed' ? (
                      <button type="button" onClick={() => void receipt(r)} data-action={r.status === 'pending' ? 'notify' : 'confirm'}>
                        {r.status === 'pending' ? t('view.notify') : t('view.confirm')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {write ? (
          <RecipientPicker
            taken={new Set(d.recipientList.map((r) => `${r.name}|${r.unit}`))}
            onAdd={(recipients) => act(() => api.send('warnings.addRecipients', { id: d.id, version: d.version, recipients }))}
          />
        ) : null}
      </section>
      <section className="card">
        <h3>{t('view.timeline')}</h3>
        <ol className="warn-timeline" data-testid="warning-timeline">
          {d.entries.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <span className="mono">{f(e.at).slice(5)}</span> <strong>{t(`entry.${e.kind}`)}</strong>
              {e.level ? <> <LevelTag level={e.level} /></> : null} {e.body.slice(0, 200)} <span className="muted small">{e.authorName}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
