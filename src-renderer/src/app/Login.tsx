import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { LoginResult } from '@contract/auth';
import { Field, ErrorBanner } from '../ui/Field';
import { LangSwitch } from './LangSwitch';

export function Login({ stationName, onDone }: { stationName: string | null; onDone(r: LoginResult): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.send('auth.login', { username, password }));
    } catch (err) {
      setError((err as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="center-page login-page">
      <form className="card login-card" onSubmit={submit}>
        <div className="card-head">
          <div>
            <h1>{t('appName')}</h1>
            {stationName ? <div className="muted">{stationName}</div> : null}
          </div>
          <LangSwitch />
        </div>
        <h2>{t('login.title')}</h2>
        <ErrorBanner error={error} />
        <Field label={t('login.username')}>
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
        </Field>
        <Field label={t('login.password')}>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </Field>
        <button className="primary" type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
