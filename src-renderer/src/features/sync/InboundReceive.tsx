import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboundRow } from '@contract/sync';
import { api, errorText } from '../../api/client';
import { ErrorBanner, Field } from '../../ui/Field';
import { useApiQuery } from '../../api/query';

/** Books an expected inbound transfer into one of my warehouses: per line the local item, received, damaged, reason. */
export function InboundReceive({ row, onDone }: { row: InboundRow; onDone(): void }) {
  const { t } = useTranslation('sync');
  const wh = useApiQuery('materials.warehouses.list');
  const it = useApiQuery('materials.items.list', { includeRetired: false });
  const ref = { data: wh.data && it.data ? { warehouses: wh.data.filter((w) => !w.retired), items: it.data } : null, error: wh.error ?? it.error };
  const items = useMemo(() => it.data ?? [], [it.data]);
  const [warehouseId, setWarehouseId] = useState('');
  const [acceptance, setAcceptance] = useState('');
  const [lines, setLines] = useState(() => row.lines.map((l) => ({ itemId: '', received: String(l.qty), damaged: '0', reason: '' })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The district's item code is the usual key; otherwise the keeper chooses.
  const itemFor = (i: number) => lines[i].itemId || items.find((it) => it.code === row.lines[i].itemCode && it.unit === row.lines[i].unit)?.id || '';
  const set = (i: number, k: keyof (typeof lines)[number], v: string) => setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api.send('sync.inbound.receive', {
        id: row.id,
        warehouseId: warehouseId || ref.data?.warehouses[0]?.id || '',
        acceptance: acceptance || undefined,
        lines: lines.map((l, i) => ({ index: i, itemId: itemFor(i), received: Number(l.received), damaged: Number(l.damaged || 0), reason: l.reason || undefined })),
      });
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="inbound-receive">
      <h3>
        {t('inbound.receiveTitle')} · {row.orderNo}
      </h3>
      <ErrorBanner error={error ?? ref.error} />
      <Field label={t('inbound.warehouse')}>
        <select name="warehouseId" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          {(ref.data?.warehouses ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </Field>
      <table className="table">
        <thead>
          <tr>
            <th>{t('inbound.ordered')}</th>
            <th>{t('inbound.item')}</th>
            <th>{t('inbound.received')}</th>
            <th>{t('inbound.damaged')}</th>
            <th>{t('inbound.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {row.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.itemName} {l.qty}
                {l.unit}
              </td>
              <td>
                <select name={`item-${i}`} value={itemFor(i)} onChange={(e) => set(i, 'itemId', e.target.value)}>
                  <option value="">—</option>
                  {items
                    .filter((it) => it.unit === l.unit)
                    .map((it) => (
                      <option key={it.id} value={it.id}>
                        {it.code} {it.name}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <input name={`received-${i}`} inputMode="decimal" size={6} value={lines[i].received} onChange={(e) => set(i, 'received', e.target.value)} />
              </td>
              <td>
                <input name={`damaged-${i}`} inputMode="decimal" size={4} value={lines[i].damaged} onChange={(e) => set(i, 'damaged', e.target.value)} />
              </td>
              <td>
                <input name={`reason-${i}`} value={lines[i].reason} onChange={(e) => set(i, 'reason', e.target.value)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field label={t('inbound.acceptance')}>
        <input name="acceptance" value={acceptance} onChange={(e) => setAcceptance(e.target.value)} />
      </Field>
      <button className="primary" type="submit" disabled={busy}>
        {t('inbound.book')}
      </button>
    </form>
  );
}
