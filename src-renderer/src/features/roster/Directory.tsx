import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { ContactRow, DutyRole, PersonRow } from '@contract/roster';
import { DUTY_ROLES } from '@contract/roster';
import { api, ApiCallError, errorText } from '../../api/client';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { PrintPortal } from './Print';

type PersonForm = { name: string; unit: string; title: string; mobile: string; officePhone: string; dutyRoles: DutyRole[]; userId: string | null; note: string };
const emptyPerson: PersonForm = { name: '', unit: '', title: '', mobile: '', officePhone: '', dutyRoles: ['operator'], userId: null, note: '' };

export function Directory() {
  const { t } = useTranslation(['roster', 'common']);
  const { user, station } = useSession();
  const canEdit = can(user, 'roster.people.update');
  const [q, setQ] = useState('');
  const pq = useApiQuery('roster.people.list', { q: q || undefined, includeDisabled: canEdit });
  const { data: people, error } = pq;
  const cq = useApiQuery('roster.contacts.list', { q: q || undefined });
  const contacts = cq.data;
  const reload = () => (pq.reload(), cq.reload());
  const { data: users } = useApiQuery('users.list', undefined, { enabled: canEdit && can(user, 'users.list') });
  const [selected, setSelected] = useState<PersonRow | null>(null);
  const [printing, setPrinting] = useState(false);
  const done = useCallback(() => setPrinting(false), []);

  const cols = useMemo<ColDef<PersonRow>[]>(
    () => [
      { field: 'name', headerName: t('roster:people.name'), width: 100 },
      { field: 'unit', headerName: t('roster:people.unit'), width: 140 },
      { field: 'title', headerName: t('roster:people.title'), width: 100 },
      { field: 'mobile', headerName: t('roster:people.mobile'), width: 130 },
      { field: 'officePhone', headerName: t('roster:people.office'), width: 130 },
      { headerName: t('roster:people.roles'), flex: 1, valueGetter: (p) => p.data?.dutyRoles.map((r) => t(`roster:dutyRoles.${r}`)).join('、') },
      { field: 'username', headerName: t('roster:people.user'), width: 100 },
    ],
    [t],
  );
  const byUnit = new Map<string, PersonRow[]>();
  for (const p of people ?? []) if (!p.disabled) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);

  return (
    <div className="split">
      <div className="split-main">
        <div className="roster-toolbar">
          <input name="q" placeholder={t('roster:people.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
          <span style={{ flex: 1 }} />
          <button type="button" onClick={() => setPrinting(true)} data-testid="print-phones">
            {t('roster:people.print')}
          </button>
        </div>
        <ErrorBanner error={error} />
        <h3>{t('roster:people.people')}</h3>
        <Grid<PersonRow>
          rowData={people ?? []}
          columnDefs={cols}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          getRowClass={(p) => (p.data?.disabled ? 'muted' : '')}
          height={360}
        />
        <h3>{t('roster:people.contacts')}</h3>
        <table className="table" data-testid="contacts">
          <thead>
            <tr>
              <th>{t('roster:people.category')}</th>
              <th>{t('roster:people.org')}</th>
              <th>{t('roster:people.name')}</th>
              <th>{t('roster:people.title')}</th>
              <th>{t('roster:people.phone')}</th>
              <th>{t('roster:people.mobile')}</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {(contacts ?? []).map((c) => (
              <ContactLine key={c.id} c={c} canEdit={canEdit} onChanged={reload} />
            ))}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <div className="split-side">
          <PersonEditor key={selected ? selected.id + selected.version : 'new'} person={selected} users={users ?? []} onSaved={() => (setSelected(null), reload())} />
          <NewContact onSaved={reload} />
          <LeaveCard people={(people ?? []).filter((p) => !p.disabled)} />
        </div>
      ) : null}
      {printing ? (
        <PrintPortal orientation="portrait" onDone={done}>
          <h1>{t('roster:people.printTitle', { station: station.name })}</h1>
          <table>
            <tbody>
              {[...byUnit.entries()].map(([unit, list]) => [
                <tr key={unit}>
                  <th colSpan={4}>{unit || '—'}</th>
                </tr>,
                ...list.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.title}</td>
                    <td>{p.mobile}</td>
                    <td>{p.officePhone}</td>
                  </tr>
                )),
              ])}
              {(contacts ?? []).length ? (
                <tr>
                  <th colSpan={4}>{t('roster:people.contacts')}</th>
                </tr>
              ) : null}
              {(contacts ?? []).map((c) => (
                <tr key={c.id}>
                  <td>{c.org}</td>
                  <td>
                    {c.name} {c.title}
                  </td>
                  <td>{c.phone}</td>
                  <td>{c.mobile}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </PrintPortal>
      ) : null}
    </div>
  );
}

function ContactLine({ c, canEdit, onChanged }: { c: ContactRow; canEdit: boolean; onChanged(): void }) {
  const { t } = useTranslation('roster');
  return (
    <tr>
      <td>{t(`people.categories.${c.category}`)}</td>
      <td>{c.org}</td>
      <td>{c.name}</td>
      <td>{c.title}</td>
      <td>{c.phone}</td>
      <td>{c.mobile}</td>
      {canEdit ? (
        <td>
          <button type="button" className="ghost" onClick={() => void api.send('roster.contacts.void', { id: c.id, version: c.version, reason: 'void' }).then(onChanged)}>
            {t('setup.remove')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

function PersonEditor({ person, users, onSaved }: { person: PersonRow | null; users: { id: string; username: string; displayName: string }[]; onSaved(): void }) {
  const { t } = useTranslation(['roster', 'common']);
  const [f, setF] = useState<PersonForm>(person ? { name: person.name, unit: person.unit, title: person.title, mobile: person.mobile, officePhone: person.officePhone, dutyRoles: person.dutyRoles, userId: person.userId, note: person.note } : emptyPerson);
  const [err, setErr] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setErr(null);
    setErrs({});
    try {
      await fn();
      if (!person) setF(emptyPerson);
      onSaved();
    } catch (e) {
      setErr(errorText(e));
      if (e instanceof ApiCallError) setErrs(e.fieldErrors());
    }
  };
  const input = (k: 'name' | 'unit' | 'title' | 'mobile' | 'officePhone', label: string) => (
    <Field label={label} error={errs[k]}>
      <input name={`p-${k}`} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </Field>
  );
  return (
    <form
      className="card roster-form"
      data-testid="person-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => (person ? api.send('roster.people.update', { id: person.id, version: person.version, ...f }) : api.send('roster.people.create', f)));
      }}
    >
      <h3>{person ? t('roster:people.edit', { name: person.name }) : t('roster:people.new')}</h3>
      <ErrorBanner error={err} />
      {input('name', t('roster:people.name'))}
      <div className="row">
        {input('unit', t('roster:people.unit'))}
        {input('title', t('roster:people.title'))}
      </div>
      <div className="row">
        {input('mobile', t('roster:people.mobile'))}
        {input('officePhone', t('roster:people.office'))}
      </div>
      <Field label={t('roster:people.roles')}>
        <div className="role-picker">
          {DUTY_ROLES.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" name={`duty-${r}`} checked={f.dutyRoles.includes(r)} onChange={(e) => setF({ ...f, dutyRoles: e.target.checked ? [...f.dutyRoles, r] : f.dutyRoles.filter((x) => x !== r) })} />
              {t(`roster:dutyRoles.${r}`)}
            </label>
          ))}
        </div>
      </Field>
      <Field label={t('roster:people.user')} error={errs.userId}>
        <select name="p-user" value={f.userId ?? ''} onChange={(e) => setF({ ...f, userId: e.target.value || null })}>
          <option value="">{t('roster:people.noUser')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName} ({u.username})
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          {person ? t('common:actions.save') : t('common:actions.create')}
        </button>
        {person ? (
          <button type="button" onClick={onSaved}>
            {t('common:actions.cancel')}
          </button>
        ) : null}
      </div>
      {person && !person.disabled ? (
        <div className="row">
          <input name="disableReason" placeholder={t('roster:people.disableReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="danger" onClick={() => void run(() => api.send('roster.people.setDisabled', { id: person.id, version: person.version, disabled: true, reason }))}>
            {t('roster:people.disable')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function NewContact({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation(['roster', 'common']);
  const [f, setF] = useState({ category: 'unit' as ContactRow['category'], org: '', name: '', title: '', phone: '', mobile: '' });
  const [err, setErr] = useState<string | null>(null);
  return (
    <form
      className="card roster-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setErr(null);
        try {
          await api.send('roster.contacts.create', { ...f, name: f.name || undefined, title: f.title || undefined, phone: f.phone || undefined, mobile: f.mobile || undefined });
          setF({ ...f, org: '', name: '', title: '', phone: '', mobile: '' });
          onSaved();
        } catch (x) {
          setErr(errorText(x));
        }
      }}
    >
      <h3>{t('roster:people.newContact')}</h3>
      <ErrorBanner error={err} />
      <div className="row">
        <select name="c-category" value={f.category} onChange={(e) => setF({ ...f, category: e.target.value as ContactRow['category'] })}>
          {(['unit', 'leader', 'hotline'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`roster:people.categories.${c}`)}
            </option>
          ))}
        </select>
        <input name="c-org" placeholder={t('roster:people.org')} value={f.org} onChange={(e) => setF({ ...f, org: e.target.value })} />
      </div>
      <div className="row">
        <input name="c-name" placeholder={t('roster:people.name')} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <input name="c-phone" placeholder={t('roster:people.phone')} value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} />
      </div>
      <button type="submit">{t('common:actions.create')}</button>
    </form>
  );
}

function LeaveCard({ people }: { people: PersonRow[] }) {
  const { t } = useTranslation(['roster', 'common']);
  const [f, setF] = useState({ personId: '', fromDate: '', toDate: '', kind: 'leave' as 'leave' | 'unavailable' | 'training' | 'trip' });
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  return (
    <form
      className="card roster-form"
      data-testid="leave"
      onSubmit={async (e) => {
        e.preventDefault();
        setErr(null);
        setMsg(null);
        try {
          const l = await api.send('roster.leave.add', f);
          setMsg(`${l.personName} ${l.fromDate} – ${l.toDate}`);
        } catch (x) {
          setErr(errorText(x));
        }
      }}
    >
      <h3>{t('roster:people.leave')}</h3>
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      <ErrorBanner error={err} />
      <select name="l-person" value={f.personId} onChange={(e) => setF({ ...f, personId: e.target.value })}>
        <option value="" />
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <div className="row">
        <Field label={t('roster:people.from')}>
          <input type="date" name="l-from" value={f.fromDate} onChange={(e) => setF({ ...f, fromDate: e.target.value })} />
        </Field>
        <Field label={t('roster:people.to')}>
          <input type="date" name="l-to" value={f.toDate} onChange={(e) => setF({ ...f, toDate: e.target.value })} />
        </Field>
      </div>
      <select name="l-kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}>
        {(['leave', 'unavailable', 'training', 'trip'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`roster:people.leaveKind.${k}`)}
          </option>
        ))}
      </select>
      <button type="submit">{t('roster:people.addLeave')}</button>
    </form>
  );
}
