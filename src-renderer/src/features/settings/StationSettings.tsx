import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError } from '../../api/client';
import { useSession } from '../../app/session';
import { Field, ErrorBanner } from '../../ui/Field';

export function StationSettings() {
  const { t } = useTranslation(['settings', 'common']);
  const { station, refresh } = useSession();
  const [f, setF] = useState({ name: station.name, code: station.code, level: station.level, timeZone: station.timeZone });
  const [error, setError] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [ok, setOk] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setOk(false);
    try {
      await api.send('station.update', { ...f, version: station.version });
      setOk(true);
      refresh();
    } catch (err) {
      setError((err as Error).message);
      if (err instanceof ApiCallError) setErrs(err.fieldErrors());
    }
  };
  return (
    <form className="card narrow" onSubmit={submit}>
      <ErrorBanner error={error} />
      {ok ? <div className="banner banner-ok">{t('common:saved')}</div> : null}
      <Field label={t('common:setup.stationName')} error={errs.name}>
        <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      </Field>
      <Field label={t('common:setup.code')} hint={t('common:setup.codeHint')} error={errs.code}>
        <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} />
      </Field>
      <Field label={t('common:setup.level')}>
        <select value={f.level} onChange={(e) => setF({ ...f, level: e.target.value as typeof f.level })}>
          {(['district', 'township', 'depot'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`common:levels.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('common:setup.timeZone')} error={errs.timeZone}>
        <input value={f.timeZone} onChange={(e) => setF({ ...f, timeZone: e.target.value })} />
      </Field>
      <button className="primary" type="submit">
        {t('common:actions.save')}
      </button>
    </form>
  );
}
