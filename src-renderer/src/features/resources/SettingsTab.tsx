import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSubmit } from '../../ui/useSubmit';

/** The plan assessment cycle (years) and how early the board shows a plan falling due. */
export function SettingsTab() {
  const { t } = useTranslation('resources');
  const q = useApiQuery('resources.settings');
  const [f, setF] = useState({ years: '3', days: '60' });
  const [ok, setOk] = useState(false);
  const { error, errs, busy, run } = useSubmit();
  useEffect(() => {
    if (q.data) setF({ years: String(q.data.planReviewYears), days: String(q.data.planReviewNoticeDays) });
  }, [q.data]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOk(false);
    const done = await run(() => api.send('resources.setSettings', { version: q.data?.version ?? 0, planReviewYears: Number(f.years), planReviewNoticeDays: Number(f.days) }));
    if (done) {
      setOk(true);
      q.reload();
    }
  };
  return (
    <form className="card res-settings" onSubmit={submit}>
      <p className="muted">{t('msg.settingsHint')}</p>
      {ok ? <div className="banner banner-ok">{t('msg.settingsSaved')}</div> : null}
      <ErrorBanner error={error} />
      <div className="row">
        <Field label={t('msg.years')} error={errs.planReviewYears}>
          <input name="planReviewYears" inputMode="numeric" value={f.years} onChange={(e) => setF({ ...f, years: e.target.value })} />
        </Field>
        <Field label={t('msg.noticeDays')} error={errs.planReviewNoticeDays}>
          <input name="planReviewNoticeDays" inputMode="numeric" value={f.days} onChange={(e) => setF({ ...f, days: e.target.value })} />
        </Field>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('a.save')}
      </button>
    </form>
  );
}
