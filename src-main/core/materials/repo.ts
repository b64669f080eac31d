import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { ItemRow, Tier, WarehouseRow } from '../../contract/materials';
import { ApiError, invalid } from '../util/errors';
import { className } from './ref';

export interface WarehouseRec {
  id: string;
  code: string;
  name: string;
  tier: Tier;
  parent_id: string | null;
  place_code: string | null;
  address: string;
  retired_at: number | null;
  version: number;
}
export interface ItemRec {
  id: string;
  code: string;
  class_code: string;
  name: string;
  spec: string;
  unit: string;
  integer_unit: number;
  category: 'flood' | 'relief';
  shelf_life_days: number | null;
  retired_at: number | null;
  version: number;
}
export interface BatchRec {
  id: string;
  item_id: string;
  batch_no: string;
  production_date: string;
  expiry_date: string;
  origin: string;
  label_no: string;
  quality: string;
}

export const warehouseRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM mat_warehouses WHERE id = ?').get(id) as WarehouseRec | undefined;
export const itemRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM mat_items WHERE id = ?').get(id) as ItemRec | undefined;
export const batchRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM mat_batches WHERE id = ?').get(id) as BatchRec | undefined;

/** An active warehouse, or VALIDATION (unknown warehouses are bad input). */
export function activeWarehouse(db: DB, id: string): WarehouseRec {
  const w = warehouseRec(db, id);
  if (!w || w.retired_at !== null) throw invalid('materials.unknownWarehouse', { id });
  return w;
}
export function activeItem(db: DB, id: string): ItemRec {
  const i = itemRec(db, id);
  if (!i || i.retired_at !== null) throw invalid('materials.unknownItem', { id });
  return i;
}

export function toItemRow(i: ItemRec): ItemRow {
  return {
    id: i.id,
    code: i.code,
    classCode: i.class_code,
    className: className(i.class_code),
    name: i.name,
    spec: i.spec,
    unit: i.unit,
    integerUnit: i.integer_unit === 1,
    category: i.category,
    shelfLifeDays: i.shelf_life_days,
    retired: i.retired_at !== null,
    version: i.version,
  };
}

export function listItems(db: DB, includeRetired: boolean): ItemRow[] {
  const rows = stmt(db, 'SELECT * FROM mat_items WHERE (? OR retired_at IS NULL) ORDER BY class_code, code').all(includeRetired ? 1 : 0) as ItemRec[];
  return rows.map(toItemRow);
}

export function warehouseRow(db: DB, w: WarehouseRec): WarehouseRow {
  const keepers = stmt(
    db,
    `SELECT k.id, k.user_id userId, u.display_name name FROM mat_keepers k JOIN users u ON u.id = k.user_id
     WHERE k.warehouse_id = ? AND k.revoked_at IS NULL ORDER BY k.assigned_at`,
  ).all(w.id) as { id: string; userId: string; name: string }[];
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    tier: w.tier,
    parentId: w.parent_id,
    placeCode: w.place_code,
    address: w.address,
    retired: w.retired_at !== null,
    keepers,
    version: w.version,
  };
}

export function listWarehouses(db: DB): WarehouseRow[] {
  const rows = stmt(
    db,
    `SELECT * FROM mat_warehouses ORDER BY CASE tier WHEN 'district' THEN 0 WHEN 'township' THEN 1 ELSE 2 END, code`,
  ).all() as WarehouseRec[];
  return rows.map((w) => warehouseRow(db, w));
}

const PARENT_TIER: Record<Tier, Tier | null> = { district: null, township: 'district', village: 'township' };
export function checkParent(db: DB, tier: Tier, parentId: string | null | undefined): void {
  const want = PARENT_TIER[tier];
  if (!parentId) return;
  const p = activeWarehouse(db, parentId);
  if (p.tier !== want) throw invalid('materials.parentTier', { tier, parentTier: want ?? '-' });
}

export function isKeeperOf(db: DB, userId: string, warehouseId: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM mat_keepers WHERE user_id = ? AND warehouse_id = ? AND revoked_at IS NULL').get(userId, warehouseId);
}

export function requireKeeper(db: DB, user: { id: string; roles: readonly string[] }, w: WarehouseRec): void {
  if (!user.roles.includes('keeper') || !isKeeperOf(db, user.id, w.id)) {
    throw new ApiError('FORBIDDEN', 'materials.notKeeper', { warehouse: w.name });
  }
}

export function nextDocNo(db: DB, prefix: string, date: string): string {
  const key = prefix + date.replaceAll('-', '');
  stmt(db, 'INSERT INTO mat_counters (prefix, n) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET n = n + 1').run(key);
  const { n } = stmt(db, 'SELECT n FROM mat_counters WHERE prefix = ?').get(key) as { n: number };
  return `${key}-${String(n).padStart(4, '0')}`;
}

export function findOrCreateBatch(
  db: DB,
  stationId: string,
  itemId: string,
  b: { batchNo: string; productionDate: string; expiryDate: string; origin: string; labelNo: string; quality: string },
  newId: () => string,
  now: number,
): string {
  const found = stmt(db, 'SELECT id FROM mat_batches WHERE item_id = ? AND batch_no = ? AND expiry_date = ?').get(itemId, b.batchNo, b.expiryDate) as
    | { id: string }
    | undefined;
  if (found) return found.id;
  const id = newId();
  stmt(
    db,
    `INSERT INTO mat_batches (id, station_id, item_id, batch_no, production_date, expiry_date, origin, label_no, quality, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, stationId, itemId, b.batchNo, b.productionDate, b.expiryDate, b.origin, b.labelNo, b.quality, now);
  return id;
}
