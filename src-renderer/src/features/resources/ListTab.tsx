import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { can } from '@contract/index';
import { FIELDS, type ListName, type ResourceRow } from '@contract/resources';
import { api, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import { Grid } from '../../ui/Grid';
import { ErrorBanner } from '../../ui/Field';
import { askReason } from '../../ui/dialog';
import { downloadBase64, XLSX_MIME } from '../../ui/download';
import { RecordForm } from './RecordForm';
import { fieldLabel, shown } from './words';

/** Columns worth a glance in the grid (the rest is in the form and the export). */
const GRID_KEYS: Record<ListName, string[]> = {
  teams: ['name', 'kind', 'strength', 'leader', 'phone', 'townshipCode', 'equipment'],
  experts: ['name', 'field', 'unit', 'title', 'phone', 'townshipCode'],
  shelters: ['name', 'kind', 'status', 'capacity', 'manager', 'phone', 'townshipCode', 'address'],
  hazards: ['name', 'kind', 'monitor', 'phone', 'townshipCode', 'address'],
  plans: ['name', 'level', 'category', 'classCode', 'ownerUnit', 'planVersion', 'approvedOn', 'revisedOn'],
};

async function fileBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** One list: grid with filters, the record's form, void, Excel export and import. */
export function ListTab({ list }: { list: ListName }) {
  const { t } = useTranslation('resources');
  const { user } = useSession();
  const [showVoided, setShowVoided] = useState(false);
  const q = useApiQuery('resources.list', { list, includeVoided: showVoided });
  const [sel, setSel] = useState<ResourceRow | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const canWrite = can(user, 'resources.save');
  const rows = q.data ?? [];
  const cols = useMemo<ColDef<ResourceRow>[]>(() => {
    const defs = FIELDS[list];
    const c: ColDef<ResourceRow>[] = GRID_KEYS[list].map((k) => {
      const d = defs.find((x) => x.key === k)!;
      return {
        colId: k,
        headerName: fieldLabel(t, list, d),
        filter: true,
        flex: k === 'name' || k === 'equipment' || k === 'address' ? 2 : 1,
        minWidth: 90,
        valueGetter: (p) => (p.data ? (k === 'townshipCode' ? (p.data.townshipName ?? '') : shown(t, d, p.data.values[k])) : ''),
      };
    });
    if (list === 'plans') {
      c.push({
        colId: 'reviewDue',
        headerName: t('f.reviewDue'),
        minWidth: 130,
        valueGetter: (p) => (p.data?.reviewDue ? `${p.data.reviewDue} ${p.data.reviewState === 'ok' ? '' : t(`review.${p.data.reviewState}`)}` : ''),
        cellClass: (p) => (p.data?.reviewState === 'overdue' ? 'bad' : p.data?.reviewState === 'soon' ? 'warn' : ''),
      });
    }
    c.push({ colId: 'state', headerName: '', width: 110, valueGetter: (p) => (p.data?.voided ? t('msg.voidedTag') : p.data && !p.data.own ? t('msg.otherStation', { station: p.data.stationName }) : '') });
    return c;
  }, [list, t]);

  const act = async (fn: () => Promise<string>) => {
    setErr(null);
    setMsg(null);
    try {
      setMsg(await fn());
      q.reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    await act(async () => {
      const { rows: sheet } = await api.send('resources.readSheet', { base64: await fileBase64(file) });
      const r = await api.send('resources.import', { list, rows: sheet });
      return t('msg.imported', { added: r.added, updated: r.updated });
    });
    if (fileRef.current) fileRef.current.value = '';
  };
  const voidSel = async () => {
    if (!sel) return;
    const reason = await askReason({ title: t('msg.voidTitle', { name: String(sel.values.name) }), label: t('msg.reason') });
    if (!reason) return;
    await act(async () => {
      await api.send('resources.void', { list, id: sel.id, version: sel.version, reason });
      setSel(null);
      return t('msg.voided', { name: String(sel.values.name) });
    });
  };
  const editable = sel && sel.own && !sel.voided ? sel : null;
  return (
    <div className="res-list" data-testid={`res-${list}`}>
      <div className="toolbar">
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              const r = await api.send('resources.export', { list });
              downloadBase64(r.fileName, r.data, XLSX_MIME);
              return t('msg.exported', { rows: r.rows });
            })
          }
        >
          {t('a.export')}
        </button>
        {can(user, 'resources.import') ? (
          <label className="button-like">
            {t('a.import')}
            <input ref={fileRef} type="file" accept=".xlsx" hidden data-testid="res-import" onChange={(e) => void onImport(e.target.files?.[0])} />
          </label>
        ) : null}
        <label className="inline">
          <input type="checkbox" checked={showVoided} onChange={(e) => setShowVoided(e.target.checked)} /> {t('a.showVoided')}
        </label>
        {canWrite && editable ? (
          <button type="button" className="danger" onClick={() => void voidSel()} data-testid="res-void">
            {t('a.void')} {String(editable.values.name)}
          </button>
        ) : null}
      </div>
      {msg ? <div className="banner banner-ok" role="status">{msg}</div> : null}
      <ErrorBanner error={err ?? q.error} />
      {can(user, 'resources.import') ? <p className="muted small">{t('msg.importHint')}</p> : null}
      <div className="res-split">
        <div className="res-grid">
          <Grid<ResourceRow>
            rowData={rows}
            columnDefs={cols}
            getRowId={(p) => p.data.id}
            height={canWrite ? 520 : 620}
            rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
            onSelectionChanged={(e) => setSel(e.api.getSelectedRows()[0] ?? null)}
          />
        </div>
        {canWrite ? (
          <div className="res-side">
            <RecordForm
              list={list}
              row={editable}
              onSaved={(r) => {
                setMsg(t('msg.saved', { name: String(r.values.name) }));
                setErr(null);
                setSel(null);
                q.reload();
              }}
              onCancel={() => setSel(null)}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}
