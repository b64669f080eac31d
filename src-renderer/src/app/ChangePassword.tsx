import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSubmit } from '../ui/useSubmit';
import { Field, ErrorBanner } from '../ui/Field';

export function ChangePassword({ forced, onDone, onCancel }: { forced?: boolean; onDone(): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ old: '', next: '', next2: '' });
  const { error, errs, run, setErrs } = useSubmit();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (f.next !== f.next2) return setErrs({ newPassword2: t('setup.mismatch') });
    setDone(false);
    if (await run(() => api.send('auth.changePassword', { oldPassword: f.old, newPassword: f.next }))) {
      setDone(true);
      setF({ old: '', next: '', next2: '' });
      onDone();
    }
  };
  const form = (
    <form className="card narrow" onSubmit={submit}>
      <h2>{t('changePassword.title')}</h2>
      {forced ? <p className="muted">{t('changePassword.mustChange')}</p> : null}
      <ErrorBanner error={error} />
      {done ? <div className="banner banner-ok">{t('changePassword.done')}</div> : null}
      <Field label={t('changePassword.old')} error={errs.oldPassword}>
        <input name="oldPassword" type="password" value={f.old} onChange={(e) => setF({ ...f, old: e.target.value })} autoComplete="current-password" />
      </Field>
      <Field label={t('changePassword.new')} hint={t('setup.passwordHint')} error={errs.newPassword}>
        <input name="newPassword" type="password" value={f.next} onChange={(e) => setF({ ...f, next: e.target.value })} autoComplete="new-password" />
      </Field>
      <Field label={t('changePassword.new2')} error={errs.newPassword2}>
        <input name="newPassword2" type="password" value={f.next2} onChange={(e) => setF({ ...f, next2: e.target.value })} autoComplete="new-password" />
      </Field>
      <div className="actions">
        <button className="primary" type="submit">
          {t('changePassword.submit')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('actions.logout')}
          </button>
        ) : null}
      </div>
    </form>
  );
  return forced ? <div className="center-page">{form}</div> : form;
}
