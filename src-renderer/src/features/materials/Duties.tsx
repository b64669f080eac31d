import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { FilingRow, MaterialsRules } from '@contract/materials';
import { can } from '@contract/index';
import { errorText } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Grid } from '../../ui/Grid';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { askReason, askText } from '../../ui/dialog';

/**
 * Reporting deadlines of the ledger (standards §5): each receipt's acceptance report, each issue's
 * vouchers, the annual storage report — open ones with their deadline on the station calendar's
 * working days, the reports made, late ones with the reason given. Recording one asks for the
 * reason when it is late. Administrators set the numbers (and the transfer limit) below.
 */
export function DutiesTab() {
  const { t } = useTranslation('materials');
  const { user, station } = useSession();
  const [state, setState] = useState<'open' | 'late' | 'filed' | 'all'>('open');
  const { data, error } = useApiQuery('materials.filings.list', { state });
  const file = useApiMutation('materials.filings.file');
  const [err, setErr] = useState<string | null>(null);
  const canFile = can(user, 'materials.filings.file');
  const when = (ms: number | null) => (ms ? formatDateTime(ms, station.timeZone) : '');

  async function record(r: FilingRow) {
    setErr(null);
    const recipient = await askText({ title: t('duty.fileTitle', { what: subject(r) }), label: t('duty.recipient'), required: false, maxLength: 100 });
    if (recipient === null) return;
    let lateReason: string | undefined;
    if (Date.now() > r.dueAt) {
      const why = await askReason({ title: t('duty.lateTitle'), label: t('duty.lateReason') });
      if (why === null) return;
      lateReason = why;
    }
    try {
      await file.mutateAsync({ kind: r.kind, ...(r.docId ? { docId: r.docId } : { year: r.year! }), recipient, ...(lateReason ? { lateReason } : {}) });
    } catch (e) {
      setErr(errorText(e));
    }
  }
  const subject = (r: FilingRow) => (r.kind === 'annual' ? t('duty.year', { year: r.year }) : `${r.docNo ?? ''} ${r.warehouseName ?? ''}`);

  const cols = useMemo<ColDef<FilingRow>[]>(
    () => [
      { headerName: t('duty.kind'), width: 150, valueGetter: (p) => (p.data ? t(`duty.kinds.${p.data.kind}`) : '') },
      { headerName: t('duty.subject'), width: 260, valueGetter: (p) => (p.data ? subject(p.data) : '') },
      { headerName: t('duty.posted'), width: 150, valueGetter: (p) => when(p.data?.postedAt ?? null) },
      {
        headerName: t('duty.due'),
        width: 190,
        valueGetter: (p) => (p.data ? `${when(p.data.dueAt)}${p.data.workingDays ? t('duty.workingDays', { n: p.data.workingDays }) : ''}` : ''),
        cellClass: (p) => (p.data?.overdue && !p.data.filed ? 'bad' : ''),
      },
      {
        headerName: t('duty.status'),
        flex: 1,
        valueGetter: (p) => {
          const r = p.data;
          if (!r) return '';
          const cal = r.calendarUncovered ? ` ${t('duty.calendarUncovered')}` : '';
          if (!r.filed) return (r.overdue ? t('duty.overdue') : t('duty.open')) + cal;
          const head = r.filed.late ? t('duty.filedLate', { at: when(r.filed.filedAt), reason: r.filed.lateReason }) : t('duty.filedOnTime', { at: when(r.filed.filedAt) });
          const extra = [r.filed.recipient && t('duty.to', { to: r.filed.recipient }), r.filed.filedByName, r.filed.backdateReason && t('duty.backdated', { reason: r.filed.backdateReason })].filter(Boolean).join(' · ');
          return extra ? `${head} · ${extra}` : head;
        },
      },
    ],
    [t, station.timeZone],
  );
  return (
    <div>
      <div className="toolbar">
        <label>
          {t('duty.show')}{' '}
          <select name="dutyState" value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            {(['open', 'late', 'filed', 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`duty.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">{t('duty.hint')}</span>
      </div>
      <ErrorBanner error={error ?? err} />
      <Grid<FilingRow>
        rowData={data ?? []}
        columnDefs={cols}
        height={360}
        getRowId={(p) => p.data.key}
        onRowDoubleClicked={(e) => e.data && !e.data.filed && canFile && void record(e.data)}
      />
      {canFile ? <OpenActions rows={(data ?? []).filter((r) => !r.filed)} label={subject} onFile={record} /> : null}
      {can(user, 'materials.rules.set') ? <RulesForm /> : null}
    </div>
  );
}

function OpenActions(props: { rows: FilingRow[]; label(r: FilingRow): string; onFile(r: FilingRow): void }) {
  const { t } = useTranslation('materials');
  if (!props.rows.length) return null;
  return (
    <ul className="duty-actions">
      {props.rows.slice(0, 20).map((r) => (
        <li key={r.key}>
          <button type="button" data-testid="file-duty" onClick={() => props.onFile(r)}>
            {t('duty.file')}
          </button>{' '}
          {t(`duty.kinds.${r.kind}`)} {props.label(r)}
        </li>
      ))}
    </ul>
  );
}

function RulesForm() {
  const { t } = useTranslation('materials');
  const { data } = useApiQuery('materials.rules');
  const save = useApiMutation('materials.rules.set');
  const [f, setF] = useState<Omit<MaterialsRules, 'trackedSince'> | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    if (data) setF({ acceptanceDays: data.acceptanceDays, issueDays: data.issueDays, annualDue: data.annualDue, transferHours: data.transferHours, version: data.version });
  }, [data]);
  if (!f) return null;
  const num = (k: 'acceptanceDays' | 'issueDays' | 'transferHours') => (
    <label>
      {t(`rules.${k}`)}{' '}
      <input type="number" name={k} min={1} value={f[k]} onChange={(e) => setF({ ...f, [k]: Number(e.target.value) })} style={{ width: '5em' }} />
    </label>
  );
  return (
    <fieldset className="duty-rules">
      <legend>{t('rules.title')}</legend>
      {num('acceptanceDays')} {num('issueDays')}{' '}
      <label>
        {t('rules.annualDue')}{' '}
        <input name="annualDue" value={f.annualDue} onChange={(e) => setF({ ...f, annualDue: e.target.value })} style={{ width: '5em' }} />
      </label>{' '}
      {num('transferHours')}{' '}
      <button
        type="button"
        onClick={() => {
          setMsg(null);
          save.mutateAsync(f).then(() => setMsg(t('rules.saved')), (e: unknown) => setMsg(errorText(e)));
        }}
      >
        {t('a.save')}
      </button>
      {msg ? <span className="small"> {msg}</span> : null}
      <p className="muted small">{t('rules.source')}</p>
    </fieldset>
  );
}
