import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import { api, errorText } from '../../api/client';
import { GRADES, STATUSES, type Grade, type IncidentDetail, type IncidentRow, type ListFilter, type Status } from '@contract/incidents';
import { Grid } from '../../ui/Grid';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { can } from '@contract/index';
import { IntakeForm } from './IntakeForm';
import { IncidentView } from './IncidentView';
import { downloadBase64, formatLocal, installIntakeHotkey, nameOf, parseLocal, typeIndex, useReference } from './shared';
import './incidents.css';

type SortCol = 'receivedAt' | 'occurredAt' | 'grade' | 'status' | 'township' | 'no';
const SORTABLE: Record<string, SortCol> = { no: 'no', receivedAt: 'receivedAt', occurredAt: 'occurredAt', grade: 'grade', status: 'status', township: 'township' };

/** Route: #/incidents, #/incidents/new (intake), #/incidents/<id> (one incident). */
function subRoute(): string {
  return location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
}

export function IncidentsPage() {
  const { t, i18n } = useTranslation('incidents');
  const { user, station } = useSession();
  const tz = station.timeZone;
  const ref = useReference();
  const [sub, setSub] = useState(subRoute());
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<{ from: string; to: string; typeCode: string; grade: Grade | ''; townshipCode: string; status: Status | ''; flagged: boolean }>({
    from: '',
    to: '',
    typeCode: '',
    grade: '',
    townshipCode: '',
    status: '',
    flagged: false,
  });
  const [total, setTotal] = useState<{ n: number; cap: number } | null>(null);
  const gridApi = useRef<GridApi<IncidentRow> | null>(null);
  const sortRef = useRef<SortModelItem[]>([]);
  const canWrite = can(user, 'incidents.create');

  useEffect(() => {
    const on = () => setSub(subRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  useEffect(() => {
    if (!sub || sub === 'new') return setDetail(null);
    let live = true;
    api.send('incidents.get', { id: sub }).then(
      (d) => live && setDetail(d),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [sub]);

  const listFilter = useMemo((): ListFilter => {
    const from = parseLocal(filter.from, tz);
    const to = parseLocal(filter.to, tz);
    const types = ref ? typeIndex(ref.tax) : null;
    return {
      q: q.trim() || undefined,
      from: from && !Number.isNaN(from) ? from : undefined,
      to: to && !Number.isNaN(to) ? to : undefined,
      classCode: filter.typeCode && types ? types.get(filter.typeCode)?.classCode : undefined,
      typeCode: filter.typeCode || undefined,
      grade: filter.grade ? [filter.grade] : undefined,
      townshipCode: filter.townshipCode || undefined,
      status: filter.status ? [filter.status] : undefined,
      flagged: filter.flagged || undefined,
    };
  }, [q, filter, tz, ref]);

  const sortOf = (m: SortModelItem[]) => {
    const s = m[0];
    return s && SORTABLE[s.colId] ? { col: SORTABLE[s.colId], dir: s.sort } : undefined;
  };

  // Server-side paging, sort and filter: the grid asks for blocks of 100 rows.
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        sortRef.current = p.sortModel;
        api
          .send('incidents.list', { ...listFilter, offset: p.startRow, limit: p.endRow - p.startRow, sort: sortOf(p.sortModel), count: p.startRow === 0 })
          .then(
            (r) => {
              if (r.total !== null) setTotal({ n: r.total, cap: r.countCap });
              const last = r.rows.length < p.endRow - p.startRow ? p.startRow + r.rows.length : -1;
              p.successCallback(r.rows, last);
            },
            (e) => {
              setError(errorText(e));
              p.failCallback();
            },
          );
      },
    }),
    [listFilter],
  );

  const lang = i18n.language;
  const cols = useMemo<ColDef<IncidentRow>[]>(() => {
    const types = ref ? typeIndex(ref.tax) : new Map();
    return [
      { colId: 'no', field: 'no', headerName: t('cols.no'), width: 110, sortable: true },
      { colId: 'receivedAt', headerName: t('cols.receivedAt'), width: 150, sortable: true, valueGetter: (p) => (p.data ? formatLocal(p.data.receivedAt, tz) : '') },
      { colId: 'occurredAt', headerName: t('cols.occurredAt'), width: 150, sortable: true, hide: true, valueGetter: (p) => (p.data?.occurredAt ? formatLocal(p.data.occurredAt, tz) : '') },
      { colId: 'township', headerName: t('cols.township'), width: 120, sortable: true, valueGetter: (p) => p.data?.townshipName ?? '' },
      { colId: 'type', headerName: t('cols.type'), width: 150, sortable: false, valueGetter: (p) => (p.data ? nameOf(lang, types.get(p.data.typeCode), p.data.typeCode) : '') },
      { colId: 'grade', headerName: t('cols.grade'), width: 90, sortable: true, valueGetter: (p) => (p.data?.grade ? t(`gradesShort.${p.data.grade}`) : ''), cellClass: (p) => (p.data?.grade ? `grade-${p.data.grade}` : '') },
      { colId: 'status', headerName: t('cols.status'), width: 90, sortable: true, valueGetter: (p) => (p.data ? t(`statuses.${p.data.status}`) : '') },
      { colId: 'flag', headerName: t('cols.flag'), width: 100, sortable: false, valueGetter: (p) => [p.data?.flagged ? '★' : '', p.data?.pendingAttention ? t('cols.pending') : ''].filter(Boolean).join(' ') },
      { colId: 'casualties', headerName: t('cols.casualties'), width: 110, sortable: false, valueGetter: (p) => (p.data ? `${p.data.casualties.dead}/${p.data.casualties.injured}/${p.data.casualties.missing}` : '') },
      { colId: 'summary', field: 'summary', headerName: t('cols.summary'), flex: 1, minWidth: 240, sortable: false },
      { colId: 'source', headerName: t('cols.source'), width: 100, sortable: false, hide: true, valueGetter: (p) => (p.data ? t(`sources.${p.data.source}`) : '') },
      { colId: 'caller', headerName: t('cols.caller'), width: 140, sortable: false, hide: true, valueGetter: (p) => [p.data?.callerUnit, p.data?.callerName].filter(Boolean).join(' ') },
    ];
  }, [t, tz, ref, lang]);

  // Column state per user (order, width, visibility, sort).
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveState = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const s = gridApi.current?.getColumnState();
      const state = s?.map((c) => ({
        colId: c.colId,
        width: c.width ?? null,
        hide: c.hide ?? null,
        sort: c.sort ?? null,
        sortIndex: c.sortIndex ?? null,
        pinned: typeof c.pinned === 'string' ? c.pinned : null,
        flex: c.flex ?? null,
      }));
      if (state) void api.send('incidents.saveGridState', { state }).catch(() => undefined);
    }, 600);
  }, []);

  const exportXlsx = async () => {
    setError(null);
    try {
      const x = await api.send('incidents.export', { ...listFilter, sort: sortOf(sortRef.current) });
      downloadBase64(x.fileName, x.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setMsg(t('exported', { n: x.rows }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!ref) return <div className="muted">{t('common:loading')}</div>;
  const types = typeIndex(ref.tax);
  const open = (id: string) => (location.hash = `#/incidents/${id}`);
  const closeIntake = () => (location.hash = '#/incidents');

  if (detail && sub !== 'new') {
    return (
      <div className="page">
        <IncidentView
          incident={detail}
          tax={ref.tax}
          onChange={(d) => {
            if (d.id !== detail.id) open(d.id);
            setDetail(d);
          }}
          onBack={() => (location.hash = '#/incidents')}
        />
      </div>
    );
  }

  return (
    <div className="page incidents-page">
      <div className="page-head">
        <h1 className="page-title">{t('title')}</h1>
        {canWrite ? (
          <button className="primary" type="button" onClick={() => (location.hash = '#/incidents/new')} data-testid="new-call">
            {t('newCall')} <kbd>F2</kbd>
          </button>
        ) : null}
      </div>
      {msg ? <div className="banner banner-ok" role="status">{msg}</div> : null}
      <ErrorBanner error={error} />
      <div className="filters no-print" data-testid="filters">
        <input type="search" name="q" className="search" placeholder={t('search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <input name="from" placeholder={t('filters.from')} value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} size={14} />
        <input name="to" placeholder={t('filters.to')} value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} size={14} />
        <select name="typeFilter" value={filter.typeCode} onChange={(e) => setFilter({ ...filter, typeCode: e.target.value })} aria-label={t('filters.type')}>
          <option value="">{t('filters.type')}：{t('filters.all')}</option>
          {[...types.values()].map((x) => (
            <option key={x.code} value={x.code}>
              {nameOf(lang, x)}
            </option>
          ))}
        </select>
        <select name="gradeFilter" value={filter.grade} onChange={(e) => setFilter({ ...filter, grade: e.target.value as Grade | '' })} aria-label={t('filters.grade')}>
          <option value="">{t('filters.grade')}：{t('filters.all')}</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {t(`gradesShort.${g}`)}
            </option>
          ))}
        </select>
        <select name="townshipFilter" value={filter.townshipCode} onChange={(e) => setFilter({ ...filter, townshipCode: e.target.value })} aria-label={t('filters.township')}>
          <option value="">{t('filters.township')}：{t('filters.all')}</option>
          {ref.places
            .filter((p) => p.level === 'township')
            .map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
        </select>
        <select name="statusFilter" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as Status | '' })} aria-label={t('filters.status')}>
          <option value="">{t('filters.status')}：{t('filters.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" name="flaggedFilter" checked={filter.flagged} onChange={(e) => setFilter({ ...filter, flagged: e.target.checked })} />
          {t('filters.flagged')}
        </label>
        <button type="button" className="ghost" onClick={() => (setQ(''), setFilter({ from: '', to: '', typeCode: '', grade: '', townshipCode: '', status: '', flagged: false }))}>
          {t('filters.clear')}
        </button>
        <span className="muted" data-testid="incident-count">
          {total ? (total.n > total.cap ? t('countCapped', { n: total.cap }) : t('count', { n: total.n })) : ''}
        </span>
        <button type="button" onClick={() => void exportXlsx()} data-testid="export">
          {t('export')}
        </button>
      </div>
      <Grid<IncidentRow>
        height="calc(100vh - 250px)"
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={100}
        maxBlocksInCache={20}
        columnDefs={cols}
        getRowId={(p) => p.data.id}
        onRowClicked={(e) => e.data && open(e.data.id)}
        onGridReady={(e) => {
          gridApi.current = e.api;
          void api.send('incidents.gridState').then((s) => {
            if (Array.isArray(s.state)) e.api.applyColumnState({ state: s.state as never, applyOrder: true });
          });
        }}
        onColumnMoved={(e) => e.finished && saveState()}
        onColumnResized={(e) => e.finished && saveState()}
        onColumnVisible={saveState}
        onSortChanged={saveState}
      />
      {sub === 'new' && canWrite ? (
        <IntakeForm
          tax={ref.tax}
          places={ref.places}
          onClose={closeIntake}
          onSaved={(d, followup) => {
            setMsg(followup ? t('addedFollowup', { no: d.no }) : t('saved', { no: d.no }));
            gridApi.current?.purgeInfiniteCache();
            closeIntake();
          }}
        />
      ) : null}
    </div>
  );
}

// F2 from anywhere in the app opens the intake form.
installIntakeHotkey();
