import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import type { RuleParams, RuleView } from '@contract/reports';

/** Deadline rules (national defaults + this station's overrides); UNCONFIRMED ones are marked as such. */
export function RulesSettings() {
  const { t, i18n } = useTranslation('reports');
  const { user } = useSession();
  const canEdit = can(user, 'reports.setRule');
  const { data, error, reload } = useApiQuery('reports.rules', {});
  const cfg = useApiQuery('reports.config', {});
  const [err, setErr] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const en = i18n.language === 'en';

  const show = (r: { kind: RuleView['kind']; params: RuleParams }) =>
    r.kind === 'dailyAt' ? t('rules.times', { t: r.params.times!.join('、') })
      : r.kind === 'sameDay' ? t('rules.window', { d: r.params.windowDays, s: r.params.shortWindowDays ?? r.params.windowDays })
        : t('rules.minutes', { n: r.params.minutes });
  const parse = (r: RuleView): RuleParams =>
    r.kind === 'dailyAt' ? { times: draft.split(/[,，、\s]+/).filter(Boolean) }
      : r.kind === 'sameDay' ? { windowDays: Number(draft.split(/[,，/\s]+/)[0]), shortWindowDays: Number(draft.split(/[,，/\s]+/)[1] ?? draft) }
        : { minutes: Number(draft) };
  const call = async (fn: () => Promise<unknown>) => {
    setErr(null);
    try {
      await fn();
      setEditing(null);
      reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };

  return (
    <div data-testid="rules">
      <p className="banner banner-warn">{t('rules.intro')}</p>
      <ErrorBanner error={error ?? err} />
      <table className="table rules-table">
        <thead>
          <tr>
            <th>{t('rules.enabled')}</th>
            <th>{t('rules.rule')}</th>
            <th>{t('rules.stage')}</th>
            <th>{t('rules.value')}</th>
            <th>{t('rules.source')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((r) => (
            <tr key={r.id} data-rule={r.id} className={r.enabled ? '' : 'disabled'}>
              <td>
                <input type="checkbox" checked={r.enabled} disabled={!canEdit} aria-label={r.id}
                  onChange={(e) => call(() => api.send('reports.setRule', { id: r.id, version: r.version, enabled: e.target.checked }))} />
              </td>
              <td>
                {en ? r.labelEn : r.label}
                {r.unconfirmed ? <span className="tag unconfirmed" data-testid="unconfirmed">{t('rules.unconfirmed')}</span> : null}
                {r.overridden ? <span className="tag overridden">{t('rules.overridden')}</span> : null}
                {r.overrideNote ? <div className="muted small">{r.overrideNote}</div> : null}
              </td>
              <td>{t(`stage.${r.stage}`)}</td>
              <td>
                {editing === r.id ? (
                  <input value={draft} onChange={(e) => setDraft(e.target.value)} size={12} name="ruleValue" />
                ) : (
                  show(r)
                )}
                {r.overridden ? <div className="muted small">{t('rules.default', { v: show({ kind: r.kind, params: r.defaults.params }) })}</div> : null}
              </td>
              <td className="small muted">{r.source}</td>
              <td className="nowrap">
                {canEdit && editing !== r.id ? (
                  <button onClick={() => { setEditing(r.id); setDraft(r.kind === 'dailyAt' ? r.params.times!.join(',') : r.kind === 'sameDay' ? `${r.params.windowDays},${r.params.shortWindowDays ?? ''}` : String(r.params.minutes)); }}>{t('rules.edit')}</button>
                ) : null}
                {editing === r.id ? (
                  <>
                    <button className="primary" onClick={() => call(() => api.send('reports.setRule', { id: r.id, version: r.version, params: parse(r) }))}>{t('common:actions.save')}</button>
                    <button onClick={() => setEditing(null)}>{t('common:actions.cancel')}</button>
                  </>
                ) : null}
                {canEdit && r.overridden ? <button onClick={() => call(() => api.send('reports.setRule', { id: r.id, version: r.version, reset: true }))}>{t('rules.reset')}</button> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cfg.data ? <ConfigForm key={JSON.stringify(cfg.data)} initial={cfg.data} canEdit={canEdit} onSaved={cfg.reload} /> : null}
    </div>
  );
}

function ConfigForm({ initial, canEdit, onSaved }: { initial: { sharpChangeThreshold: number; alertLeadMinutes: number[]; boardHorizonHours: number; unitName: string | null; contactPhone?: string | null; copyTo?: string | null; printedBy?: string | null; numberCopies?: boolean }; canEdit: boolean; onSaved(): void }) {
  const { t } = useTranslation('reports');
  const [pct, setPct] = useState(String(Math.round(initial.sharpChangeThreshold * 100)));
  const [leads, setLeads] = useState(initial.alertLeadMinutes.join(','));
  const [horizon, setHorizon] = useState(String(initial.boardHorizonHours));
  const [unit, setUnit] = useState(initial.unitName ?? '');
  const [phone, setPhone] = useState(initial.contactPhone ?? '');
  const [copyTo, setCopyTo] = useState(initial.copyTo ?? '');
  const [printedBy, setPrintedBy] = useState(initial.printedBy ?? '');
  const [numberCopies, setNumberCopies] = useState(initial.numberCopies ?? false);
  const [err, setErr] = useState<string | null>(null);
  async function save() {
    setErr(null);
    try {
      await api.send('reports.setConfig', {
        sharpChangeThreshold: Number(pct) / 100,
        alertLeadMinutes: leads.split(/[,，\s]+/).filter(Boolean).map(Number),
        boardHorizonHours: Number(horizon),
        unitName: unit.trim() || null,
        contactPhone: phone.trim() || null,
        copyTo: copyTo.trim() || null,
        printedBy: printedBy.trim() || null,
        numberCopies,
      });
      onSaved();
    } catch (e) {
      setErr(errorText(e));
    }
  }
  return (
    <div className="card config-card">
      <h3>{t('rules.config')}</h3>
      <ErrorBanner error={err} />
      <div className="row">
        <Field label={t('rules.threshold')} hint={t('rules.thresholdHint')}>
          <input name="threshold" type="number" value={pct} disabled={!canEdit} onChange={(e) => setPct(e.target.value)} />
        </Field>
        <Field label={t('rules.leads')}>
          <input name="leads" value={leads} disabled={!canEdit} onChange={(e) => setLeads(e.target.value)} />
        </Field>
        <Field label={t('rules.horizon')}>
          <input name="horizon" type="number" value={horizon} disabled={!canEdit} onChange={(e) => setHorizon(e.target.value)} />
        </Field>
        <Field label={t('rules.unitName')}>
          <input name="unitName" value={unit} disabled={!canEdit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
        <Field label={t('rules.contactPhone')} hint={t('rules.contactPhoneHint')}>
          <input name="contactPhone" type="tel" value={phone} disabled={!canEdit} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field label={t('rules.copyTo')} hint={t('rules.copyToHint')}>
          <input name="copyTo" value={copyTo} disabled={!canEdit} onChange={(e) => setCopyTo(e.target.value)} />
        </Field>
        <Field label={t('rules.printedBy')}>
          <input name="printedBy" value={printedBy} disabled={!canEdit} onChange={(e) => setPrintedBy(e.target.value)} />
        </Field>
        <label className="check">
          <input name="numberCopies" type="checkbox" checked={numberCopies} disabled={!canEdit} onChange={(e) => setNumberCopies(e.target.checked)} /> {t('rules.numberCopies')}
        </label>
      </div>
      {canEdit ? <button className="primary" onClick={save}>{t('rules.saveConfig')}</button> : null}
    </div>
  );
}
