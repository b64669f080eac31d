import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyLogView, HandoverView, NowView, OnDutyShift } from '@contract/roster';
import { api, errorText } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';
import { monthOf } from '@contract/time';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { PrintPortal } from './Print';
import { hhmm } from './util';

export function ShiftPeople({ shift }: { shift: OnDutyShift }) {
  const { t } = useTranslation('roster');
  return (
    <ul className="on-duty-list">
      {shift.people.map((p, n) => (
        <li key={n}>
          <span className="pos">{p.positionName}</span>
          <b>{p.name}</b>
          <span className="phone">{p.mobile}</span>
          {p.officePhone ? <span className="phone muted">{p.officePhone}</span> : null}
          {p.substitute ? <span className="tag warn">{t('duty.substitute')}</span> : null}
          <span className={`tag ${p.signedIn ? 'ok' : ''}`}>{p.signedIn ? t('duty.signedIn') : t('duty.notSignedIn')}</span>
        </li>
      ))}
    </ul>
  );
}

export function OnDuty() {
  const { t } = useTranslation(['roster', 'common']);
  const { station } = useSession();
  const [tick, setTick] = useState(0);
  const nowQ = useApiQuery('roster.now');
  const reload = () => (setTick((x) => x + 1), nowQ.reload());
  const { data: now, error } = nowQ;
  const { data: setup } = useApiQuery('roster.setup.get');
  const [key, setKey] = useState<{ date: string; shiftId: string } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [outReason, setOutReason] = useState('');
  const [subFor, setSubFor] = useState('');
  const [subReason, setSubReason] = useState('');
  useEffect(() => {
    if (!key && now?.current) setKey({ date: now.current.date, shiftId: now.current.shiftId });
  }, [now, key]);

  const act = async (fn: () => Promise<unknown>, ok?: string) => {
    setActionError(null);
    setMsg(null);
    try {
      await fn();
      if (ok) setMsg(ok);
      reload();
    } catch (e) {
      setActionError(errorText(e));
    }
  };
  const fmt = (ms: number) => formatDateTime(ms, station.timeZone);
  const mineNow = now?.current?.people.some((p) => p.personId === now.me?.personId);

  return (
    <div className="split">
      <div className="split-main">
        <ErrorBanner error={error} />
        {msg ? <div className="banner banner-ok">{msg}</div> : null}
        <ErrorBanner error={actionError} />
        {key ? <Handover key={`${key.date}${key.shiftId}${tick}`} k={key} onChanged={reload} /> : null}
        {key ? <DutyLog key={`log${key.date}${key.shiftId}${tick}`} k={key} onChanged={reload} /> : null}
      </div>
      <div className="split-side">
        <div className="card" data-testid="current-shift">
          <h3>{t('roster:duty.current')}</h3>
          {now?.current ? (
            <>
              <div className="small muted">
                {now.current.shiftName} {fmt(now.current.startAt)} – {fmt(now.current.endAt)}
              </div>
              <ShiftPeople shift={now.current} />
            </>
          ) : (
            <div className="muted">{t('roster:duty.none')}</div>
          )}
          {now?.next ? (
            <>
              <h3>{t('roster:duty.next')}</h3>
              <div className="small muted">
                {now.next.shiftName} {fmt(now.next.startAt)}
              </div>
              <ShiftPeople shift={now.next} />
            </>
          ) : null}
        </div>
        <div className="card" data-testid="sign-in-card">
          {!now?.me ? <div className="muted">{t('roster:duty.notLinked')}</div> : null}
          {now?.mySignIn ? (
            <>
              <div className="ok">{t('roster:duty.mySignIn', { at: fmt(now.mySignIn.signedInAt) })}</div>
              <Field label={t('roster:duty.signOutReason')}>
                <input name="signOutReason" value={outReason} onChange={(e) => setOutReason(e.target.value)} />
              </Field>
              <button type="button" onClick={() => void act(() => api.send('roster.signOut', { signInId: now.mySignIn!.id, reason: outReason || undefined }))} data-testid="sign-out">
                {t('roster:duty.signOut')}
              </button>
            </>
          ) : now?.me ? (
            <>
              <button type="button" className="primary" onClick={() => void act(() => api.send('roster.signIn', {}))} data-testid="sign-in">
                {t('roster:duty.signIn')}
              </button>
              {!mineNow && now.current ? (
                <details>
                  <summary>{t('roster:duty.signInAsSub')}</summary>
                  <Field label={t('roster:duty.subFor')}>
                    <select name="subFor" value={subFor} onChange={(e) => setSubFor(e.target.value)}>
                      <option value="" />
                      {now.current.people
                        .filter((p) => !p.substitute)
                        .map((p) => (
                          <option key={p.personId} value={p.personId}>
                            {p.positionName} {p.name}
                          </option>
                        ))}
                    </select>
                  </Field>
                  <Field label={t('roster:duty.subReason')}>
                    <input name="subReason" value={subReason} onChange={(e) => setSubReason(e.target.value)} />
                  </Field>
                  <SubSignIn now={now} personId={subFor} reason={subReason} act={act} />
                </details>
              ) : null}
            </>
          ) : null}
          {now?.signIns.length ? (
            <ul className="on-duty-list small">
              {now.signIns.map((s) => (
                <li key={s.id}>
                  {s.personName} {fmt(s.signedInAt)}
                  {s.signedOutAt ? ` – ${fmt(s.signedOutAt)}` : ''}
                  {s.substituteForName ? <span className="tag warn">{t('roster:duty.substitute')}</span> : null}
                  {s.flagged ? <span className="tag bad">{t('roster:duty.flagged')}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="card">
          <Field label={t('roster:duty.shiftPick')}>
            <div className="row">
              <input type="date" name="logDate" value={key?.date ?? ''} onChange={(e) => e.target.value && setKey({ date: e.target.value, shiftId: key?.shiftId ?? setup?.shifts[0]?.id ?? '' })} />
              <select name="logShift" value={key?.shiftId ?? ''} onChange={(e) => key && setKey({ ...key, shiftId: e.target.value })}>
                {setup?.shifts.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} {hhmm(s.startMinute)}
                  </option>
                ))}
              </select>
            </div>
          </Field>
        </div>
      </div>
    </div>
  );
}

function SubSignIn({ now, personId, reason, act }: { now: NowView; personId: string; reason: string; act(fn: () => Promise<unknown>): Promise<void> }) {
  const { t } = useTranslation('roster');
  const { data } = useApiQuery('roster.month.get', { month: now.current ? monthOf(now.current.date) : '' }, { enabled: !!now.current });
  const a = data?.assignments.find((x) => x.personId === personId && x.startAt === now.current?.startAt);
  return (
    <button type="button" disabled={!a} onClick={() => a && void act(() => api.send('roster.signIn', { assignmentId: a.id, substituteReason: reason || undefined }))}>
      {t('duty.signInAsSub')}
    </button>
  );
}

function Handover({ k, onChanged }: { k: { date: string; shiftId: string }; onChanged(): void }) {
  const { t } = useTranslation(['roster', 'common']);
  const { station } = useSession();
  const { data: h, error } = useApiQuery('roster.handover.get', k);
  const [f, setF] = useState<{ situation: string; problems: string; tasks: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  // Seed the form from what is saved — not from every refresh, which would wipe what is being typed.
  useEffect(() => {
    if (h) setF({ situation: h.situation, problems: h.problems, tasks: h.tasks });
  }, [h?.id, h?.version, h?.date, h?.shiftId]);
  const run = async (fn: () => Promise<HandoverView>) => {
    setErr(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  if (!h || !f) return <ErrorBanner error={error} />;
  const ro = !h.canEdit;
  return (
    <div className="card three-clears" data-testid="handover">
      <h3>
        {t('roster:duty.handover')} · {h.date} {h.shiftName}{' '}
        <span className={`tag ${h.status === 'acknowledged' ? 'ok' : h.status === 'draft' ? 'warn' : ''}`} data-testid="handover-status">
          {t(`roster:duty.handoverStatus.${h.status}`)}
        </span>
      </h3>
      <ErrorBanner error={err} />
      {h.outgoingName ? <div className="small muted">{t('roster:duty.writtenBy', { name: h.outgoingName })}</div> : null}
      {h.acknowledgedAt ? <div className="small ok">{t('roster:duty.ackBy', { name: h.incomingName, at: formatDateTime(h.acknowledgedAt, station.timeZone) })}</div> : null}
      {(['situation', 'problems', 'tasks'] as const).map((x) => (
        <Field key={x} label={t(`roster:duty.${x}`)}>
          <textarea name={x} value={f[x]} readOnly={ro} onChange={(e) => setF({ ...f, [x]: e.target.value })} />
        </Field>
      ))}
      <h4>{t('roster:duty.openMatters')}</h4>
      {h.openMatters.length ? (
        <ul className="on-duty-list" data-testid="open-matters">
          {h.openMatters.map((m, n) => (
            <li key={n}>
              <span className={`tag ${m.severity === 'urgent' ? 'bad' : m.severity === 'warn' ? 'warn' : ''}`}>{m.kind}</span> {m.title}
              {m.dueAt ? <span className="small muted">{formatDateTime(m.dueAt, station.timeZone)}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <div className="muted small">{t('roster:duty.noOpenMatters')}</div>
      )}
      <div className="actions">
        {h.canEdit ? (
          <button type="button" className="primary" onClick={() => void run(() => api.send('roster.handover.save', { ...k, ...f, version: h.id ? h.version : undefined }))} data-testid="save-handover">
            {t('roster:duty.saveHandover')}
          </button>
        ) : null}
        {h.canAcknowledge ? (
          <button type="button" className="primary" onClick={() => void run(() => api.send('roster.handover.acknowledge', { id: h.id!, version: h.version }))} data-testid="ack-handover">
            {t('roster:duty.acknowledge')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function DutyLog({ k, onChanged }: { k: { date: string; shiftId: string }; onChanged(): void }) {
  const { t } = useTranslation(['roster', 'common']);
  const { station } = useSession();
  const [log, setLog] = useState<DutyLogView | null>(null);
  const { data: loaded, error } = useApiQuery('roster.log.get', k);
  useEffect(() => {
    if (loaded) setLog(loaded);
  }, [loaded]);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const done = useCallback(() => setPrinting(false), []);
  if (!log) return <ErrorBanner error={error} />;
  const fmt = (ms: number) => formatDateTime(ms, station.timeZone);
  const kind = (x: string) => t(`roster:duty.entryKind.${x}`, { defaultValue: x });
  const body = (
    <table className="table">
      <tbody>
        {log.entries.map((e, n) => (
          <tr key={n}>
            <td style={{ whiteSpace: 'nowrap' }}>{fmt(e.at)}</td>
            <td>{kind(e.kind)}</td>
            <td>
              {e.kind === 'audit' ? t(`roster:methods.${e.text.replace(/\./g, '_')}`, { defaultValue: e.text }) : e.text}
              {e.kind === 'audit' ? <span className="muted small mono"> {e.text}</span> : null}
            </td>
            <td>{e.user}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="card" data-testid="duty-log">
      <h3>
        {t('roster:duty.log')} · {log.date} {log.shiftName}{' '}
        <button type="button" className="ghost" onClick={() => setPrinting(true)} data-testid="print-log">
          {t('roster:duty.printLog')}
        </button>
      </h3>
      <ErrorBanner error={err} />
      {body}
      {log.frozen ? (
        <div className="muted small">{t('roster:duty.logFrozen')}</div>
      ) : (
        <div className="row">
          <input name="logText" placeholder={t('roster:duty.logAdd')} value={text} onChange={(e) => setText(e.target.value)} style={{ flex: 1 }} />
          <button
            type="button"
            onClick={async () => {
              setErr(null);
              try {
                setLog(await api.send('roster.log.add', { ...k, text }));
                setText('');
                onChanged();
              } catch (e) {
                setErr(errorText(e));
              }
            }}
            data-testid="add-log"
          >
            {t('roster:duty.logAddBtn')}
          </button>
        </div>
      )}
      {printing ? (
        <PrintPortal orientation="portrait" onDone={done}>
          <h1>
            {station.name} {t('roster:duty.log')} {log.date} {log.shiftName}
          </h1>
          <p>
            {fmt(log.startAt)} – {fmt(log.endAt)} · {log.people.map((p) => `${p.positionName} ${p.name}`).join('　')}
          </p>
          {body}
        </PrintPortal>
      ) : null}
    </div>
  );
}
