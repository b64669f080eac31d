import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned } from '../db/versioned';
import type { EnterpriseRow, ContractRow } from '../../contract/materials';
import { fromMilli } from './ref';
import { dayDiff } from '../../contract/time';

/** Agreement reserves (协议储备): enterprises, their contracts and committed quantities. */

export interface EnterpriseFields {
  name: string;
  contact: string;
  phone: string;
  address: string;
}
export const enterpriseRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM mat_enterprises WHERE id = ?').get(id) as Record<string, unknown> | undefined;
export function insertEnterprise(db: DB, id: string, stationId: string, f: EnterpriseFields, now: number): void {
  stmt(db, 'INSERT INTO mat_enterprises (id, station_id, name, contact, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    stationId,
    f.name,
    f.contact,
    f.phone,
    f.address,
    now,
    now,
  );
}
/** CONFLICT when stale. */
export function updateEnterprise(db: DB, id: string, version: number, f: EnterpriseFields, now: number): void {
  updateVersioned(db, 'mat_enterprises', id, version, { name: f.name, contact: f.contact, phone: f.phone, address: f.address }, now);
}

export interface ContractFields {
  enterpriseId: string;
  contractNo: string;
  validFrom: string;
  validTo: string;
  responseHours: number;
  contacts: string;
}
export function insertContract(db: DB, id: string, stationId: string, f: ContractFields, now: number): void {
  stmt(
    db,
    `INSERT INTO mat_contracts (id, station_id, enterprise_id, contract_no, valid_from, valid_to, response_hours, contacts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, stationId, f.enterpriseId, f.contractNo, f.validFrom, f.validTo, f.responseHours, f.contacts, now, now);
}
/** CONFLICT when stale. Committed quantities change with the contract: its old item rows are voided, never deleted. */
export function updateContract(db: DB, id: string, version: number, f: ContractFields, now: number): void {
  updateVersioned(
    db,
    'mat_contracts',
    id,
    version,
    { enterprise_id: f.enterpriseId, contract_no: f.contractNo, valid_from: f.validFrom, valid_to: f.validTo, response_hours: f.responseHours, contacts: f.contacts },
    now,
  );
  stmt(db, 'UPDATE mat_contract_items SET voided_at = ? WHERE contract_id = ? AND voided_at IS NULL').run(now, id);
}
/** Adds committed quantities (thousandths) to a contract; an item named twice adds up. */
export function addContractItems(db: DB, contractId: string, items: readonly { itemId: string; qty: number }[]): void {
  const ins = stmt(db, 'INSERT INTO mat_contract_items (contract_id, item_id, qty) VALUES (?, ?, ?) ON CONFLICT (contract_id, item_id) WHERE voided_at IS NULL DO UPDATE SET qty = qty + excluded.qty');
  for (const i of items) ins.run(contractId, i.itemId, i.qty);
}


export function listEnterprises(db: DB): EnterpriseRow[] {
  return stmt(db, 'SELECT id, name, contact, phone, address, version FROM mat_enterprises WHERE retired_at IS NULL ORDER BY name').all() as EnterpriseRow[];
}

interface ContractRec {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  enterprise_phone: string;
  contract_no: string;
  valid_from: string;
  valid_to: string;
  response_hours: number;
  contacts: string;
  version: number;
}
export const CONTRACT_ALERT_DAYS = 30;

export function contractRow(db: DB, c: ContractRec, today: string): ContractRow {
  const items = stmt(
    db,
    `SELECT ci.item_id itemId, i.name itemName, i.unit, ci.qty FROM mat_contract_items ci JOIN mat_items i ON i.id = ci.item_id
     WHERE ci.contract_id = ? AND ci.voided_at IS NULL ORDER BY i.code`,
  ).all(c.id) as { itemId: string; itemName: string; unit: string; qty: number }[];
  const daysLeft = dayDiff(today, c.valid_to);
  return {
    id: c.id,
    enterpriseId: c.enterprise_id,
    enterpriseName: c.enterprise_name,
    enterprisePhone: c.enterprise_phone,
    contractNo: c.contract_no,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    responseHours: c.response_hours,
    contacts: c.contacts,
    daysLeft,
    expired: daysLeft < 0,
    expiringSoon: daysLeft >= 0 && daysLeft <= CONTRACT_ALERT_DAYS,
    items: items.map((i) => ({ ...i, qty: fromMilli(i.qty) })),
    version: c.version,
  };
}

export function listContracts(db: DB, today: string, id?: string): ContractRow[] {
  const rows = stmt(
    db,
    `SELECT c.*, e.name enterprise_name, e.phone enterprise_phone FROM mat_contracts c JOIN mat_enterprises e ON e.id = c.enterprise_id
     WHERE c.voided_at IS NULL AND (? IS NULL OR c.id = ?) ORDER BY c.valid_to`,
  ).all(id ?? null, id ?? null) as ContractRec[];
  return rows.map((c) => contractRow(db, c, today));
}

/** Committed agreement quantity per item in contracts valid today (capability, not stock). */
export function agreementByItem(db: DB, today: string): Map<string, number> {
  const rows = stmt(
    db,
    `SELECT ci.item_id, SUM(ci.qty) q FROM mat_contract_items ci JOIN mat_contracts c ON c.id = ci.contract_id
     WHERE ci.voided_at IS NULL AND c.voided_at IS NULL AND c.valid_from <= ? AND c.valid_to >= ? GROUP BY ci.item_id`,
  ).all(today, today) as { item_id: string; q: number }[];
  return new Map(rows.map((r) => [r.item_id, r.q]));
}
