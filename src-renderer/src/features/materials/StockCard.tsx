import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockCard } from '@contract/materials';
import { api, errorText } from '../../api/client';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { localDate, localToUtc } from '@contract/time';
import { downloadExport, fmtQty, useMat } from './shared';

/** Midnight of a station-local calendar day, as UTC ms. */
const dayStart = (d: string, timeZone: string): number => localToUtc(d, 0, timeZone);
const localToday = (timeZone: string) => localDate(Date.now(), timeZone);

/** Opening → every movement with its document → closing; retired items stay selectable. */
export function CardTab() {
  const { t } = useTranslation('materials');
  const { station } = useSession();
  const { items, warehouses } = useMat();
  const today = localToday(station.timeZone);
  const [f, setF] = useState({ itemId: '', warehouseId: '', from: `${today.slice(0, 4)}-01-01`, to: today });
  const [card, setCard] = useState<StockCard | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const input = () => ({ itemId: f.itemId, ...(f.warehouseId ? { warehouseId: f.warehouseId } : {}), from: dayStart(f.from, station.timeZone), to: dayStart(f.to, station.timeZone) + 86400_000 - 1 });
  const show = async () => {
    setErr(null);
    try {
      setCard(await api.send('materials.stockCard', input()));
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <div>
      <div className="toolbar">
        <select name="cardItem" value={f.itemId} onChange={(e) => setF({ ...f, itemId: e.target.value })}>
          <option value="">{t('f.item')}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} {i.spec}
              {i.retired ? ' ✕' : ''}
            </option>
          ))}
        </select>
        <select name="cardWarehouse" value={f.warehouseId} onChange={(e) => setF({ ...f, warehouseId: e.target.value })}>
          <option value="">{t('f.warehouse')}</option>
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <input type="date" name="cardFrom" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} />
        <input type="date" name="cardTo" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} />
        <button type="button" className="primary" disabled={!f.itemId} onClick={() => void show()}>
          {t('a.show')}
        </button>
        <button type="button" disabled={!f.itemId} onClick={() => void downloadExport({ view: 'card', card: input() }).catch((e: unknown) => setErr(errorText(e)))}>
          {t('a.export')}
        </button>
      </div>
      <ErrorBanner error={err} />
      {card ? (
        <table className="table" data-testid="stock-card">
          <thead>
            <tr>
              <th>{t('f.date')}</th>
              <th>{t('f.docNo')}</th>
              <th>{t('f.kind')}</th>
              <th>{t('f.warehouse')}</th>
              <th>{t('f.batch')}</th>
              <th>{t('f.in')}</th>
              <th>{t('f.out')}</th>
              <th>{t('f.balance')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td colSpan={7}>
                <b>
                  {card.item.name} {card.item.spec} — {t('f.from')} {f.from}
                </b>
              </td>
              <td data-testid="card-opening">{fmtQty(card.opening)}</td>
            </tr>
            {card.rows.map((r, i) => (
              <tr key={i}>
                <td>{formatDateTime(r.at, station.timeZone)}</td>
                <td className="mono">{r.docNo}</td>
                <td>{t(`kinds.${r.kind}`)}</td>
                <td>{r.warehouseName}</td>
                <td>{r.batchNo}</td>
                <td>{r.inQty ? fmtQty(r.inQty) : ''}</td>
                <td>{r.outQty ? fmtQty(r.outQty) : ''}</td>
                <td>{fmtQty(r.balance)}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={7}>
                <b>
                  {t('f.to')} {f.to}
                </b>
              </td>
              <td data-testid="card-closing">
                <b>{fmtQty(card.closing)}</b>
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
