import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyRole } from '@contract/roster';
import { api, errorText } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { hhmm } from './util';

const toMinute = (s: string) => {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + (m || 0);
};

export function SetupTab() {
  const { t } = useTranslation(['roster', 'common']);
  const { user } = useSession();
  const canEdit = can(user, 'roster.shifts.update');
  const { data, error } = useApiQuery('roster.setup.get');
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [shift, setShift] = useState({ name: '', start: '08:30', hours: 24 });
  const [pos, setPos] = useState({ name: '', dutyRole: 'operator' as DutyRole, minCount: 1, maxCount: 2 });
  const [rules, setRules] = useState<{ minRestHours: number; maxConsecutive: number; minPerShift: number | null } | null>(null);
  const [cal, setCal] = useState({ date: '', kind: 'holiday' as 'auto' | 'workday' | 'weekend' | 'holiday' | 'makeup', name: '', reason: '' });
  const run = async (fn: () => Promise<unknown>, ok = t('common:saved')) => {
    setErr(null);
    setMsg(null);
    try {
      await fn();
      setMsg(ok);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const r = rules ?? (data ? { minRestHours: data.rules.minRestHours, maxConsecutive: data.rules.maxConsecutive, minPerShift: data.rules.minPerShift } : null);
  return (
    <div className="split">
      <div className="split-main">
        <ErrorBanner error={error} />
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        <ErrorBanner error={err} />
        {canEdit && data && !data.shifts.length && !data.positions.length ? (
          <button
            type="button"
            className="primary"
            data-testid="setup-defaults"
            onClick={() =>
              void run(async () => {
                await api.send('roster.shifts.create', { name: '全天班', startMinute: 510, durationMinutes: 1440 });
                await api.send('roster.positions.create', { name: '带班领导', dutyRole: 'leader', minCount: 1, maxCount: 1 });
                await api.send('roster.positions.create', { name: '值班员', dutyRole: 'operator', minCount: 1, maxCount: 2, sort: 1 });
              })
            }
          >
            {t('roster:setup.defaults')}
          </button>
        ) : null}
        <h3>{t('roster:setup.shifts')}</h3>
        <table className="table" data-testid="shifts">
          <thead>
            <tr>
              <th>{t('roster:setup.shiftName')}</th>
              <th>{t('roster:setup.start')}</th>
              <th>{t('roster:setup.hours')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.shifts.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{hhmm(s.startMinute)}</td>
                <td>{s.durationMinutes / 60}</td>
                <td>{canEdit ? <button type="button" className="ghost" onClick={() => void run(() => api.send('roster.shifts.void', { id: s.id, version: s.version, reason: 'void' }))}>{t('roster:setup.remove')}</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? (
          <div className="row">
            <input name="shiftName" placeholder={t('roster:setup.shiftName')} value={shift.name} onChange={(e) => setShift({ ...shift, name: e.target.value })} />
            <input type="time" name="shiftStart" value={shift.start} onChange={(e) => setShift({ ...shift, start: e.target.value })} />
            <input type="number" name="shiftHours" min={1} max={24} value={shift.hours} onChange={(e) => setShift({ ...shift, hours: Number(e.target.value) })} />
            <button type="button" onClick={() => void run(() => api.send('roster.shifts.create', { name: shift.name, startMinute: toMinute(shift.start), durationMinutes: Math.round(shift.hours * 60) }))}>
              {t('roster:setup.addShift')}
            </button>
          </div>
        ) : null}
        <h3>{t('roster:setup.positions')}</h3>
        <table className="table" data-testid="positions">
          <thead>
            <tr>
              <th>{t('roster:setup.positionName')}</th>
              <th>{t('roster:setup.role')}</th>
              <th>{t('roster:setup.min')}</th>
              <th>{t('roster:setup.max')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.positions.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{t(`roster:dutyRoles.${p.dutyRole}`)}</td>
                <td>{p.minCount}</td>
                <td>{p.maxCount}</td>
                <td>{canEdit ? <button type="button" className="ghost" onClick={() => void run(() => api.send('roster.positions.void', { id: p.id, version: p.version, reason: 'void' }))}>{t('roster:setup.remove')}</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit ? (
          <div className="row">
            <input name="posName" placeholder={t('roster:setup.positionName')} value={pos.name} onChange={(e) => setPos({ ...pos, name: e.target.value })} />
            <select name="posRole" value={pos.dutyRole} onChange={(e) => setPos({ ...pos, dutyRole: e.target.value as DutyRole })}>
              <option value="leader">{t('roster:dutyRoles.leader')}</option>
              <option value="operator">{t('roster:dutyRoles.operator')}</option>
            </select>
            <input type="number" name="posMin" min={0} max={5} value={pos.minCount} onChange={(e) => setPos({ ...pos, minCount: Number(e.target.value) })} />
            <input type="number" name="posMax" min={1} max={5} value={pos.maxCount} onChange={(e) => setPos({ ...pos, maxCount: Number(e.target.value) })} />
            <button type="button" onClick={() => void run(() => api.send('roster.positions.create', pos))}>
              {t('roster:setup.addPosition')}
            </button>
          </div>
        ) : null}
      </div>
      {canEdit && data && r ? (
        <div className="split-side">
          <div className="card">
            <h3>{t('roster:setup.rules')}</h3>
            <Field label={t('roster:setup.minRest')}>
              <input type="number" name="minRest" min={0} max={72} value={r.minRestHours} onChange={(e) => setRules({ ...r, minRestHours: Number(e.target.value) })} />
            </Field>
            <Field label={t('roster:setup.maxConsecutive')}>
              <input type="number" name="maxConsecutive" min={1} max={14} value={r.maxConsecutive} onChange={(e) => setRules({ ...r, maxConsecutive: Number(e.target.value) })} />
            </Field>
            <Field label={t('roster:setup.minPerShift')} hint={t('roster:setup.minPerShiftHint')}>
              <input
                type="number"
                name="minPerShift"
                min={1}
                max={20}
                value={r.minPerShift ?? ''}
                onChange={(e) => setRules({ ...r, minPerShift: e.target.value === '' ? null : Number(e.target.value) })}
              />
            </Field>
            <button type="button" onClick={() => void run(() => api.send('roster.rules.update', { version: data.rules.version, ...r }))}>
              {t('common:actions.save')}
            </button>
          </div>
          <div className="card">
            <h3>{t('roster:setup.calendar')}</h3>
            <div className="small muted">{t('roster:setup.calendarHint')}</div>
            <Field label={t('roster:setup.date')}>
              <input type="date" name="calDate" value={cal.date} onChange={(e) => setCal({ ...cal, date: e.target.value })} />
            </Field>
            <Field label={t('roster:setup.kind')}>
              <select name="calKind" value={cal.kind} onChange={(e) => setCal({ ...cal, kind: e.target.value as typeof cal.kind })}>
                {(['auto', 'workday', 'weekend', 'holiday', 'makeup'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`roster:setup.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('roster:setup.holidayName')}>
              <input name="calName" value={cal.name} onChange={(e) => setCal({ ...cal, name: e.target.value })} />
            </Field>
            <Field label={t('roster:setup.reason')}>
              <input name="calReason" value={cal.reason} onChange={(e) => setCal({ ...cal, reason: e.target.value })} />
            </Field>
            <button type="button" onClick={() => void run(() => api.send('roster.calendar.set', { ...cal, name: cal.name || undefined }))}>
              {t('common:actions.save')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
