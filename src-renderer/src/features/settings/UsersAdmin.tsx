import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { api, errorText } from '../../api/client';
import { useSubmit } from '../../ui/useSubmit';
import { ROLES, type Role } from '@contract/roles';
import type { UserRow } from '@contract/users';
import { Grid } from '../../ui/Grid';
import { Field, ErrorBanner } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';

export function UsersAdmin() {
  const { t } = useTranslation(['settings', 'common']);
  const { station } = useSession();
  const { data, error, reload } = useApiQuery('users.list');
  const [selected, setSelected] = useState<UserRow | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const cols = useMemo<ColDef<UserRow>[]>(
    () => [
      { field: 'username', headerName: t('users.username'), width: 130 },
      { field: 'displayName', headerName: t('users.displayName'), width: 120 },
      { headerName: t('users.roles'), flex: 1, valueGetter: (p) => p.data?.roles.map((r) => t(`common:roles.${r}`)).join('、') },
      { headerName: t('users.status'), width: 110, valueGetter: (p) => (p.data?.disabled ? t('users.disabled') : p.data?.lockedUntil && p.data.lockedUntil > Date.now() ? t('users.locked') : t('users.active')) },
      { headerName: t('users.lastLogin'), width: 160, valueGetter: (p) => (p.data?.lastLoginAt ? formatDateTime(p.data.lastLoginAt, station.timeZone) : '') },
    ],
    [t, station.timeZone],
  );

  const act = async (fn: () => Promise<unknown>, okText: string) => {
    setActionError(null);
    setMsg(null);
    try {
      await fn();
      setMsg(okText);
      setSelected(null);
      reload();
    } catch (e) {
      setActionError(errorText(e));
    }
  };

  return (
    <div className="split">
      <div className="split-main">
        <ErrorBanner error={error} />
        <Grid<UserRow>
          rowData={data ?? []}
          columnDefs={cols}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          height={460}
        />
      </div>
      <div className="split-side">
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        <ErrorBanner error={actionError} />
        {selected ? (
          <UserActions key={selected.id + selected.version} user={selected} act={act} />
        ) : (
          <NewUser onCreated={() => reload()} />
        )}
      </div>
    </div>
  );
}

function RolePicker({ value, onChange }: { value: Role[]; onChange(r: Role[]): void }) {
  const { t } = useTranslation('common');
  return (
    <div className="role-picker">
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" name={`role-${r}`} checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />
          {t(`roles.${r}`)}
        </label>
      ))}
    </div>
  );
}

function NewUser({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation(['settings', 'common']);
  const [f, setF] = useState({ username: '', displayName: '', password: '', roles: ['operator'] as Role[] });
  const { error, errs, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.send('users.create', f))) {
      setF({ username: '', displayName: '', password: '', roles: ['operator'] });
      onCreated();
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="new-user">
      <h3>{t('users.new')}</h3>
      <ErrorBanner error={error} />
      <Field label={t('users.username')} error={errs.username}>
        <input name="username" value={f.username} onChange={(e) => setF({ ...f, username: e.target.value })} />
      </Field>
      <Field label={t('users.displayName')} error={errs.displayName}>
        <input name="displayName" value={f.displayName} onChange={(e) => setF({ ...f, displayName: e.target.value })} />
      </Field>
      <Field label={t('users.initialPassword')} hint={t('users.initialPasswordHint')} error={errs.password}>
        <input name="password" type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} autoComplete="new-password" />
      </Field>
      <Field label={t('users.roles')} error={errs.roles}>
        <RolePicker value={f.roles} onChange={(roles) => setF({ ...f, roles })} />
      </Field>
      <button className="primary" type="submit">
        {t('common:actions.create')}
      </button>
    </form>
  );
}

function UserActions({ user, act }: { user: UserRow; act(fn: () => Promise<unknown>, ok: string): Promise<void> }) {
  const { t } = useTranslation(['settings', 'common']);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  return (
    <div className="card" data-testid="user-actions">
      <h3>
        {user.displayName} <span className="muted">({user.username})</span>
      </h3>
      <Field label={t('users.roles')}>
        <RolePicker value={roles} onChange={setRoles} />
      </Field>
      <button type="button" onClick={() => void act(() => api.send('users.update', { id: user.id, version: user.version, roles }), t('users.rolesSaved'))}>
        {t('users.saveRoles')}
      </button>
      <hr />
      <Field label={t('users.newPassword')} hint={t('users.initialPasswordHint')}>
        <input name="resetPassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </Field>
      <button type="button" onClick={() => void act(() => api.send('users.resetPassword', { id: user.id, version: user.version, password }), t('users.passwordReset'))}>
        {t('users.resetPassword')}
      </button>
      {user.lockedUntil && user.lockedUntil > Date.now() ? (
        <button type="button" onClick={() => void act(() => api.send('users.unlock', { id: user.id, version: user.version }), t('users.unlocked'))}>
          {t('users.unlock')}
        </button>
      ) : null}
      <hr />
      <Field label={t('users.reason')}>
        <input name="disableReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button
        type="button"
        className={user.disabled ? '' : 'danger'}
        onClick={() =>
          void act(
            () => api.send('users.setDisabled', { id: user.id, version: user.version, disabled: !user.disabled, reason }),
            user.disabled ? t('users.enabledMsg') : t('users.disabledMsg'),
          )
        }
      >
        {user.disabled ? t('users.enable') : t('users.disable')}
      </button>
      <p className="muted small">{t('users.neverDeleted')}</p>
    </div>
  );
}
