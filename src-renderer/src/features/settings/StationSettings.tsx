import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSubmit } from '../../ui/useSubmit';
import { useSession } from '../../app/session';
import { Field, ErrorBanner } from '../../ui/Field';

export function StationSettings() {
  const { t } = useTranslation(['settings', 'common']);
  const { station, refresh } = useSession();
  const [f, setF] = useState({ name: station.name, code: station.code, level: station.level, timeZone: station.timeZone });
  const { error, errs, run } = useSubmit();
  const [ok, setOk] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOk(false);
    if (await run(() => api.send('station.update', { ...f, version: station.version }))) {
      setOk(true);
      refresh();
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
