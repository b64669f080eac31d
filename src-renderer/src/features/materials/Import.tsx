import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportPreview, ImportSheet } from '@contract/materials';
import { api, ApiCallError, errorText } from '../../api/client';
import { ErrorBanner } from '../../ui/Field';
import { fmtQty, useMat } from './shared';

const FIELDS: ImportField[] = ['warehouse', 'item', 'qty', 'batchNo', 'productionDate', 'expiryDate', 'origin', 'labelNo', 'quality'];
const GUESS: Record<ImportField, RegExp> = {
  warehouse: /仓库|库点|warehouse/i,
  item: /物资|品名|名称|item/i,
  qty: /数量|库存|qty|quantity/i,
  batchNo: /批号|批次|batch/i,
  productionDate: /生产/i,
  expiryDate: /有效期|到期|保质|expiry/i,
  origin: /产地|origin/i,
  labelNo: /编号|label/i,
  quality: /质量|quality/i,
};
const LABEL: Record<ImportField, string> = {
  warehouse: 'f.warehouse',
  item: 'f.item',
  qty: 'f.qty',
  batchNo: 'f.batch',
  productionDate: 'f.production',
  expiryDate: 'f.expiry',
  origin: 'f.origin',
  labelNo: 'f.labelNo',
  quality: 'f.quality',
};

/** Excel ledger import: upload → pick sheet → map columns → preview with per-row errors → all-or-nothing commit. */
export function ImportTab() {
  const { t } = useTranslation('materials');
  const { reload } = useMat();
  const [sheets, setSheets] = useState<ImportSheet[] | null>(null);
  const [sheetIdx, setSheetIdx] = useState(0);
  const [mapping, setMapping] = useState<Partial<Record<ImportField, number>>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const sheet = sheets?.[sheetIdx];
  const header = sheet?.rows[0] ?? [];
  const guess = (s: ImportSheet) => {
    const m: Partial<Record<ImportField, number>> = {};
    const h = s.rows[0] ?? [];
    for (const f of FIELDS) {
      const i = h.findIndex((c) => GUESS[f].test(c));
      if (i >= 0 && !Object.values(m).includes(i)) m[f] = i;
    }
    setMapping(m);
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setErr(null);
    setMsg(null);
    setPreview(null);
    const buf = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    try {
      const r = await api.send('materials.import.read', { base64: btoa(bin) });
      setSheets(r.sheets);
      setSheetIdx(0);
      if (r.sheets[0]) guess(r.sheets[0]);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const body = () => ({ rows: sheet!.rows, mapping: mapping as Record<ImportField, number>, firstDataRow: 1 });
  const doPreview = async () => {
    setErr(null);
    setMsg(null);
    try {
      setPreview(await api.send('materials.import.preview', body()));
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const commit = async () => {
    setErr(null);
    try {
      const r = await api.send('materials.import.commit', body());
      setMsg(t('msg.imported', { n: r.docs.length }) + '：' + r.docs.map((d) => `${d.docNo} ${d.warehouseName}×${d.lines}`).join('；'));
      setPreview(null);
      reload();
    } catch (e) {
      setErr(errorText(e));
      if (e instanceof ApiCallError) await doPreview();
    }
  };
  return (
    <div className="card" data-testid="import">
      <ErrorBanner error={err} />
      {msg ? (
        <div className="banner banner-ok" data-testid="import-done">
          {msg}
        </div>
      ) : null}
      <label className="field">
        <span className="field-label">{t('import.file')}</span>
        <input type="file" name="importFile" accept=".xlsx" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {sheets ? (
        <>
          <div className="toolbar">
            <label>
              {t('import.sheet')}{' '}
              <select
                name="sheet"
                value={sheetIdx}
                onChange={(e) => {
                  const i = Number(e.target.value);
                  setSheetIdx(i);
                  guess(sheets[i]);
                  setPreview(null);
                }}
              >
                {sheets.map((s, i) => (
                  <option key={s.name} value={i}>
                    {s.name} ({s.rowCount})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>{t('import.mapping')}</legend>
            <div className="toolbar">
              {FIELDS.map((f) => (
                <label key={f}>
                  {t(LABEL[f])}{' '}
                  <select
                    name={`map-${f}`}
                    value={mapping[f] ?? ''}
                    onChange={(e) => {
                      const m = { ...mapping };
                      if (e.target.value === '') delete m[f];
                      else m[f] = Number(e.target.value);
                      setMapping(m);
                      setPreview(null);
                    }}
                  >
                    <option value="">{t('import.none')}</option>
                    {header.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `#${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="actions">
            <button type="button" onClick={() => void doPreview()}>
              {t('a.preview')}
            </button>
            <button type="button" className="primary" disabled={!preview || preview.invalid > 0 || preview.valid === 0} onClick={() => void commit()}>
              {t('a.commit')}
            </button>
          </div>
        </>
      ) : null}
      {preview ? (
        <>
          <div className={preview.invalid ? 'banner banner-warn' : 'banner banner-ok'} data-testid="import-summary">
            {preview.invalid ? t('msg.previewBad', { invalid: preview.invalid }) : t('msg.previewOk', { valid: preview.valid })}
          </div>
          <table className="table" data-testid="import-preview">
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('f.warehouse')}</th>
                <th>{t('f.item')}</th>
                <th>{t('f.qty')}</th>
                <th>{t('f.batch')}</th>
                <th>{t('f.expiry')}</th>
                <th>{t('import.errors')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 300).map((r) => (
                <tr key={r.row} className={r.errors.length ? 'err-row' : ''}>
                  <td>{r.row}</td>
                  <td>{r.warehouseName ?? ''}</td>
                  <td>{r.itemName ?? ''}</td>
                  <td>{fmtQty(r.qty)}</td>
                  <td>{r.batchNo}</td>
                  <td>{r.expiryDate}</td>
                  <td className={r.errors.length ? 'bad' : 'ok'}>{r.errors.length ? r.errors.join('；') : t('import.ok')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
