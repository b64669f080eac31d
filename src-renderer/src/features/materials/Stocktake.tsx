import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustReason, StocktakeRow } from '@contract/materials';
import { api, errorText } from '../../api/client';
import { ErrorBanner } from '../../ui/Field';
import { useSession } from '../../app/session';
import { fmtQty, useMat } from './shared';

const REASONS: AdjustReason[] = ['lost', 'found', 'damaged', 'expired', 'miscount', 'other'];

/** Count sheet: per-line "counted" mark, expiry visible, a reason for every variance. */
export function StocktakeTab() {
  const { t } = useTranslation('materials');
  const { user } = useSession();
  const { warehouses } = useMat();
  const mine = warehouses.filter((w) => w.keepers.some((k) => k.userId === user.id));
  const [warehouseId, setWarehouseId] = useState('');
  const [sheet, setSheet] = useState<StocktakeRow | null>(null);
  const [edits, setEdits] = useState<Record<number, { qty: string; reason: string }>>({});
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const wh = warehouseId || mine[0]?.id || '';
  const run = async (fn: () => Promise<StocktakeRow>) => {
    setErr(null);
    setMsg(null);
    try {
      const s = await fn();
      setSheet(s);
      return s;
    } catch (e) {
      setErr(errorText(e));
      return null;
    }
  };
  const saveCounts = () =>
    sheet
      ? run(() =>
          api.send('materials.stocktakes.count', {
            id: sheet.id,
            version: sheet.version,
            lines: Object.entries(edits)
              .filter(([, v]) => v.qty !== '')
              .map(([no, v]) => ({ lineNo: Number(no), countedQty: Number(v.qty), ...(v.reason ? { reason: v.reason as AdjustReason } : {}) })),
          }),
        )
      : Promise.resolve(null);
  return (
    <div>
      <ErrorBanner error={err} />
      {msg ? <div className="banner banner-ok">{msg}</div> : null}
      <div className="toolbar">
        <select name="stocktakeWarehouse" value={wh} onChange={(e) => setWarehouseId(e.target.value)}>
          {mine.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <button type="button" className="primary" onClick={() => void run(() => api.send('materials.stocktakes.start', { warehouseId: wh }))} disabled={!wh}>
          {t('a.start')}
        </button>
        {sheet ? (
          <span className="muted">
            {sheet.warehouseName} · {t('f.counted')} {sheet.counted}/{sheet.total} · {t(`status.${sheet.status === 'done' ? 'posted' : 'draft'}`)}
          </span>
        ) : null}
      </div>
      {sheet ? (
        <>
          <table className="table lines-table" data-testid="count-sheet">
            <thead>
              <tr>
                <th>{t('f.counted')}</th>
                <th>{t('f.name')}</th>
                <th>{t('f.spec')}</th>
                <th>{t('f.batch')}</th>
                <th>{t('f.expiry')}</th>
                <th>{t('f.system')}</th>
                <th>{t('f.countedQty')}</th>
                <th>{t('f.variance')}</th>
                <th>{t('f.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.lines.map((l) => {
                const e = edits[l.lineNo];
                const counted = e?.qty !== undefined && e.qty !== '' ? Number(e.qty) : l.countedQty;
                const variance = counted === null ? null : counted - l.systemQty;
                return (
                  <tr key={l.lineNo} className={l.counted ? 'counted-row' : ''}>
                    <td>{l.counted ? '✔' : ''}</td>
                    <td>{l.itemName}</td>
                    <td>{l.spec}</td>
                    <td>{l.batchNo}</td>
                    <td className={l.expired ? 'expired-cell' : ''}>{l.expiryDate}</td>
                    <td>
                      {fmtQty(l.systemQty)}
                      {l.unit}
                    </td>
                    <td>
                      <input
                        name={`count-${l.lineNo}`}
                        type="number"
                        step="any"
                        min={0}
                        disabled={sheet.status !== 'open'}
                        value={e?.qty ?? (l.countedQty === null ? '' : String(l.countedQty))}
                        onChange={(ev) => setEdits({ ...edits, [l.lineNo]: { qty: ev.target.value, reason: e?.reason ?? l.reason } })}
                        style={{ width: 80 }}
                      />
                    </td>
                    <td className={variance ? 'bad' : ''}>{variance === null ? '' : fmtQty(variance)}</td>
                    <td>
                      <select
                        name={`reason-${l.lineNo}`}
                        disabled={sheet.status !== 'open'}
                        value={e?.reason ?? l.reason}
                        onChange={(ev) => setEdits({ ...edits, [l.lineNo]: { qty: e?.qty ?? (l.countedQty === null ? '' : String(l.countedQty)), reason: ev.target.value } })}
                      >
                        <option value="" />
                        {REASONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`reasons.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t('msg.uncounted')}</p>
          {sheet.status === 'open' ? (
            <div className="actions">
              <button type="button" onClick={() => void saveCounts().then(() => setEdits({}))}>
                {t('a.saveCounts')}
              </button>
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void (async () => {
                    const s = Object.keys(edits).length ? await saveCounts() : sheet;
                    if (!s) return;
                    setEdits({});
                    const done = await run(() => api.send('materials.stocktakes.finish', { id: s.id, version: s.version }));
                    if (done) setMsg(t('msg.stocktakeDone'));
                  })()
                }
              >
                {t('a.finish')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
