import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned } from '../db/versioned';
import type { Tier } from '../../contract/materials';

/** Warehouses (three-tier reserve points) and their keepers: the statements behind materials.warehouses.* and materials.keepers.*. */

export interface WarehouseFields {
  code: string;
  name: string;
  tier: Tier;
  parentId: string | null;
  placeCode: string | null;
  address: string;
}

export const warehouseIdByCode = (db: DB, code: string) => (stmt(db, 'SELECT id FROM mat_warehouses WHERE code = ?').get(code) as { id: string } | undefined)?.id;

export function insertWarehouse(db: DB, id: string, stationId: string, f: WarehouseFields, now: number): void {
  stmt(
    db,
    `INSERT INTO mat_warehouses (id, station_id, code, name, tier, parent_id, place_code, address, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, stationId, f.code, f.name, f.tier, f.parentId, f.placeCode, f.address, now, now);
}

/** CONFLICT when stale. */
export function updateWarehouse(db: DB, id: string, version: number, f: WarehouseFields, now: number): void {
  updateVersioned(db, 'mat_warehouses', id, version, { code: f.code, name: f.name, tier: f.tier, parent_id: f.parentId, place_code: f.placeCode, address: f.address }, now);
}

/** CONFLICT when stale or already retired. */
export function retireWarehouse(db: DB, id: string, version: number, by: string, reason: string, now: number): void {
  updateVersioned(db, 'mat_warehouses', id, version, { retired_at: now, retired_by: by, retired_reason: reason }, now, { guard: 'retired_at IS NULL' });
}

/** Whether the warehouse still holds stock or awaits (or sends) a transfer in transit. */
export function warehouseInUse(db: DB, id: string): boolean {
  const held = stmt(db, 'SELECT 1 FROM mat_balances WHERE warehouse_id = ? AND qty > 0 LIMIT 1').get(id);
  const transit = stmt(db, "SELECT 1 FROM mat_docs WHERE (warehouse_id = ? OR to_warehouse_id = ?) AND status = 'in_transit' LIMIT 1").get(id, id);
  return !!(held || transit);
}

export function insertKeeper(db: DB, id: string, warehouseId: string, userId: string, by: string, now: number): void {
  stmt(db, 'INSERT INTO mat_keepers (id, warehouse_id, user_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)').run(id, warehouseId, userId, now, by);
}

/** The warehouse of a keeper assignment still in force. */
export const activeAssignmentWarehouse = (db: DB, assignmentId: string) =>
  (stmt(db, 'SELECT warehouse_id FROM mat_keepers WHERE id = ? AND revoked_at IS NULL').get(assignmentId) as { warehouse_id: string } | undefined)?.warehouse_id;

export function revokeKeeper(db: DB, assignmentId: string, by: string, now: number): void {
  stmt(db, 'UPDATE mat_keepers SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(now, by, assignmentId);
}
