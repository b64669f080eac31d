import ExcelJS from 'exceljs';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import type { ImportField, ImportPreview, ImportRowResult, ImportSheet } from '../../contract/materials';
import { translate } from '../i18n/messages';
import { ApiError, invalid } from '../util/errors';
import { newId } from '../util/ids';
import { applyMoves, PREFIX, type LedgerEnv, type Move } from './ledger';
import { findOrCreateBatch, nextDocNo, requireKeeper, type ItemRec, type WarehouseRec } from './repo';
import { insertPostedDoc } from './repo-docs';
import { isLocalDate, localDate } from '../../contract/time';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).trim();
}

/** Reads every sheet of an uploaded workbook as text rows (the renderer picks a sheet and maps columns). */
export async function readWorkbook(base64: string): Promise<ImportSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch (e) {
    throw new ApiError('VALIDATION', 'materials.importBadFile', { reason: String(e instanceof Error ? e.message : e).slice(0, 100) });
  }
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, 200); c++) cells.push(cellText(row.getCell(c).value).slice(0, 200));
      rows.push(cells);
    });
    return { name: ws.name, rowCount: rows.length, rows: rows.slice(0, 20000) };
  });
}

export interface ParsedRow {
  row: number;
  warehouse: WarehouseRec;
  item: ItemRec;
  qty: number;
  batch: { batchNo: string; productionDate: string; expiryDate: string; origin: string; labelNo: string; quality: string };
}

function normDate(s: string): string | null {
  if (!s) return '';
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (m) {
    const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isLocalDate(d) ? d : null;
  }
  if (/^\d{5}$/.test(s)) {
    // An Excel serial date that arrived as a number.
    const d = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86400_000).toISOString().slice(0, 10);
    return d;
  }
  return null;
}

const REQUIRED: ImportField[] = ['warehouse', 'item', 'qty'];

/** Validates every row; nothing is written. The same checks run again inside the commit. */
export function parseRows(
  db: DB,
  locale: Locale,
  input: { rows: string[][]; mapping: Partial<Record<ImportField, number>>; firstDataRow: number },
): { preview: ImportPreview; parsed: ParsedRow[] } {
  const missing = REQUIRED.filter((f) => input.mapping[f] === undefined);
  if (missing.length) throw invalid('materials.importMapping', { fields: missing.join(', ') });
  const whs = stmt(db, 'SELECT * FROM mat_warehouses WHERE retired_at IS NULL').all() as WarehouseRec[];
  const items = stmt(db, 'SELECT * FROM mat_items WHERE retired_at IS NULL').all() as ItemRec[];
  const whBy = new Map<string, WarehouseRec>();
  for (const w of whs) {
    whBy.set(w.code.toLowerCase(), w);
    whBy.set(w.name, w);
  }
  const itemBy = new Map<string, ItemRec>();
  for (const i of items) {
    itemBy.set(i.code.toLowerCase(), i);
    itemBy.set(i.name, i);
  }
  const t = (k: string, p: Record<string, string>) => translate(locale, k, p);
  const get = (r: string[], f: ImportField) => (input.mapping[f] === undefined ? '' : (r[input.mapping[f]!] ?? '').trim());
  const results: ImportRowResult[] = [];
  const parsed: ParsedRow[] = [];
  for (let i = input.firstDataRow; i < input.rows.length; i++) {
    const r = input.rows[i];
    if (r.every((c) => !c || !c.trim())) continue;
    const errors: string[] = [];
    const wv = get(r, 'warehouse');
    const iv = get(r, 'item');
    const qv = get(r, 'qty');
    const w = whBy.get(wv.toLowerCase()) ?? whBy.get(wv);
    const item = itemBy.get(iv.toLowerCase()) ?? itemBy.get(iv);
    if (!wv) errors.push(t('imp.empty', { field: 'warehouse' }));
    else if (!w) errors.push(t('imp.noWarehouse', { v: wv }));
    if (!iv) errors.push(t('imp.empty', { field: 'item' }));
    else if (!item) errors.push(t('imp.noItem', { v: iv }));
    const q = Number(qv.replace(/,/g, ''));
    let milli = NaN;
    if (!qv || !Number.isFinite(q) || q <= 0 || Math.abs(q * 1000 - Math.round(q * 1000)) > 1e-6) errors.push(t('imp.badQty', { v: qv }));
    else {
      milli = Math.round(q * 1000);
      if (item && item.integer_unit === 1 && milli % 1000 !== 0) errors.push(t('imp.fractional', { v: qv, unit: item.unit }));
    }
    const dates: Record<string, string> = {};
    for (const f of ['productionDate', 'expiryDate'] as const) {
      const v = get(r, f);
      const d = normDate(v);
      if (d === null) errors.push(t('imp.badDate', { v }));
      else dates[f] = d;
    }
    const res: ImportRowResult = { row: i + 1, errors, warehouseName: w?.name, itemName: item?.name, qty: Number.isFinite(q) ? q : undefined, batchNo: get(r, 'batchNo'), expiryDate: dates.expiryDate };
    results.push(res);
    if (!errors.length && w && item) {
      parsed.push({
        row: i + 1,
        warehouse: w,
        item,
        qty: milli,
        batch: {
          batchNo: get(r, 'batchNo').slice(0, 60),
          productionDate: dates.productionDate ?? '',
          expiryDate: dates.expiryDate ?? '',
          origin: get(r, 'origin').slice(0, 60),
          labelNo: get(r, 'labelNo').slice(0, 60),
          quality: get(r, 'quality').slice(0, 60),
        },
      });
    }
  }
  const invalidCount = results.filter((r) => r.errors.length).length;
  return { preview: { total: results.length, valid: results.length - invalidCount, invalid: invalidCount, rows: results }, parsed };
}

/** All or nothing: any bad row refuses the whole file; otherwise one opening-balance document per warehouse. */
export function commitImport(
  env: LedgerEnv,
  locale: Locale,
  input: { rows: string[][]; mapping: Partial<Record<ImportField, number>>; firstDataRow: number },
): { id: string; docNo: string; warehouseName: string; lines: number }[] {
  const { db, now } = env;
  const { preview, parsed } = parseRows(db, locale, input);
  if (preview.invalid) {
    throw new ApiError('VALIDATION', 'materials.importInvalid', { count: preview.invalid }, { rows: preview.rows.filter((r) => r.errors.length).slice(0, 200) });
  }
  if (!parsed.length) throw invalid('materials.importEmpty');
  const byWh = new Map<string, ParsedRow[]>();
  for (const p of parsed) {
    const l = byWh.get(p.warehouse.id) ?? [];
    l.push(p);
    byWh.set(p.warehouse.id, l);
  }
  const out: { id: string; docNo: string; warehouseName: string; lines: number }[] = [];
  const today = localDate(now, env.timeZone);
  for (const [whId, rows] of byWh) {
    const w = rows[0].warehouse;
    if (!env.actor.roles.includes('admin')) requireKeeper(db, env.actor, w);
    const id = newId();
    const docNo = nextDocNo(db, PREFIX.opening, today);
    insertPostedDoc(db, { id, stationId: env.stationId, docNo, kind: 'opening', warehouseId: whId, source: 'import', reason: 'opening balance', by: env.actor.id }, now);
    const moves: Move[] = rows.map((r, i) => ({
      lineNo: i + 1,
      phase: 'post',
      warehouseId: whId,
      itemId: r.item.id,
      batchId: findOrCreateBatch(db, env.stationId, r.item.id, r.batch, newId, now),
      qty: r.qty,
      reason: `row ${r.row}`,
    }));
    applyMoves(db, id, moves, now);
    out.push({ id, docNo, warehouseName: w.name, lines: rows.length });
  }
  return out;
}

/** An xlsx of any view: header row + data rows; the renderer receives it as base64. */
export async function buildXlsx(title: string, headers: string[], rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchroom';
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(10, [...(headers[i] ?? '')].length * 2 + 4))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString('base64');
}
