import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned } from '../db/versioned';
import type { ReserveCategory } from '../../contract/materials';

/** Items of the catalogue and their stock levels: the statements behind materials.items.* and materials.levels.set. */

export interface ItemFields {
  code: string;
  classCode: string;
  name: string;
  spec: string;
  unit: string;
  integerUnit: boolean;
  category: ReserveCategory;
  shelfLifeDays: number | null;
}

export const itemIdByCode = (db: DB, code: string) => (stmt(db, 'SELECT id FROM mat_items WHERE code = ?').get(code) as { id: string } | undefined)?.id;

export function insertItem(db: DB, id: string, stationId: string, f: ItemFields, now: number): void {
  stmt(
    db,
    `INSERT INTO mat_items (id, station_id, code, class_code, name, spec, unit, integer_unit, category, shelf_life_days, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, stationId, f.code, f.classCode, f.name, f.spec, f.unit, f.integerUnit ? 1 : 0, f.category, f.shelfLifeDays, now, now);
}

/** CONFLICT when stale. */
export function updateItem(db: DB, id: string, version: number, f: ItemFields, now: number): void {
  updateVersioned(
    db,
    'mat_items',
    id,
    version,
    { code: f.code, class_code: f.classCode, name: f.name, spec: f.spec, unit: f.unit, integer_unit: f.integerUnit ? 1 : 0, category: f.category, shelf_life_days: f.shelfLifeDays },
    now,
  );
}

/** CONFLICT when stale. */
export function retireItem(db: DB, id: string, version: number, by: string, reason: string, now: number): void {
  updateVersioned(db, 'mat_items', id, version, { retired_at: now, retired_by: by, retired_reason: reason }, now);
}

/** The stored level row of an item in a warehouse (for the audit trail), if any. */
export const levelRec = (db: DB, warehouseId: string, itemId: string) => stmt(db, 'SELECT * FROM mat_levels WHERE warehouse_id = ? AND item_id = ?').get(warehouseId, itemId);

/**
 * Sets the standard and minimum quantity of an item in a warehouse (thousandths). A level is keyed
 * by (warehouse, item), not by id, and is set rather than edited, so it is an upsert that moves the
 * version without a version check.
 */
export function upsertLevel(db: DB, warehouseId: string, itemId: string, standardQty: number, minQty: number, now: number): void {
  stmt(
    db,
    `INSERT INTO mat_levels (warehouse_id, item_id, standard_qty, min_qty, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (warehouse_id, item_id) DO UPDATE SET standard_qty = excluded.standard_qty, min_qty = excluded.min_qty,
       version = version + 1, updated_at = excluded.updated_at`,
  ).run(warehouseId, itemId, standardQty, minQty, now);
}
