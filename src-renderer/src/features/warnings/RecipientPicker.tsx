import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';
import { CHANNELS, type Channel } from '@contract/warnings';
import type { InputOf } from '@contract/index';

type NewRecipient = InputOf<'warnings.addRecipients'>['recipients'][number];

interface Candidate {
  key: string;
  name: string;
  unit: string;
  phone: string;
  /** leader / operator (duty staff) or unit / leader / hotline (contacts). */
  role: string;
  group: string;
  townshipCode: string | undefined;
}

/**
 * The forwarding list drawn from the roster directory (duty staff and contact units), narrowed by
 * township, role and unit/group, each picked recipient with its channel (电话/传真/短信); or typed by hand.
 */
export function RecipientPicker({ taken, onAdd }: { taken: Set<string>; onAdd: (r: NewRecipient[]) => Promise<boolean> }) {
  const { t } = useTranslation('warnings');
  const people = useApiQuery('roster.people.list', {}).data ?? [];
  const contacts = useApiQuery('roster.contacts.list', {}).data ?? [];
  const places = useApiQuery('station.places', {}, { reference: true }).data ?? [];
  const townships = places.filter((p) => p.level === 'township');
  const [township, setTownship] = useState('');
  const [role, setRole] = useState('');
  const [group, setGroup] = useState('');
  const [picked, setPicked] = useState<Map<string, Channel>>(new Map());
  const [manual, setManual] = useState({ name: '', unit: '', phone: '', channel: 'phone' as Channel });
  const [msg, setMsg] = useState<string | null>(null);

  const all = useMemo((): Candidate[] => {
    // A contact belongs to a township when its unit names it (东昌街道办事处 → 东昌街道).
    const townshipOf = (unit: string) => townships.find((p) => unit.includes(p.name))?.code;
    return [
      ...people.filter((p) => !p.disabled).map((p) => ({
        key: `p:${p.id}`, name: p.name, unit: p.unit, phone: p.mobile || p.officePhone, role: p.dutyRoles[0] ?? '', group: p.unit, townshipCode: townshipOf(p.unit),
      })),
      ...contacts.map((c) => ({
        key: `c:${c.id}`, name: c.name || c.title || c.org, unit: c.org, phone: c.mobile || c.phone, role: c.category, group: c.org, townshipCode: townshipOf(c.org),
      })),
    ];
  }, [people, contacts, townships]);
  const groups = [...new Set(all.map((c) => c.group).filter(Boolean))].sort();
  const shown = all.filter((c) => (!township || c.townshipCode === township) && (!role || c.role === role) && (!group || c.group === group) && !taken.has(`${c.name}|${c.unit}`));

  const flip = (key: string) => {
    const n = new Map(picked);
    if (n.has(key)) n.delete(key);
    else n.set(key, 'phone');
    setPicked(n);
  };
  async function addPicked() {
    const list = all.filter((c) => picked.has(c.key)).map((c): NewRecipient => ({
      name: c.name, unit: c.unit || undefined, phone: c.phone || undefined, channel: picked.get(c.key)!, townshipCode: c.townshipCode,
    }));
    if (!list.length) return setMsg(t('pick.selectSome'));
    if (await onAdd(list)) {
      setPicked(new Map());
      setMsg(t('pick.added', { n: list.length }));
    }
  }
  async function addManual() {
    if (!manual.name.trim()) return setMsg(t('form.need', { fields: t('pick.name') }));
    const ok = await onAdd([{ name: manual.name.trim(), unit: manual.unit.trim() || undefined, phone: manual.phone.trim() || undefined, channel: manual.channel }]);
    if (ok) {
      setManual({ name: '', unit: '', phone: '', channel: manual.channel });
      setMsg(t('pick.added', { n: 1 }));
    }
  }

  return (
    <div className="warn-picker" data-testid="recipient-picker">
      <h3>{t('pick.fromDirectory')}</h3>
      <div className="row">
        <label>{t('pick.byTownship')} <select value={township} onChange={(e) => setTownship(e.target.value)} data-filter="township">
          <option value="">{t('pick.all')}</option>
          {townships.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select></label>
        <label>{t('pick.byRole')} <select value={role} onChange={(e) => setRole(e.target.value)} data-filter="role">
          <option value="">{t('pick.all')}</option>
          {['leader', 'operator', 'unit', 'hotline'].map((r) => <option key={r} value={r}>{t(`pick.roles.${r}`)}</option>)}
        </select></label>
        <label>{t('pick.byGroup')} <select value={group} onChange={(e) => setGroup(e.target.value)} data-filter="group">
          <option value="">{t('pick.all')}</option>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select></label>
      </div>
      <ul className="warn-candidates">
        {shown.length === 0 ? <li className="muted">{t('pick.none')}</li> : null}
        {shown.map((c) => (
          <li key={c.key}>
            <label className="check">
              <input type="checkbox" checked={picked.has(c.key)} onChange={() => flip(c.key)} data-candidate={c.name} /> {c.name}
              <span className="muted small"> {c.unit} {c.phone}</span>
            </label>
            {picked.has(c.key) ? (
              <select value={picked.get(c.key)} onChange={(e) => setPicked(new Map(picked).set(c.key, e.target.value as Channel))} aria-label={t('view.channel')} data-channel-for={c.name}>
                {CHANNELS.map((x) => <option key={x} value={x}>{t(`channels.${x}`)}</option>)}
              </select>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void addPicked()} data-testid="add-picked">{t('pick.add')}</button>
      <h3>{t('pick.manual')}</h3>
      <div className="row warn-manual">
        <input placeholder={t('pick.name')} aria-label={t('pick.name')} value={manual.name} onChange={(e) => setManual({ ...manual, name: e.target.value })} data-manual="name" maxLength={50} />
        <input placeholder={t('view.unit')} aria-label={t('view.unit')} value={manual.unit} onChange={(e) => setManual({ ...manual, unit: e.target.value })} data-manual="unit" maxLength={100} />
        <input placeholder={t('view.phone')} aria-label={t('view.phone')} value={manual.phone} onChange={(e) => setManual({ ...manual, phone: e.target.value })} data-manual="phone" maxLength={40} />
        <select value={manual.channel} onChange={(e) => setManual({ ...manual, channel: e.target.value as Channel })} aria-label={t('view.channel')} data-manual="channel">
          {CHANNELS.map((x) => <option key={x} value={x}>{t(`channels.${x}`)}</option>)}
        </select>
        <button type="button" onClick={() => void addManual()} data-testid="add-manual">{t('pick.add')}</button>
      </div>
      {msg ? <div className="muted small" role="status">{msg}</div> : null}
    </div>
  );
}
