import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, errorText } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSession } from '../../app/session';
import { SEND_VIA, type ReportDetail } from '@contract/reports';
import { fromLocalInput, toLocalInput } from './shared';

/** Records a send: by phone or fax (time and recipient), or through the sync outbox when a parent station exists. */
export function SendDialog({ d, onClose, onSent }: { d: ReportDetail; onClose(): void; onSent(r: ReportDetail): void }) {
  const { t } = useTranslation('reports');
  const { station } = useSession();
  const [via, setVia] = useState<(typeof SEND_VIA)[number]>(d.sentVia === 'phone' ? 'fax' : 'phone');
  const [recipient, setRecipient] = useState(d.sentTo ?? t('send.recipientDefault'));
  const [openedAt] = useState(() => toLocalInput(Date.now(), station.timeZone));
  const [at, setAt] = useState(openedAt);
  const [note, setNote] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [backdateReason, setBackdateReason] = useState('');
  const [backdateKnown, setBackdateKnown] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const sentAt = fromLocalInput(at, station.timeZone) ?? Date.now();
  const [lateKnown, setLateKnown] = useState(false);
  // A phone report recorded well after the call needs a reason (standards §1); written sends cannot be backdated.
  const backdated = via === 'phone' && (backdateKnown || sentAt < Date.now() - 10 * 60_000);
  const late = lateKnown || (d.status === 'signed' && d.due.some((o) => o.stage === d.stage && o.dueAt < sentAt));

  async function submit() {
    setErr(null);
    try {
      const r = await api.send('reports.send', {
        id: d.id, version: d.version, via, recipient, sentAt: at === openedAt ? undefined : Math.min(sentAt, Date.now()), note: note || undefined, lateReason: lateReason || undefined,
        backdateReason: backdated ? backdateReason || undefined : undefined,
      });
      onSent(r);
    } catch (e) {
      setErr(errorText(e));
      if (e instanceof ApiCallError && e.fieldErrors().lateReason) setLateKnown(true);
      if (e instanceof ApiCallError && e.fieldErrors().backdateReason) setBackdateKnown(true);
    }
  }
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={t('send.title')}>
      <div className="modal card" data-testid="send-dialog">
        <h2>{t('send.title')}</h2>
        <ErrorBanner error={err} />
        <Field label={t('send.via')}>
          <select name="via" value={via} onChange={(e) => setVia(e.target.value as typeof via)}>
            {SEND_VIA.map((v) => (
              <option key={v} value={v}>{t(`via.${v}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('send.recipient')}>
          <input name="recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} />
        </Field>
        <Field label={t('send.sentAt')}>
          <input name="sentAt" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </Field>
        <Field label={t('send.note')}>
          <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {late ? (
          <>
            <div className="banner banner-error" data-testid="late-warning">{t('send.lateWarn')}</div>
            <Field label={`${t('send.lateReason')} *`}>
              <textarea name="lateReason" rows={2} value={lateReason} onChange={(e) => setLateReason(e.target.value)} />
            </Field>
          </>
        ) : null}
        {backdated ? (
          <Field label={`${t('send.backdateReason')} *`} hint={t('send.backdateHint')}>
            <textarea name="backdateReason" rows={2} value={backdateReason} onChange={(e) => setBackdateReason(e.target.value)} />
          </Field>
        ) : null}
        <div className="actions">
          <button className="primary" onClick={submit} data-testid="send-submit" disabled={!recipient.trim() || (late && !lateReason.trim()) || (backdated && !backdateReason.trim())}>{t('send.submit')}</button>
          <button onClick={onClose}>{t('common:actions.cancel')}</button>
        </div>
      </div>
    </div>
  );
}
