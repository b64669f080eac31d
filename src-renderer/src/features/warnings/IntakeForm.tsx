import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { ErrorBanner, Field } from '../../ui/Field';
import { ISSUERS, KINDS, LEVELS, type Level, type WarningDetail } from '@contract/warnings';
import { formatLocal, parseLocal } from './shared';
import { readFileBase64 } from './upload';

/**
 * Intake of a warning in the order it is read off the notice: who issued it, what and how severe,
 * where, from when to when, the text. Townships are ticked; opening one picks single villages.
 */
export function IntakeForm({ onSaved }: { onSaved: (d: WarningDetail) => void }) {
  const { t } = useTranslation('warnings');
  const { station } = useSession();
  const tz = station.timeZone;
  const places = useApiQuery('station.places', {}, { reference: true }).data ?? [];
  const rules = useApiQuery('warnings.rules', {}).data;
  const now = formatLocal(Date.now(), tz);
  const [f, setF] = useState({ issuer: '气象', kind: '', level: 3 as Level, docNo: '', receivedAt: now, validFrom: now, validUntil: '', text: '' });
  const [areas, setAreas] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: k === 'level' ? (Number(e.target.value) as Level) : e.target.value });
  const townships = useMemo(() => places.filter((p) => p.level === 'township'), [places]);
  const villagesOf = (code: string) => places.filter((p) => p.parentCode === code);
  const toggle = (code: string) => {
    const n = new Set(areas);
    if (n.has(code)) n.delete(code);
    else {
      n.add(code);
      // A whole township replaces its single villages.
      if (code.length === 9) for (const v of villagesOf(code)) n.delete(v.code);
      else n.delete(code.slice(0, 9));
    }
    setAreas(n);
  };
  const time = (s: string) => parseLocal(s, tz);
  const bad = (s: string) => s.trim() !== '' && Number.isNaN(time(s));

  async function save() {
    const missing = [!f.issuer.trim() && t('form.issuer'), !f.kind.trim() && t('form.kind'), !areas.size && t('form.area'), !f.text.trim() && t('form.text')].filter(Boolean);
    if (missing.length) return setError(t('form.need', { fields: missing.join('、') }));
    if ([f.receivedAt, f.validFrom, f.validUntil].some(bad) || !time(f.validFrom)) return setError(t('form.badTime'));
    setBusy(true);
    setError(null);
    try {
      let d = await api.send('warnings.create', {
        issuer: f.issuer.trim(), kind: f.kind.trim(), level: f.level, docNo: f.docNo.trim() || undefined, areaCodes: [...areas],
        receivedAt: time(f.receivedAt) ?? undefined, validFrom: time(f.validFrom)!, validUntil: time(f.validUntil) ?? undefined, text: f.text.trim(),
      });
      if (file) d = await api.send('warnings.attach', { id: d.id, name: file.name, mime: file.type || 'application/octet-stream', data: await readFileBase64(file) });
      onSaved(d);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const leaderMin = rules?.find((r) => r.id === 'leader')?.minutes;
  const forwardMin = rules?.find((r) => r.id === 'forward')?.minutes;
  return (
    <section className="card warn-intake" data-testid="warning-intake">
      <h2>{t('new')}</h2>
      {leaderMin && forwardMin ? <div className="banner banner-warn small">{t('form.deadlines', { leader: leaderMin, forward: forwardMin })}</div> : null}
      <div className="warn-form-grid">
        <Field label={t('form.issuer')} hint={t('form.issuerHint')}>
          <input list="warn-issuers" value={f.issuer} onChange={set('issuer')} data-field="issuer" maxLength={50} />
          <datalist id="warn-issuers">{ISSUERS.map((x) => <option key={x} value={x} />)}</datalist>
        </Field>
        <Field label={t('form.kind')}>
          <input list="warn-kinds" value={f.kind} onChange={set('kind')} data-field="kind" maxLength={30} />
          <datalist id="warn-kinds">{KINDS.map((x) => <option key={x} value={x} />)}</datalist>
        </Field>
        <Field label={t('form.level')}>
          <select value={f.level} onChange={set('level')} data-field="level">
            {LEVELS.map((l) => <option key={l} value={l}>{t('levelName', { colour: t(`colours.${l}`), level: l })}</option>)}
          </select>
        </Field>
        <Field label={t('form.docNo')}>
          <input value={f.docNo} onChange={set('docNo')} data-field="docNo" maxLength={60} />
        </Field>
        <Field label={t('form.receivedAt')} hint={t('form.timeFormat')} error={bad(f.receivedAt) ? t('form.badTime') : undefined}>
          <input value={f.receivedAt} onChange={set('receivedAt')} data-field="receivedAt" />
        </Field>
        <Field label={t('form.validFrom')} error={bad(f.validFrom) ? t('form.badTime') : undefined}>
          <input value={f.validFrom} onChange={set('validFrom')} data-field="validFrom" />
        </Field>
        <Field label={t('form.validUntil')} hint={t('form.untilHint')} error={bad(f.validUntil) ? t('form.badTime') : undefined}>
          <input value={f.validUntil} onChange={set('validUntil')} data-field="validUntil" placeholder="2026-07-02 20:00" />
        </Field>
      </div>
      <fieldset className="warn-areas" data-field="areas">
        <legend>{t('form.area')}</legend>
        <div className="muted small">{t('form.areaHint')}</div>
        <div className="warn-area-list">
          {townships.map((p) => {
            const picked = villagesOf(p.code).filter((v) => areas.has(v.code)).length;
            return (
              <div key={p.code} className="warn-area">
                <label className="check">
                  <input type="checkbox" checked={areas.has(p.code)} onChange={() => toggle(p.code)} data-area={p.code} /> {p.name}
                  {picked ? <span className="muted small"> · {picked}</span> : null}
                </label>
                <button type="button" className="ghost small" onClick={() => setOpen(open === p.code ? null : p.code)} aria-expanded={open === p.code}>
                  {t('form.villages')} {open === p.code ? '▴' : '▾'}
                </button>
                {open === p.code ? (
                  <div className="warn-villages">
                    {villagesOf(p.code).map((v) => (
                      <label key={v.code} className="check">
                        <input type="checkbox" checked={areas.has(v.code) || areas.has(p.code)} disabled={areas.has(p.code)} onChange={() => toggle(v.code)} /> {v.name}
                      </label>
                    ))}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <Field label={t('form.text')}>
        <textarea rows={4} value={f.text} onChange={set('text')} data-field="text" maxLength={4000} />
      </Field>
      <Field label={t('form.attachment')}>
        <input type="file" accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-field="attachment" />
      </Field>
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="warning-save">
          {t('form.save')}
        </button>
      </div>
    </section>
  );
}
