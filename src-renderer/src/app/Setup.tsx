import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSubmit } from '../ui/useSubmit';
import type { LoginResult } from '@contract/auth';
import { DEFAULT_TIME_ZONE } from '@contract/time';
import { Field, ErrorBanner } from '../ui/Field';
import { LangSwitch } from './LangSwitch';

export function Setup({ onDone }: { onDone(r: LoginResult): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    // Empty: the station types its own name and code; the examples are placeholders only.
    name: '',
    code: '',
    level: 'district' as 'district' | 'township' | 'depot',
    timeZone: DEFAULT_TIME_ZONE,
    username: 'admin',
    displayName: '',
    password: '',
    password2: '',
    loadDemo: false,
  });
  const { error, errs, busy, run, setErrs } = useSubmit();
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF({ ...f, [k]: e.target.type === 'checkbox' ? !!e.target.checked : e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (f.password !== f.password2) return setErrs({ 'admin.password2': t('setup.mismatch') });
    await run(async () =>
      onDone(
        await api.send('auth.setup', {
          station: { name: f.name, code: f.code, level: f.level, timeZone: f.timeZone },
          admin: { username: f.username, displayName: f.displayName, password: f.password },
          loadDemo: f.loadDemo,
        }),
      ),
    );
  };

  return (
    <div className="center-page">
      <form className="card setup-card" onSubmit={submit} noValidate>
        <div className="card-head">
          <h1>
            {t('appName')} · {t('setup.title')}
          </h1>
          <LangSwitch />
        </div>
        <p className="muted">{t('setup.intro')}</p>
        <ErrorBanner error={error} />
        <fieldset>
          <legend>{t('setup.station')}</legend>
          <Field label={t('setup.stationName')} error={errs['station.name']}>
            <input name="stationName" value={f.name} onChange={set('name')} placeholder={t('setup.stationNamePlaceholder')} required autoFocus />
          </Field>
          <div className="row">
            <Field label={t('setup.code')} hint={t('setup.codeHint')} error={errs['station.code']}>
              <input name="code" value={f.code} onChange={set('code')} placeholder={t('setup.codePlaceholder')} inputMode="numeric" required />
            </Field>
            <Field label={t('setup.level')} error={errs['station.level']}>
              <select name="level" value={f.level} onChange={set('level')}>
                {(['district', 'township', 'depot'] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`levels.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('setup.timeZone')} error={errs['station.timeZone']}>
              <input name="timeZone" value={f.timeZone} onChange={set('timeZone')} />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('setup.admin')}</legend>
          <div className="row">
            <Field label={t('setup.username')} error={errs['admin.username']}>
              <input name="username" value={f.username} onChange={set('username')} autoComplete="username" required />
            </Field>
            <Field label={t('setup.displayName')} error={errs['admin.displayName']}>
              <input name="displayName" value={f.displayName} onChange={set('displayName')} required />
            </Field>
          </div>
          <div className="row">
            <Field label={t('setup.password')} hint={t('setup.passwordHint')} error={errs['admin.password']}>
              <input name="password" type="password" value={f.password} onChange={set('password')} autoComplete="new-password" required />
            </Field>
            <Field label={t('setup.password2')} error={errs['admin.password2']}>
              <input name="password2" type="password" value={f.password2} onChange={set('password2')} autoComplete="new-password" required />
            </Field>
          </div>
          <label className="check">
            <input name="loadDemo" type="checkbox" checked={f.loadDemo} onChange={set('loadDemo')} /> {t('setup.loadDemo')}
          </label>
        </fieldset>
        <button className="primary" type="submit" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
