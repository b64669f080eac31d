import ExcelJS from 'exceljs';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import { CHOICES, FIELDS, fieldSchema, type FieldDef, type ListName, type ResourceRow, type Values } from '../../contract/resources';
import { isLocalDate } from '../../contract/time';
import { townshipNames } from '../station/places';
import { translate } from '../i18n/messages';
import { ApiError, invalid } from '../util/errors';
import { addTableSheet, newWorkbook, toBase64, type Cell, type SheetHead } from '../paper/workbook';
import { choiceCode, choiceLabel, fieldLabel, listTitle } from './words';

/*
 * The lists as spreadsheets (these lists live in Excel today). Export writes the printable layout of
 * core/paper/workbook.ts with one column per field in the words of the caller's language; import
 * reads that layout back (headings in either language, choices as words or codes, townships by name
 * or code) and checks every row before anything is written.
 */

/** The cell as a person reads it. */
function cellOut(locale: Locale, d: FieldDef, v: Values[string], towns: Map<string, string>): Cell {
  if (v === null || v === undefined) return null;
  if (d.kind === 'choice') return choiceLabel(locale, d.choices!, String(v));
  if (d.kind === 'township') return towns.get(String(v)) ?? String(v);
  return v;
}

export async function exportList(db: DB, locale: Locale, list: ListName, rows: readonly ResourceRow[], head: Omit<SheetHead, 'subject' | 'locale'>): Promise<string> {
  const towns = townshipNames(db);
  const fields = FIELDS[list];
  const columns = fields.map((d) => ({ header: fieldLabel(locale, list, d), max: d.kind === 'longtext' ? 40 : 30, align: d.kind === 'int' ? ('right' as const) : undefined }));
  const body: Cell[][] = rows.map((r) => fields.map((d) => cellOut(locale, d, r.values[d.key], towns)));
  if (list === 'plans') {
    columns.push({ header: translate(locale, 'resources.f.reviewDue'), max: 14, align: undefined });
    rows.forEach((r, i) => body[i].push(r.reviewDue ?? null));
  }
  const wb = newWorkbook();
  addTableSheet(wb, listTitle(locale, list), { ...head, subject: listTitle(locale, list), locale }, columns, body);
  return toBase64(wb);
}

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

/** The first sheet as text rows, each at its sheet position (row 5 of the sheet is rows[4]), so errors name the rows a person sees. */
export async function readSheet(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch (e) {
    throw new ApiError('VALIDATION', 'resources.importBadFile', { reason: String(e instanceof Error ? e.message : e).slice(0, 100) });
  }
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  if (!ws) return rows;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 5000) return;
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 60); c++) cells.push(cellText(row.getCell(c).value).slice(0, 4000));
    while (rows.length < n - 1) rows.push([]);
    rows[n - 1] = cells;
  });
  return rows;
}

export interface ParsedRow {
  row: number;
  values: Values;
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (m) {
    const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isLocalDate(d) ? d : null;
  }
  if (/^\d{5}$/.test(s)) return new Date(Date.UTC(1899, 11, 30) + Number(s) * 86400_000).toISOString().slice(0, 10); // an Excel serial date
  return null;
}

/** One cell to a value, or the reason it is refused (in the caller's words). */
function parseCell(locale: Locale, list: ListName, d: FieldDef, raw: string, towns: Map<string, string>): { value: string | number | null } | { error: string } {
  const field = fieldLabel(locale, list, d);
  const t = (k: string, p: Record<string, string | number> = {}) => ({ error: translate(locale, `resources.${k}`, { field, v: raw, ...p }) });
  const s = raw.trim();
  if (!s) return d.required ? t('cellRequired') : { value: null };
  let value: string | number;
  switch (d.kind) {
    case 'int': {
      const n = s.replace(/[,，\s]/g, '').replace(/人$/, '');
      if (!/^\d+$/.test(n)) return t('cellNumber');
      value = Number(n);
      break;
    }
    case 'lat':
    case 'lng':
      value = Number(s);
      if (!Number.isFinite(value)) return t('cellCoord');
      break;
    case 'township': {
      const code = /^\d{9}$/.test(s) ? s : [...towns].find(([, name]) => name === s)?.[0];
      if (!code || !towns.has(code)) return t('cellTownship');
      value = code;
      break;
    }
    case 'choice': {
      const code = choiceCode(d.choices!, s);
      if (!code) return t('cellChoice', { choices: CHOICES[d.choices!].map((c) => choiceLabel(locale, d.choices!, c)).join('、') });
      value = code;
      break;
    }
    case 'date': {
      const v = parseDate(s);
      if (!v) return t('cellDate');
      value = v;
      break;
    }
    case 'codes':
      value = s.split(/[,，、;；\s]+/).filter(Boolean).join(',');
      break;
    default:
      value = s;
  }
  if (!fieldSchema(d).safeParse(value).success) {
    if (d.kind === 'text' || d.kind === 'longtext') return t('cellTooLong', { max: d.max ?? 200 });
    if (d.kind === 'phone') return t('cellPhone');
    if (d.kind === 'codes') return t('cellCodes');
    return t('cellCoord');
  }
  return { value };
}

/**
 * Every row of the sheet checked. A bad row refuses the file (VALIDATION naming the rows and what is
 * wrong with each, in words); nothing is written here either way.
 */
export function parseSheet(db: DB, locale: Locale, list: ListName, rows: readonly string[][]): ParsedRow[] {
  const fields = FIELDS[list];
  const labels = new Map<string, FieldDef>();
  for (const d of fields) for (const l of ['zh-CN', 'en'] as const) labels.set(norm(fieldLabel(l, list, d)), d);
  const required = fields.filter((d) => d.required);
  const headerAt = rows.slice(0, 10).findIndex((r) => r.some((c) => labels.get(norm(c))?.key === 'name'));
  if (headerAt < 0) throw invalid('resources.importNoHeader', { columns: required.map((d) => fieldLabel(locale, list, d)).join('、') });
  const colOf = new Map<string, number>();
  rows[headerAt].forEach((c, i) => {
    const d = labels.get(norm(c));
    if (d && !colOf.has(d.key)) colOf.set(d.key, i);
  });
  const missing = required.filter((d) => !colOf.has(d.key));
  if (missing.length) throw invalid('resources.importMissingColumns', { columns: missing.map((d) => fieldLabel(locale, list, d)).join('、') });

  const towns = townshipNames(db);
  const parsed: ParsedRow[] = [];
  const bad: { row: number; errors: string[] }[] = [];
  const names = new Map<string, number>();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.every((c) => !c || !c.trim())) continue;
    const errors: string[] = [];
    const values: Values = {};
    for (const d of fields) {
      const col = colOf.get(d.key);
      const res = parseCell(locale, list, d, col === undefined ? '' : (r[col] ?? ''), towns);
      if ('error' in res) errors.push(res.error);
      else values[d.key] = res.value;
    }
    if ((values.lat == null) !== (values.lng == null) && !errors.length) errors.push(translate(locale, 'resources.cellCoordPair'));
    const name = values.name as string | undefined;
    if (name) {
      const other = names.get(name);
      if (other) errors.push(translate(locale, 'resources.importDuplicate', { other }));
      else names.set(name, i + 1);
    }
    if (errors.length) bad.push({ row: i + 1, errors });
    else parsed.push({ row: i + 1, values });
  }
  if (bad.length) {
    const shown = bad.slice(0, 5).map((b) => translate(locale, 'resources.rowError', { row: b.row, errors: b.errors.join(locale === 'en' ? '; ' : '；') }));
    if (bad.length > 5) shown.push(translate(locale, 'resources.more', { n: bad.length - 5 }));
    throw invalid('resources.importRefused', { count: bad.length, rows: shown.join(locale === 'en' ? ' · ' : '。') }, { rows: bad });
  }
  if (!parsed.length) throw invalid('resources.importEmpty');
  return parsed;
}
