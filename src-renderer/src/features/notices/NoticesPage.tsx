import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeDetail, NoticeRecipientRow, NoticeRow } from '@contract/notices';
import { can } from '@contract/index';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { ErrorBanner, Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { askReason, askText } from '../../ui/dialog';
import { useSubmit } from '../../ui/useSubmit';
import { fromLocalInput, toLocalInput } from './local-time';
import './notices.css';

/** 通知: the district issues and follows receipts; a township reads and confirms. */
export function NoticesPage() {
  const { station } = useSession();
  return station.level === 'district' ? <DistrictNotices /> : <TownshipNotices />;
}

function StateBadge({ line }: { line: NoticeRecipientRow }) {
  const { t } = useTranslation('notices');
  const cls = line.state === 'missing' ? (line.overdue ? 'nt-badge bad-bg' : 'nt-badge warn-bg') : 'nt-badge ok-bg';
  return <span className={cls}>{line.overdue ? t('state.overdue') : t(`state.${line.state}`)}</span>;
}

function DistrictNotices() {
  const { t } = useTranslation('notices');
  const { user, station } = useSession();
  const list = useApiQuery('notices.list', {}, { live: true });
  const [openId, setOpenId] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const picked = list.data?.find((n) => n.id === openId) ?? null;
  return (
    <div className="page" data-testid="notices-district">
      <div className="card-head">
        <h1 className="page-title">{t('title')}</h1>
        {can(user, 'notices.issue') ? (
          <button type="button" className="primary" onClick={() => setIssuing(true)} data-testid="notice-new">
            {t('new')}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={list.error} />
      {issuing ? <IssueForm onDone={(id) => (setIssuing(false), id && setOpenId(id))} /> : null}
      <div className="split">
        <div className="split-main">
          <table className="table" data-testid="notice-list">
            <thead>
              <tr>
                <th>{t('col.no')}</th>
                <th>{t('col.title')}</th>
                <th>{t('col.issuedAt')}</th>
                <th>{t('col.due')}</th>
                <th>{t('col.receipts')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">{t('none')}</td>
                </tr>
              ) : null}
              {(list.data ?? []).map((n) => (
                <tr key={n.id} className={`clickable ${n.id === openId ? 'selected' : ''} ${n.overdue ? 'overdue' : ''}`} onClick={() => setOpenId(n.id)}>
                  <td className="mono">{n.no}</td>
                  <td>{n.title}</td>
                  <td>{formatDateTime(n.issuedAt, station.timeZone)}</td>
                  <td>{n.receiptDueAt ? formatDateTime(n.receiptDueAt, station.timeZone) : '—'}</td>
                  <td className={n.received < n.recipients ? (n.overdue ? 'bad' : '') : 'ok'}>{t('receiptsOf', { got: n.received, total: n.recipients })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="split-side nt-side">{picked ? <DistrictDetail id={picked.id} /> : <p className="muted">{t('pick')}</p>}</div>
      </div>
    </div>
  );
}

function DistrictDetail({ id }: { id: string }) {
  const { t } = useTranslation('notices');
  const { user, station } = useSession();
  const q = useApiQuery('notices.get', { id }, { live: true });
  const [error, setError] = useState<string | null>(null);
  const d = q.data;
  if (!d) return <div className="muted">{t('common:loading')}</div>;
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const remind = (l: NoticeRecipientRow) =>
    act(async () => {
      const note = await askText({ title: t('remind.title', { name: l.name }), label: t('remind.note'), required: false, maxLength: 200 });
      if (note !== null) await api.send('notices.remind', { lineId: l.id, note: note || undefined });
    });
  const mark = (l: NoticeRecipientRow) =>
    act(async () => {
      const note = await askReason({ title: t('mark.title', { name: l.name }), label: t('mark.note'), maxLength: 200 });
      if (note) await api.send('notices.markReceived', { lineId: l.id, note });
    });
  return (
    <div className="card" data-testid="notice-detail">
      <h3>{d.title}</h3>
      <div className="muted small">
        {t('issuedBy', { no: d.no, name: d.issuedByName, at: formatDateTime(d.issuedAt, station.timeZone) })}
        {d.receiptDueAt ? ` · ${t('dueAt', { at: formatDateTime(d.receiptDueAt, station.timeZone) })}` : ''}
      </div>
      <p className="nt-body">{d.body}</p>
      <ErrorBanner error={error} />
      <table className="table" data-testid="notice-recipients">
        <thead>
          <tr>
            <th>{t('col.recipient')}</th>
            <th>{t('col.state')}</th>
            <th>{t('col.receipt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr key={l.id} data-testid="notice-line">
              <td>
                {l.name}
                <div className="muted small">
                  {l.kind === 'station' ? (l.connected ? (l.delivered ? t('delivered') : t('notDelivered')) : t('notConnected')) : l.phone || t('byPhone')}
                </div>
              </td>
              <td>
                <StateBadge line={l} />
                {l.reminders ? <div className="muted small">{t('reminded', { n: l.reminders, at: formatDateTime(l.remindedAt!, station.timeZone) })}</div> : null}
              </td>
              <td className="small">
                {l.receivedAt ? `${formatDateTime(l.receivedAt, station.timeZone)} ${l.manual ? t('manualBy', { note: l.manualNote ?? '' }) : (l.receivedByName ?? '')}` : '—'}
                {l.reply ? <div>{t('replyIs', { reply: l.reply })}</div> : null}
              </td>
              <td>
                {l.state === 'missing' && can(user, 'notices.remind') ? (
                  <div className="actions">
                    <button type="button" onClick={() => remind(l)}>{t('remind.button')}</button>
                    <button type="button" onClick={() => mark(l)}>{t('mark.button')}</button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IssueForm({ onDone }: { onDone(id: string | null): void }) {
  const { t } = useTranslation('notices');
  const { station } = useSession();
  const overview = useApiQuery('sync.district.overview');
  const regs = (overview.data?.stations ?? []).filter((s) => s.state !== 'revoked' && s.level === 'township');
  const [f, setF] = useState({ title: '', body: '', stations: [] as string[], people: '', due: toLocalInput(Date.now() + 2 * 3600_000, station.timeZone), withDue: true });
  const { error, errs, busy, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const people = f.people
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [name, ...rest] = l.split(/\s+/);
        return { name, phone: rest.join(' ') };
      });
    let id: string | null = null;
    const ok = await run(async () => {
      const r: NoticeDetail = await api.send('notices.issue', {
        title: f.title,
        body: f.body,
        stations: f.stations,
        people,
        receiptDueAt: f.withDue ? fromLocalInput(f.due, station.timeZone) : undefined,
      });
      id = r.id;
    });
    if (ok) onDone(id);
  };
  const toggle = (id: string) => setF({ ...f, stations: f.stations.includes(id) ? f.stations.filter((x) => x !== id) : [...f.stations, id] });
  return (
    <form className="card" onSubmit={submit} data-testid="notice-form">
      <h3>{t('new')}</h3>
      <ErrorBanner error={error} />
      <Field label={t('f.title')} error={errs.title}>
        <input name="title" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} maxLength={100} />
      </Field>
      <Field label={t('f.body')} error={errs.body}>
        <textarea name="body" rows={5} value={f.body} onChange={(e) => setF({ ...f, body: e.target.value })} maxLength={5000} />
      </Field>
      {/* A group of checkboxes, each with its own label: a fieldset, not a Field (labels do not nest). */}
      <fieldset className="field nt-fieldset">
        <legend className="field-label">{t('f.stations')}</legend>
        <div className="nt-stations">
          {regs.length === 0 ? <span className="muted small">{t('f.noStations')}</span> : null}
          {regs.map((s) => (
            <label className="check" key={s.id}>
              <input type="checkbox" checked={f.stations.includes(s.id)} onChange={() => toggle(s.id)} data-testid="notice-station" />
              {s.name}
              {s.state !== 'enrolled' ? <span className="muted small">（{t('notConnected')}）</span> : null}
            </label>
          ))}
        </div>
        {errs.stations ? <span className="field-msg" role="alert">{errs.stations}</span> : <span className="field-hint">{t('f.stationsHint')}</span>}
      </fieldset>
      <Field label={t('f.people')} hint={t('f.peopleHint')} error={errs.people}>
        <textarea name="people" rows={2} value={f.people} onChange={(e) => setF({ ...f, people: e.target.value })} />
      </Field>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={f.withDue} onChange={(e) => setF({ ...f, withDue: e.target.checked })} />
          {t('f.withDue')}
        </label>
        <Field label={t('f.due')} error={errs.receiptDueAt}>
          <input type="datetime-local" name="due" value={f.due} disabled={!f.withDue} onChange={(e) => setF({ ...f, due: e.target.value })} />
        </Field>
      </div>
      <div className="actions">
        <button className="primary" type="submit" disabled={busy} data-testid="notice-issue">
          {t('issue')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}

function TownshipNotices() {
  const { t } = useTranslation('notices');
  const { station } = useSession();
  const list = useApiQuery('notices.list', {}, { live: true });
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = list.data ?? [];
  // The first unconfirmed notice opens by itself and stays open once confirmed (the operator sees
  // the confirmation instead of the card vanishing).
  const firstOpen = rows.find((n) => !n.myReceipt)?.id ?? null;
  useEffect(() => {
    if (!openId && firstOpen) setOpenId(firstOpen);
  }, [openId, firstOpen]);
  const picked = rows.find((n) => n.id === (openId ?? firstOpen)) ?? null;
  return (
    <div className="page" data-testid="notices-township">
      <h1 className="page-title">{t('inbox')}</h1>
      <ErrorBanner error={list.error} />
      <div className="split">
        <div className="split-main">
          <table className="table" data-testid="notice-inbox">
            <thead>
              <tr>
                <th>{t('col.title')}</th>
                <th>{t('col.from')}</th>
                <th>{t('col.issuedAt')}</th>
                <th>{t('col.due')}</th>
                <th>{t('col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">{t('noneIn')}</td>
                </tr>
              ) : null}
              {rows.map((n) => (
                <tr key={n.id} className={`clickable ${picked?.id === n.id ? 'selected' : ''} ${!n.myReceipt ? 'nt-unread' : ''}`} onClick={() => setOpenId(n.id)}>
                  <td>{n.title}</td>
                  <td>{n.originName}</td>
                  <td>{formatDateTime(n.issuedAt, station.timeZone)}</td>
                  <td className={n.overdue ? 'bad' : ''}>{n.receiptDueAt ? formatDateTime(n.receiptDueAt, station.timeZone) : '—'}</td>
                  <td>{n.myReceipt ? (n.myReceipt.reply ? t('state.replied') : t('state.received')) : n.overdue ? t('state.overdue') : t('state.toConfirm')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="split-side nt-side">{picked ? <ReceiptCard key={picked.id} n={picked} /> : null}</div>
      </div>
    </div>
  );
}

function ReceiptCard({ n }: { n: NoticeRow }) {
  const { t } = useTranslation('notices');
  const { user, station } = useSession();
  const [reply, setReply] = useState('');
  const { error, errs, busy, run } = useSubmit();
  const send = (withReply: boolean) => run(() => api.send('notices.receipt', { id: n.id, reply: withReply ? reply : undefined })).then((ok) => ok && setReply(''));
  const mayAct = can(user, 'notices.receipt');
  return (
    <div className={`card ${n.myReceipt ? '' : 'nt-attention'}`} data-testid="notice-receipt">
      <h3>{n.title}</h3>
      <div className="muted small">
        {n.originName} · {formatDateTime(n.issuedAt, station.timeZone)}
        {n.receiptDueAt ? ` · ${t('dueAt', { at: formatDateTime(n.receiptDueAt, station.timeZone) })}` : ''}
      </div>
      <p className="nt-body">{n.body}</p>
      <ErrorBanner error={error} />
      {n.myReceipt ? (
        <div className="banner banner-ok">
          {t('confirmed', { name: n.myReceipt.receivedByName, at: formatDateTime(n.myReceipt.receivedAt, station.timeZone) })}
          {n.myReceipt.reply ? ` ${t('replyIs', { reply: n.myReceipt.reply })}` : ''}
        </div>
      ) : null}
      {mayAct && !n.myReceipt?.reply ? (
        <>
          <Field label={t('reply')} error={errs.reply}>
            <textarea name="reply" rows={3} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={1000} />
          </Field>
          <div className="actions">
            {!n.myReceipt ? (
              <button className="primary" type="button" disabled={busy} onClick={() => void send(!!reply.trim())} data-testid="notice-confirm">
                {reply.trim() ? t('confirmReply') : t('confirm')}
              </button>
            ) : (
              <button type="button" disabled={busy || !reply.trim()} onClick={() => void send(true)} data-testid="notice-reply">
                {t('sendReply')}
              </button>
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
