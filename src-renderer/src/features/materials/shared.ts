import { createContext, useContext } from 'react';
import type { ItemRow, WarehouseRow } from '@contract/materials';
import { api } from '../../api/client';
import { downloadBase64, XLSX_MIME } from '../../ui/download';

export interface MatRef {
  warehouses: WarehouseRow[];
  items: ItemRow[];
  reload(): void;
}
export const MatContext = createContext<MatRef>({ warehouses: [], items: [], reload: () => {} });
export const useMat = () => useContext(MatContext);

/** Saves an xlsx the main process built (base64) as a download. */
export async function downloadExport(input: Parameters<typeof api.send<'materials.export'>>[1]) {
  const r = await api.send('materials.export', input);
  downloadBase64(r.filename, r.base64, XLSX_MIME);
}

export const fmtQty = (q: number | null | undefined) => (q === null || q === undefined ? '' : Number.isInteger(q) ? String(q) : q.toFixed(3).replace(/0+$/, ''));
