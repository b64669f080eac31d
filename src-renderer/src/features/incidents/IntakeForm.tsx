import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, errorText } from '../../api/client';
import { SOURCES, suggestAccidentGrade, gradeIfMissingDead, majorNearMissBy, GRADES, type Grade, type IncidentDetail, type IncidentRow, type Source, type Taxonomy } from '@contract/incidents';
import type { Place } from '@contract/station';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSession } from '../../app/session';
import { formatLocal, nameOf, parseLocal, Picker, typeIndex, type PickOption } from './shared';
import { typeOptions } from './pick';

const CAS = ['dead', 'injured', 'serious', 'missing', 'trapped', 'evacuated'] as const;

interface FormState {
  source: Source;
  receivedAt: string;
  callerUnit: string;
  callerName: string;
  callerTitle: string;
  callerPhone: string;
  occurredAt: string;
  townshipCode: string | null;
  villageCode: string | null;
  placeText: string;
  lat: string;
  lng: string;
  typeCode: string | null;
  accidentType: string | null;
  industry: string | null;
  summary: string;
  cas: Record<(typeof CAS)[number], string>;
  directLoss: string;
  measures: string;
  informed: string;
  trend: string;
  cause: string;
  result: string;
  impact: string;
  endangered: string;
  seriousPollution: boolean;
  keySiteThreat: boolean;
  grade: Grade | '';
  gradeReason: string;
  flagged: boolean;
  flagReason: string;
}

const empty = (now: number, tz: string): FormState => ({
  source: 'phone',
  receivedAt: formatLocal(now, tz),
  callerUnit: '',
  callerName: '',
  callerTitle: '',
  callerPhone: '',
  occurredAt: '',
  townshipCode: null,
  villageCode: null,
  placeText: '',
  lat: '',
  lng: '',
  typeCode: null,
  accidentType: null,
  industry: null,
  summary: '',
  cas: { dead: '', injured: '', serious: '', missing: '', trapped: '', evacuated: '' },
  directLoss: '',
  measures: '',
  informed: '',
  trend: '',
  cause: '',
  result: '',
  impact: '',
  endangered: '',
  seriousPollution: false,
  keySiteThreat: false,
  grade: '',
  gradeReason: '',
  flagged: false,
  flagReason: '',
});

const int = (s: string) => (s.trim() === '' ? 0 : Number(s));

/**
 * The intake form, in the order a call goes (standards §6 phone-record elements): who calls,
 * when and where, what happened, casualties and loss, measures, who else knows, trend.
 * Tab follows that order; Enter saves from any field; Shift+Enter is a new line in text areas.
 */
export function IntakeForm(props: { tax: Taxonomy; places: Place[]; onClose(): void; onSaved(d: IncidentDetail, followup: boolean): void }) {
  const { t, i18n } = useTranslation('incidents');
  const { station } = useSession();
  const tz = station.timeZone;
  const lang = i18n.language;
  const [f, setF] = useState<FormState>(() => empty(Date.now(), tz));
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dups, setDups] = useState<IncidentRow[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((x) => ({ ...x, [k]: v }));

  const types = useMemo(() => typeIndex(props.tax), [props.tax]);
  const type = f.typeCode ? types.get(f.typeCode) : undefined;
  const opt = {
    source: SOURCES.map((s, i) => ({ value: s, label: `${i + 1} ${t(`sources.${s}`)}`, keys: s })),
    township: props.places
      .filter((p) => p.level === 'township')
      .map((p, i) => ({ value: p.code, label: `${i + 1} ${p.name}`, keys: p.code })),
    village: props.places
      .filter((p) => p.level === 'village' && (!f.townshipCode || p.parentCode === f.townshipCode))
      .map((p) => ({ value: p.code, label: p.name, keys: p.code })),
    type: typeOptions(props.tax.classes, lang),
    accident: props.tax.accidentTypes.map((x) => ({ value: x.code, label: `${x.code} ${nameOf(lang, x)}`, keys: `${x.name} ${x.en}` })),
    industry: props.tax.industries.map((x, i) => ({ value: x.code, label: `${i + 1} ${nameOf(lang, x)}`, keys: `${x.name} ${x.en}` })),
  } satisfies Record<string, PickOption[]>;

  const lossYuan = f.directLoss.trim() === '' ? null : Math.round(Number(f.directLoss) * 10_000);
  const suggested = type?.accident ? suggestAccidentGrade(props.tax.accidentThresholds, { dead: int(f.cas.dead), serious: int(f.cas.serious) }, lossYuan) : null;
  const overriding = f.grade !== '' && f.grade !== suggested?.grade;
  // 较大涉险事故 (standards §1, Decree 21).
  const nearMiss = type?.accident
    ? majorNearMissBy(props.tax.nearMiss, {
        casualties: { trapped: int(f.cas.trapped), missing: int(f.cas.missing), evacuated: int(f.cas.evacuated) },
        endangered: int(f.endangered), seriousPollution: f.seriousPollution, keySiteThreat: f.keySiteThreat,
      })
    : [];
  // Missing persons: the grade if they are confirmed dead (standards §2).
  const ifMissingDead = type?.accident
    ? gradeIfMissingDead(props.tax.accidentThresholds, props.tax.missingRule, {
        classCode: type.classCode, accidentType: f.accidentType, industry: f.industry, receivedAt: 0,
        casualties: { dead: int(f.cas.dead), serious: int(f.cas.serious), missing: int(f.cas.missing) }, directLoss: lossYuan,
      })
    : null;

  // Duplicate hint: same type and township, open, close in time.
  useEffect(() => {
    if (!type) return setDups([]);
    const received = parseLocal(f.receivedAt, tz);
    const occurred = parseLocal(f.occurredAt, tz);
    let live = true;
    api
      .send('incidents.duplicates', {
        classCode: type.classCode,
        typeCode: type.code,
        townshipCode: f.townshipCode,
        receivedAt: received && !Number.isNaN(received) ? received : undefined,
        occurredAt: occurred && !Number.isNaN(occurred) ? occurred : undefined,
      })
      .then((d) => live && setDups(d), () => live && setDups([]));
    return () => {
      live = false;
    };
  }, [f.typeCode, f.townshipCode, f.receivedAt, f.occurredAt, tz, type]);

  const input = () => {
    const receivedAt = parseLocal(f.receivedAt, tz);
    const occurredAt = parseLocal(f.occurredAt, tz);
    return {
      source: f.source,
      receivedAt: receivedAt === null ? undefined : receivedAt,
      occurredAt,
      callerUnit: f.callerUnit || undefined,
      callerName: f.callerName || undefined,
      callerTitle: f.callerTitle || undefined,
      callerPhone: f.callerPhone || undefined,
      townshipCode: f.townshipCode,
      villageCode: f.villageCode,
      placeText: f.placeText || undefined,
      lat: f.lat ? Number(f.lat) : null,
      lng: f.lng ? Number(f.lng) : null,
      classCode: type?.classCode ?? '',
      typeCode: f.typeCode ?? '',
      accidentType: type?.accident ? f.accidentType : null,
      industry: type?.accident ? f.industry : null,
      summary: f.summary,
      casualties: Object.fromEntries(CAS.map((k) => [k, int(f.cas[k])])) as Record<(typeof CAS)[number], number>,
      directLoss: lossYuan,
      measures: f.measures || undefined,
      informed: f.informed || undefined,
      trend: f.trend || undefined,
      cause: f.cause || undefined,
      result: f.result || undefined,
      impact: f.impact || undefined,
      ...(type?.accident ? { endangered: int(f.endangered), seriousPollution: f.seriousPollution, keySiteThreat: f.keySiteThreat } : {}),
      grade: f.grade === '' ? undefined : f.grade,
      gradeReason: f.gradeReason || undefined,
      flagged: f.flagged || undefined,
      flagReason: f.flagReason || undefined,
    };
  };

  const save = async () => {
    if (busy) return;
    setError(null);
    setErrs({});
    const bad: Record<string, string> = {};
    for (const k of ['receivedAt', 'occurredAt'] as const) if (Number.isNaN(parseLocal(f[k], tz))) bad[k] = t('f.timeHint');
    if (Object.keys(bad).length) return setErrs(bad);
    setBusy(true);
    try {
      const d = await api.send('incidents.create', input() as never);
      props.onSaved(d, false);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiCallError) setErrs(e.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  const addToExisting = async (row: IncidentRow) => {
    setError(null);
    try {
      const who = [f.callerUnit, f.callerName, f.callerPhone].filter(Boolean).join(' ');
      const d = await api.send('incidents.addEntry', { id: row.id, kind: 'followup', body: [who && `【${who}】`, f.summary].filter(Boolean).join('') || '—' });
      props.onSaved(d, true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    } else if (e.key === 'Enter' && !e.shiftKey && el.tagName !== 'BUTTON' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  const txt = (k: 'callerUnit' | 'callerName' | 'callerTitle' | 'callerPhone' | 'placeText' | 'lat' | 'lng' | 'receivedAt' | 'occurredAt', extra: Record<string, unknown> = {}) => (
    <input name={k} value={f[k]} onChange={(e) => set(k, e.target.value)} autoComplete="off" {...extra} />
  );
  const area = (k: 'summary' | 'measures' | 'informed' | 'trend' | 'cause' | 'result' | 'impact', rows = 2) => (
    <textarea name={k} rows={rows} value={f[k]} onChange={(e) => set(k, e.target.value)} />
  );

  return (
    <div className="intake-backdrop" role="dialog" aria-modal="true" aria-label={t('newCall')}>
      <form ref={formRef} className="card intake" onKeyDown={onKey} onSubmit={(e) => (e.preventDefault(), void save())} data-testid="intake-form" noValidate>
        <div className="intake-head">
          <h2>{t('newCall')}</h2>
          <span className="muted small">{t('hotkeyHint')}</span>
        </div>
        <ErrorBanner error={error} />
        <div className="intake-grid">
          <Field label={t('f.source')} error={errs.source}>
            <Picker name="source" options={opt.source} value={f.source} onChange={(v) => set('source', (v ?? 'phone') as Source)} autoFocus />
          </Field>
          <Field label={t('f.receivedAt')} error={errs.receivedAt} hint={t('f.timeHint')}>
            {txt('receivedAt')}
          </Field>
          <Field label={t('f.callerUnit')} error={errs.callerUnit}>{txt('callerUnit')}</Field>
          <Field label={t('f.callerName')} error={errs.callerName}>{txt('callerName')}</Field>
          <Field label={t('f.callerTitle')} error={errs.callerTitle}>{txt('callerTitle')}</Field>
          <Field label={t('f.callerPhone')} error={errs.callerPhone}>{txt('callerPhone', { inputMode: 'tel' })}</Field>
          <Field label={t('f.occurredAt')} error={errs.occurredAt} hint={t('f.timeHint')}>
            {txt('occurredAt')}
          </Field>
          <Field label={t('f.township')} error={errs.townshipCode}>
            <Picker name="township" options={opt.township} value={f.townshipCode} onChange={(v) => setF((x) => ({ ...x, townshipCode: v, villageCode: null }))} />
          </Field>
          <Field label={t('f.village')} error={errs.villageCode}>
            <Picker name="village" options={opt.village} value={f.villageCode} onChange={(v) => set('villageCode', v)} />
          </Field>
          <Field label={t('f.placeText')} error={errs.placeText}>{txt('placeText')}</Field>
          <div className="row latlng">
            <Field label={t('f.lat')} error={errs.lat}>{txt('lat', { inputMode: 'decimal', tabIndex: -1 })}</Field>
            <Field label={t('f.lng')} error={errs.lng}>{txt('lng', { inputMode: 'decimal', tabIndex: -1 })}</Field>
          </div>
          <Field label={t('f.type')} error={errs.typeCode ?? errs.classCode}>
            <Picker name="type" options={opt.type} value={f.typeCode} onChange={(v) => set('typeCode', v)} />
          </Field>
          {type?.accident ? (
            <>
              <Field label={t('f.accidentType')} error={errs.accidentType}>
                <Picker name="accidentType" options={opt.accident} value={f.accidentType} onChange={(v) => set('accidentType', v)} />
              </Field>
              <Field label={t('f.industry')} error={errs.industry}>
                <Picker name="industry" options={opt.industry} value={f.industry} onChange={(v) => set('industry', v)} />
              </Field>
            </>
          ) : null}
          <div className="span-all">
            <Field label={t('f.summary')} error={errs.summary}>{area('summary', 3)}</Field>
          </div>
          <fieldset className="span-all casualties">
            <legend>{t('f.casualties')}</legend>
            {CAS.map((k) => (
              <Field key={k} label={t(`f.${k}`)} error={errs[`casualties.${k}`]}>
                <input name={k} inputMode="numeric" value={f.cas[k]} onChange={(e) => setF((x) => ({ ...x, cas: { ...x.cas, [k]: e.target.value } }))} />
              </Field>
            ))}
            <Field label={t('f.directLoss')} error={errs.directLoss}>
              <input name="directLoss" inputMode="decimal" value={f.directLoss} onChange={(e) => set('directLoss', e.target.value)} />
            </Field>
          </fieldset>
          {nearMiss.length ? (
            <div className="span-all small bad" data-testid="near-miss">
              {t('f.nearMiss', { by: nearMiss.map((b) => t(`nearMissBy.${b}`)).join('、') })}
            </div>
          ) : null}
          <Field label={t('f.measures')} error={errs.measures}>{area('measures')}</Field>
          <Field label={t('f.informed')} error={errs.informed}>{area('informed')}</Field>
          <Field label={t('f.trend')} error={errs.trend}>{area('trend')}</Field>
          <Field label={t('f.cause')} error={errs.cause}>{area('cause')}</Field>
          <Field label={t('f.result')} error={errs.result}>{area('result')}</Field>
          <Field label={t('f.impact')} error={errs.impact}>{area('impact')}</Field>
          {type?.accident ? (
            <fieldset className="span-all casualties">
              <legend>{t('f.nearMissTitle')}</legend>
              <Field label={t('f.endangered')} error={errs.endangered}>
                <input name="endangered" inputMode="numeric" value={f.endangered} onChange={(e) => set('endangered', e.target.value)} />
              </Field>
              <label className="check">
                <input type="checkbox" name="seriousPollution" checked={f.seriousPollution} onChange={(e) => set('seriousPollution', e.target.checked)} />
                {t('f.seriousPollution')}
              </label>
              <label className="check">
                <input type="checkbox" name="keySiteThreat" checked={f.keySiteThreat} onChange={(e) => set('keySiteThreat', e.target.checked)} />
                {t('f.keySiteThreat')}
              </label>
            </fieldset>
          ) : null}
          <div className="grade-box">
            <div className="muted small" data-testid="grade-suggestion">
              {suggested ? t('f.gradeSuggested', { grade: t(`grades.${suggested.grade}`) }) : t('f.gradeNone')}
            </div>
            {ifMissingDead ? (
              <div className="small bad" data-testid="grade-if-missing">
                {t('f.gradeIfMissingDead', { grade: t(`gradesShort.${ifMissingDead.grade}`), days: ifMissingDead.windowDays })}
              </div>
            ) : null}
            <Field label={t('f.gradeOverride')} error={errs.grade}>
              <select name="grade" value={f.grade} onChange={(e) => set('grade', e.target.value as Grade | '')}>
                <option value="">{suggested ? t(`grades.${suggested.grade}`) : '—'}</option>
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {t(`grades.${g}`)}
                  </option>
                ))}
              </select>
            </Field>
            {overriding ? (
              <Field label={t('f.gradeReason')} error={errs.gradeReason}>
                <input name="gradeReason" value={f.gradeReason} onChange={(e) => set('gradeReason', e.target.value)} />
              </Field>
            ) : null}
          </div>
          <div className="span-all row flag-row">
            <label className="check">
              <input type="checkbox" name="flagged" checked={f.flagged} onChange={(e) => set('flagged', e.target.checked)} />
              {t('f.flag')}
            </label>
            {f.flagged ? <input name="flagReason" placeholder={t('f.flagReason')} value={f.flagReason} onChange={(e) => set('flagReason', e.target.value)} /> : null}
          </div>
        </div>
        {dups.length ? (
          <div className="banner banner-warn" data-testid="duplicates">
            <strong>{t('duplicates')}</strong>
            {dups.map((d) => (
              <div key={d.id} className="dup">
                <span className="mono">{d.no}</span> {formatLocal(d.receivedAt, tz)} {d.townshipName ?? ''} {d.summary.slice(0, 40)}
                <button type="button" tabIndex={-1} onClick={() => void addToExisting(d)}>
                  {t('addAsFollowup', { no: d.no })}
                </button>
              </div>
            ))}
          </div>
        ) : null}
        <div className="actions">
          <button className="primary" type="submit" disabled={busy}>
            {t('save')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
