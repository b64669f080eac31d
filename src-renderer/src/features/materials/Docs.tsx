import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { DocRow, FefoSuggestion } from '@contract/materials';
import { canApprove, docActions } from '@contract/materials-docs';
import { api, ApiCallError, errorText } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { can } from '@contract/index';
import { Grid } from '../../ui/Grid';
import { ErrorBanner, Field } from '../../ui/Field';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { fmtQty, useMat } from './shared';
import { Voucher } from './Voucher';
import { askReason } from '../../ui/dialog';

export function DocsTab({ initial }: { initial: string | null }) {
  const { t } = useTranslation('materials');
  const { station } = useSession();
  const [kind, setKind] = useState('');
  const list = useApiQuery('materials.docs.list', kind ? { kind: kind as 'receipt', limit: 200 } : { limit: 200 });
  const [selected, setSelected] = useState<string | null>(initial);
  const cols = useMemo<ColDef<DocRow>[]>(
    () => [
      { field: 'docNo', headerName: t('f.docNo'), width: 170 },
      { headerName: t('f.kind'), width: 100, valueGetter: (p) => (p.data ? t(`kinds.${p.data.kind}`) : '') },
      { headerName: t('f.status'), width: 90, valueGetter: (p) => (p.data ? t(`status.${p.data.status}`) : ''), cellClass: (p) => (p.data?.overdue && p.data.status === 'in_transit' ? 'bad' : '') },
      { headerName: t('f.warehouse'), flex: 1, valueGetter: (p) => (p.data ? p.data.warehouseName + (p.data.toWarehouseName ? ` → ${p.data.toWarehouseName}` : '') : '') },
      { headerName: t('f.date'), width: 140, valueGetter: (p) => (p.data ? formatDateTime(p.data.postedAt ?? p.data.createdAt, station.timeZone) : '') },
    ],
    [t, station.timeZone],
  );
  return (
    <div className="split">
      <div className="split-main">
        <div className="toolbar">
          <select name="kindFilter" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('all.kind')}</option>
            {(['receipt', 'issue', 'transfer', 'return', 'writeoff', 'adjustment', 'opening'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorBanner error={list.error} />
        <Grid<DocRow>
          rowData={list.data?.rows ?? []}
          columnDefs={cols}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', enableClickSelection: true, checkboxes: false }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0]?.id ?? null)}
          height={520}
        />
      </div>
      <div className="split-side" style={{ width: 460 }}>
        {selected ? <DocDetail key={selected} id={selected} onChanged={() => list.reload()} /> : <p className="muted">{t('msg.noSelection')}</p>}
      </div>
    </div>
  );
}

function DocDetail({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t } = useTranslation('materials');
  const { user, station } = useSession();
  const { data: doc, error, reload } = useApiQuery('materials.docs.get', { id });
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [print, setPrint] = useState(false);
  const [recv, setRecv] = useState<Record<number, { received: string; damaged: string; reason: string }>>({});
  const [reason, setReason] = useState('');
  if (!doc) return <ErrorBanner error={error} />;
  const act = async (fn: () => Promise<DocRow>, ok: (d: DocRow) => string) => {
    setErr(null);
    setMsg(null);
    try {
      const d = await fn();
      setMsg(ok(d));
      reload();
      onChanged();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const actions = docActions(doc, user);
  return (
    <div className="card doc-detail" data-testid="doc-detail">
      <h3>
        {t(`kinds.${doc.kind}`)} <span className="mono">{doc.docNo}</span> · <span data-testid="doc-status">{t(`status.${doc.status}`)}</span>
      </h3>
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      <ErrorBanner error={err} />
      <dl className="kv">
        <dt>{t('f.warehouse')}</dt>
        <dd>
          {doc.warehouseName}
          {doc.toWarehouseName ? ` → ${doc.toWarehouseName}` : ''}
        </dd>
        {doc.incidentId ? (
          <>
            <dt>{t('f.incident')}</dt>
            <dd>
              {doc.incidentTitle ?? ''}
            </dd>
          </>
        ) : null}
        {doc.recipient ? (
          <>
            <dt>{t('f.recipient')}</dt>
            <dd>{doc.recipient}</dd>
          </>
        ) : null}
        {doc.reason ? (
          <>
            <dt>{t('f.reason')}</dt>
            <dd>{doc.reason}</dd>
          </>
        ) : null}
        {doc.approverName ? (
          <>
            <dt>{t('f.approvedBy')}</dt>
            <dd>{doc.approverName}</dd>
          </>
        ) : null}
        {doc.deadlineAt ? (
          <>
            <dt>{t('f.deadline')}</dt>
            <dd className={doc.overdue ? 'bad' : ''}>
              {formatDateTime(doc.deadlineAt, station.timeZone)} {doc.overdue ? t('msg.overdue') : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th>{t('f.name')}</th>
            <th>{t('f.batch')}</th>
            <th>{doc.kind === 'transfer' ? t('f.sent') : t('f.qty')}</th>
            {doc.kind === 'transfer' ? <th>{t('f.received')}</th> : null}
            {doc.kind === 'transfer' ? <th>{t('f.damaged')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>
                {l.itemName} <span className="muted small">{l.spec}</span>
              </td>
              <td>
                {l.batchNo}
                {l.expiryDate ? <span className="muted small"> {l.expiryDate}</span> : null}
              </td>
              <td>
                {fmtQty(l.qty)}
                {l.unit}
              </td>
              {doc.kind === 'transfer' ? (
                doc.status === 'in_transit' ? (
                  <>
                    <td>
                      <input
                        name={`received-${l.lineNo}`}
                        type="number"
                        min={0}
                        value={recv[l.lineNo]?.received ?? String(l.qty)}
                        onChange={(e) => setRecv({ ...recv, [l.lineNo]: { received: e.target.value, damaged: recv[l.lineNo]?.damaged ?? '0', reason: recv[l.lineNo]?.reason ?? '' } })}
                        style={{ width: 70 }}
                      />
                    </td>
                    <td>
                      <input
                        name={`damaged-${l.lineNo}`}
                        type="number"
                        min={0}
                        value={recv[l.lineNo]?.damaged ?? '0'}
                        onChange={(e) => setRecv({ ...recv, [l.lineNo]: { received: recv[l.lineNo]?.received ?? String(l.qty), damaged: e.target.value, reason: recv[l.lineNo]?.reason ?? '' } })}
                        style={{ width: 60 }}
                      />
                    </td>
                  </>
                ) : (
                  <>
                    <td>{fmtQty(l.received)}</td>
                    <td>{fmtQty(l.damaged)}</td>
                  </>
                )
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {doc.status === 'in_transit' ? (
        <Field label={t('f.reason')}>
          <input name="receiveReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      ) : null}
      {canApprove(doc) ? <p className="muted small">{doc.kind === 'writeoff' ? t('msg.writeoffNeedsApproval') : t('msg.transferNeedsApproval')}</p> : null}
      <div className="doc-actions">
        {actions.includes('approve') ? (
          <button type="button" onClick={() => void act(() => api.send('materials.docs.approve', { id: doc.id, version: doc.version }), (d) => t('msg.approved', { no: d.docNo }))}>
            {t('a.approve')}
          </button>
        ) : null}
        {actions.includes('post') ? (
          <button type="button" className="primary" onClick={() => void act(() => api.send('materials.docs.post', { id: doc.id, version: doc.version }), (d) => t('msg.posted', { no: d.docNo }))}>
            {doc.kind === 'transfer' ? t('a.dispatch') : t('a.post')}
          </button>
        ) : null}
        {actions.includes('receive') ? (
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(
                () =>
                  api.send('materials.docs.receive', {
                    id: doc.id,
                    version: doc.version,
                    lines: doc.lines.map((l) => ({
                      lineNo: l.lineNo,
                      received: Number(recv[l.lineNo]?.received ?? l.qty),
                      damaged: Number(recv[l.lineNo]?.damaged ?? 0),
                      ...(reason ? { reason } : {}),
                    })),
                  }),
                (d) => t('msg.received', { no: d.docNo }),
              )
            }
          >
            {t('a.receive')}
          </button>
        ) : null}
        {actions.includes('reverse') ? (
          <button
            type="button"
            onClick={async () => {
              const why = await askReason({ title: `${t('a.reverse')} ${doc.docNo}`, label: t('f.reason') });
              if (why) void act(() => api.send('materials.docs.reverse', { id: doc.id, reason: why }), (d) => t('msg.reversed', { no: d.docNo }));
            }}
          >
            {t('a.reverse')}
          </button>
        ) : null}
        {actions.includes('void') ? (
          <button
            type="button"
            className="danger"
            onClick={async () => {
              const why = await askReason({ title: `${t('a.void')} ${doc.docNo}`, label: t('f.reason'), danger: true });
              if (why) void act(() => api.send('materials.docs.void', { id: doc.id, version: doc.version, reason: why }), (d) => `${d.docNo} ${t('status.void')}`);
            }}
          >
            {t('a.void')}
          </button>
        ) : null}
        <button type="button" data-testid="open-voucher" onClick={() => setPrint(true)}>
          {t('a.print')}
        </button>
      </div>
      {print ? <Voucher doc={doc} onClose={() => setPrint(false)} /> : null}
    </div>
  );
}

interface LineDraft {
  itemId: string;
  qty: string;
  batchId: string;
  batchNo: string;
  productionDate: string;
  expiryDate: string;
  reason: string;
}
const emptyLine = (): LineDraft => ({ itemId: '', qty: '', batchId: '', batchNo: '', productionDate: '', expiryDate: '', reason: '' });

export function NewDocTab({ onSaved }: { onSaved(id: string): void }) {
  const transferHours = useApiQuery('materials.rules').data?.transferHours ?? 12;
  const { t } = useTranslation('materials');
  const { user } = useSession();
  const { warehouses, items } = useMat();
  const mine = warehouses.filter((w) => !w.retired && w.keepers.some((k) => k.userId === user.id));
  const [kind, setKind] = useState<'receipt' | 'issue' | 'transfer' | 'return' | 'writeoff'>('receipt');
  const [f, setF] = useState({ warehouseId: '', toWarehouseId: '', source: 'purchase', incidentId: '', recipient: '', approvedByName: '', reason: '', note: '', acceptance: '' });
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [err, setErr] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [fefo, setFefo] = useState<Record<number, FefoSuggestion>>({});
  // Recent incidents to link an issue to (the incidents module may be absent: then free text).
  const incidents = useApiQuery('incidents.list', { limit: 50 }, { enabled: can(user, 'incidents.list') });
  const warehouseId = f.warehouseId || mine[0]?.id || '';
  const incoming = kind === 'receipt' || kind === 'return';
  const setLine = (i: number, p: Partial<LineDraft>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setErrs({});
    try {
      const d = await api.send('materials.docs.save', {
        kind,
        warehouseId,
        ...(kind === 'transfer' ? { toWarehouseId: f.toWarehouseId } : {}),
        ...(kind === 'receipt' ? { source: f.source as 'purchase' } : {}),
        ...(f.incidentId && kind === 'issue' ? { incidentId: f.incidentId } : {}),
        ...(f.recipient ? { recipient: f.recipient } : {}),
        ...(f.approvedByName ? { approvedByName: f.approvedByName } : {}),
        ...(f.reason ? { reason: f.reason } : {}),
        ...(f.note ? { note: f.note } : {}),
        ...(f.acceptance ? { acceptance: f.acceptance } : {}),
        lines: lines
          .filter((l) => l.itemId)
          .map((l) => ({
            itemId: l.itemId,
            qty: Number(l.qty),
            ...(l.batchId ? { batchId: l.batchId } : {}),
            ...(incoming ? { batch: { batchNo: l.batchNo, productionDate: l.productionDate, expiryDate: l.expiryDate } } : {}),
            ...(l.reason ? { reason: l.reason } : {}),
          })),
      });
      onSaved(d.id);
    } catch (e2) {
      setErr(errorText(e2));
      if (e2 instanceof ApiCallError) setErrs(e2.fieldErrors());
    }
  };
  const suggest = async (i: number) => {
    const l = lines[i];
    if (!l.itemId || !Number(l.qty)) return;
    try {
      const s = await api.send('materials.fefo', { warehouseId, itemId: l.itemId, qty: Number(l.qty) });
      setFefo({ ...fefo, [i]: s });
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="new-doc">
      <ErrorBanner error={err} />
      <div className="row">
        <Field label={t('f.kind')}>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {(['receipt', 'issue', 'transfer', 'return', 'writeoff'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('f.warehouse')} error={errs.warehouseId}>
          <select name="warehouseId" value={warehouseId} onChange={(e) => setF({ ...f, warehouseId: e.target.value })}>
            {mine.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </Field>
        {kind === 'transfer' ? (
          <Field label={t('f.toWarehouse')} error={errs.toWarehouseId}>
            <select name="toWarehouseId" value={f.toWarehouseId} onChange={(e) => setF({ ...f, toWarehouseId: e.target.value })}>
              <option value="" />
              {warehouses
                .filter((w) => !w.retired && w.id !== warehouseId)
                .map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
            </select>
          </Field>
        ) : null}
        {kind === 'receipt' ? (
          <Field label={t('f.source')}>
            <select name="source" value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })}>
              {(['purchase', 'transfer_in', 'donation', 'return'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`sources.${s}`)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </div>
      <div className="row">
        {kind === 'issue' ? (
          <Field label={t('f.incident')} error={errs.incidentId}>
            <input name="incidentId" list="mat-incidents" value={f.incidentId} onChange={(e) => setF({ ...f, incidentId: e.target.value })} />
            <datalist id="mat-incidents">
              {(incidents.data?.rows ?? []).map((i) => (
                <option key={i.id} value={i.id} label={`${i.no} ${i.summary.slice(0, 30)}`} />
              ))}
            </datalist>
          </Field>
        ) : null}
        {kind === 'issue' || kind === 'return' ? (
          <Field label={t('f.recipient')}>
            <input name="recipient" value={f.recipient} onChange={(e) => setF({ ...f, recipient: e.target.value })} />
          </Field>
        ) : null}
        {kind === 'issue' ? (
          <Field label={t('f.approvedBy')}>
            <input name="approvedByName" value={f.approvedByName} onChange={(e) => setF({ ...f, approvedByName: e.target.value })} />
          </Field>
        ) : null}
        {kind === 'writeoff' || kind === 'transfer' ? (
          <Field label={t('f.reason')}>
            <input name="reason" value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />
          </Field>
        ) : null}
        {kind === 'receipt' ? (
          <Field label={t('f.acceptance')}>
            <input name="acceptance" value={f.acceptance} onChange={(e) => setF({ ...f, acceptance: e.target.value })} />
          </Field>
        ) : null}
      </div>
      {kind === 'writeoff' ? <p className="muted small">{t('msg.writeoffNeedsApproval')}</p> : null}
      {kind === 'transfer' ? <p className="muted small">{t('msg.transferNeedsApproval')}；{t('msg.deadlineHours', { hours: transferHours })}</p> : null}
      <table className="table lines-table">
        <thead>
          <tr>
            <th style={{ width: '26%' }}>{t('f.item')}</th>
            <th style={{ width: 90 }}>{t('f.qty')}</th>
            {incoming ? (
              <>
                <th>{t('f.batch')}</th>
                <th>{t('f.production')}</th>
                <th>{t('f.expiry')}</th>
              </>
            ) : (
              <th>{t('f.batch')}</th>
            )}
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>
                <select name={`item-${i}`} value={l.itemId} onChange={(e) => setLine(i, { itemId: e.target.value })}>
                  <option value="" />
                  {items
                    .filter((it) => !it.retired)
                    .map((it) => (
                      <option key={it.id} value={it.id}>
                        {it.name} {it.spec} ({it.unit})
                      </option>
                    ))}
                </select>
                {errs[`lines.${i}.qty`] ? <span className="field-msg">{errs[`lines.${i}.qty`]}</span> : null}
              </td>
              <td>
                <input name={`qty-${i}`} type="number" step="any" value={l.qty} onChange={(e) => setLine(i, { qty: e.target.value })} />
              </td>
              {incoming ? (
                <>
                  <td>
                    <input name={`batchNo-${i}`} value={l.batchNo} onChange={(e) => setLine(i, { batchNo: e.target.value })} />
                  </td>
                  <td>
                    <input name={`production-${i}`} type="date" value={l.productionDate} onChange={(e) => setLine(i, { productionDate: e.target.value })} />
                  </td>
                  <td>
                    <input name={`expiry-${i}`} type="date" value={l.expiryDate} onChange={(e) => setLine(i, { expiryDate: e.target.value })} />
                  </td>
                </>
              ) : (
                <td>
                  <button type="button" className="small" onClick={() => void suggest(i)}>
                    {t('a.fefo')}
                  </button>
                  {fefo[i] ? (
                    <div className="small" data-testid={`fefo-${i}`}>
                      {fefo[i].allocations.map((a) => `${a.batchNo || '—'}(${a.expiryDate || '—'})×${fmtQty(a.qty)}`).join('，') || t('msg.fefoNone')}
                      {fefo[i].shortfall > 0 ? <span className="bad"> {t('msg.shortfall', { n: fmtQty(fefo[i].shortfall) })}</span> : null}
                      {fefo[i].expired.length ? <div className="bad">{t('msg.expiredHint')}：{fefo[i].expired.map((x) => `${x.batchNo}(${x.expiryDate})`).join('，')}</div> : null}
                    </div>
                  ) : null}
                </td>
              )}
              <td>
                {lines.length > 1 ? (
                  <button type="button" className="ghost" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                    {t('a.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => setLines([...lines, emptyLine()])}>
          {t('a.addLine')}
        </button>
        <button type="submit" className="primary">
          {t('a.save')}
        </button>
      </div>
    </form>
  );
}
