import { createContext, useContext } from 'react';
import type { ItemRow, WarehouseRow } from '@contract/materials';
import { api } from '../../api/client';

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
  const bin = atob(r.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const fmtQty = (q: number | null | undefined) => (q === null || q === undefined ? '' : Number.isInteger(q) ? String(q) : q.toFixed(3).replace(/0+$/, ''));
