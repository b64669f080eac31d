import type { Ctx, Handlers } from '../api/types';
import { stmt } from '../db/stmt';
import { conflict, invalid, notFound } from '../util/errors';
import { newId } from '../util/ids';
import { userById } from '../users/repo';
import {
  activeItem,
  activeWarehouse,
  checkParent,
  itemRec,
  listContracts,
  listEnterprises,
  listItems,
  listWarehouses,
  toItemRow,
  warehouseRec,
  warehouseRow,
} from './repo';
import { CLASSES, UNITS, checkClassCode, unitDef } from './ref';
import { localDate, zoneOf } from '../../contract/time';
import { approve, docRow, fefoSuggestion, listDocs, loadDoc, post, qtyFor, receive, reverse, saveDraft, verifyLedger, voidDraft, type LedgerEnv } from './ledger';
import { alerts, expiring, inTransit, incidentUsage, levelRows, stockCard, stockOnHand } from './views';
import { countLines, finishStocktake, listStocktakes, startStocktake, stocktakeRow } from './stocktake';
import { buildXlsx, commitImport, parseRows, readWorkbook } from './xlsx';
import { exportTable } from './export';
import { withSummaries } from './card-summary';

function env(ctx: Ctx): LedgerEnv {
  const st = ctx.requireStation();
  const u = ctx.requireUser();
  return { db: ctx.db, stationId: st.id, timeZone: st.timeZone, now: ctx.clock.now(), actor: { id: u.id, roles: u.roles } };
}
const today = (ctx: Ctx) => localDate(ctx.clock.now(), zoneOf(ctx.station));

function docAudit(ctx: Ctx, id: string, before: unknown) {
  const row = docRow(ctx.db, loadDoc(ctx.db, id), ctx.clock.now());
  ctx.audit({ entity: 'mat_doc', entityId: id, before, after: row });
  return row;
}



export const materialsHandlers: Handlers<
  | 'materials.refData'
  | 'materials.warehouses.list'
  | 'materials.warehouses.save'
  | 'materials.warehouses.retire'
  | 'materials.keepers.assign'
  | 'materials.keepers.revoke'
  | 'materials.items.list'
  | 'materials.items.save'
  | 'materials.items.retire'
  | 'materials.levels.set'
  | 'materials.docs.list'
  | 'materials.docs.get'
  | 'materials.docs.save'
  | 'materials.docs.approve'
  | 'materials.docs.post'
  | 'materials.docs.receive'
  | 'materials.docs.void'
  | 'materials.docs.reverse'
  | 'materials.fefo'
  | 'materials.stock'
  | 'materials.levels'
  | 'materials.expiring'
  | 'materials.inTransit'
  | 'materials.stockCard'
  | 'materials.alerts'
  | 'materials.verifyLedger'
  | 'materials.incidentUsage'
  | 'materials.stocktakes.list'
  | 'materials.stocktakes.get'
  | 'materials.stocktakes.start'
  | 'materials.stocktakes.count'
  | 'materials.stocktakes.finish'
  | 'materials.agreements.list'
  | 'materials.agreements.saveEnterprise'
  | 'materials.agreements.saveContract'
  | 'materials.export'
  | 'materials.import.read'
  | 'materials.import.preview'
  | 'materials.import.commit'
> = {
  'materials.refData': { handler: () => ({ classes: CLASSES, units: UNITS }) },

  // ---- places and things --------------------------------------------------------------------
  'materials.warehouses.list': { handler: (ctx) => listWarehouses(ctx.db) },
  'materials.warehouses.save': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const now = ctx.clock.now();
      checkParent(ctx.db, input.tier, input.parentId);
      const dup = stmt(ctx.db, 'SELECT id FROM mat_warehouses WHERE code = ?').get(input.code) as { id: string } | undefined;
      if (dup && dup.id !== input.id) throw conflict('materials.codeTaken', { code: input.code });
      let id = input.id;
      let before: unknown;
      if (id) {
        const w = warehouseRec(ctx.db, id);
        if (!w) throw notFound('warehouse', id);
        before = warehouseRow(ctx.db, w);
        const r = stmt(
          ctx.db,
          `UPDATE mat_warehouses SET code = ?, name = ?, tier = ?, parent_id = ?, place_code = ?, address = ?, version = version + 1, updated_at = ?
           WHERE id = ? AND version = ?`,
        ).run(input.code, input.name, input.tier, input.parentId ?? null, input.placeCode ?? null, input.address ?? '', now, id, input.version ?? -1);
        if (!r.changes) throw conflict();
      } else {
        id = newId();
        stmt(
          ctx.db,
          `INSERT INTO mat_warehouses (id, station_id, code, name, tier, parent_id, place_code, address, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, st.id, input.code, input.name, input.tier, input.parentId ?? null, input.placeCode ?? null, input.address ?? '', now, now);
      }
      const after = warehouseRow(ctx.db, warehouseRec(ctx.db, id)!);
      ctx.audit({ entity: 'mat_warehouse', entityId: id, before, after });
      return after;
    },
  },
  'materials.warehouses.retire': {
    handler: (ctx, input) => {
      const w = warehouseRec(ctx.db, input.id);
      if (!w) throw notFound('warehouse', input.id);
      const before = warehouseRow(ctx.db, w);
      // History stays (lines, documents); a warehouse still holding or awaiting stock cannot be retired.
      const held = stmt(ctx.db, 'SELECT 1 FROM mat_balances WHERE warehouse_id = ? AND qty > 0 LIMIT 1').get(w.id);
      const transit = stmt(ctx.db, "SELECT 1 FROM mat_docs WHERE (warehouse_id = ? OR to_warehouse_id = ?) AND status = 'in_transit' LIMIT 1").get(w.id, w.id);
      if (held || transit) throw conflict('materials.warehouseInUse', { warehouse: w.name });
      const now = ctx.clock.now();
      const r = stmt(ctx.db, 'UPDATE mat_warehouses SET retired_at = ?, retired_by = ?, retired_reason = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND retired_at IS NULL').run(
        now,
        ctx.requireUser().id,
        input.reason,
        now,
        w.id,
        input.version,
      );
      if (!r.changes) throw conflict();
      const after = warehouseRow(ctx.db, warehouseRec(ctx.db, w.id)!);
      ctx.audit({ entity: 'mat_warehouse', entityId: w.id, before, after });
      return after;
    },
  },
  'materials.keepers.assign': {
    handler: (ctx, input) => {
      const w = activeWarehouse(ctx.db, input.warehouseId);
      const u = userById(ctx.db, input.userId);
      if (!u) throw notFound('user', input.userId);
      if (!(JSON.parse(u.roles) as string[]).includes('keeper')) throw invalid('materials.userNotKeeper');
      const before = warehouseRow(ctx.db, w);
      if (!before.keepers.some((k) => k.userId === u.id)) {
        const id = newId();
        stmt(ctx.db, 'INSERT INTO mat_keepers (id, warehouse_id, user_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)').run(id, w.id, u.id, ctx.clock.now(), ctx.requireUser().id);
      }
      const after = warehouseRow(ctx.db, w);
      ctx.audit({ entity: 'mat_warehouse', entityId: w.id, before, after });
      return after;
    },
  },
  'materials.keepers.revoke': {
    handler: (ctx, input) => {
      const k = stmt(ctx.db, 'SELECT warehouse_id FROM mat_keepers WHERE id = ? AND revoked_at IS NULL').get(input.assignmentId) as { warehouse_id: string } | undefined;
      if (!k) throw notFound('keeper', input.assignmentId);
      const w = warehouseRec(ctx.db, k.warehouse_id)!;
      const before = warehouseRow(ctx.db, w);
      stmt(ctx.db, 'UPDATE mat_keepers SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(ctx.clock.now(), ctx.requireUser().id, input.assignmentId);
      const after = warehouseRow(ctx.db, w);
      ctx.audit({ entity: 'mat_warehouse', entityId: w.id, before, after });
      return after;
    },
  },
  'materials.items.list': { handler: (ctx, input) => listItems(ctx.db, input.includeRetired) },
  'materials.items.save': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const now = ctx.clock.now();
      checkClassCode(input.classCode);
      const unit = unitDef(input.unit);
      const dup = stmt(ctx.db, 'SELECT id FROM mat_items WHERE code = ?').get(input.code) as { id: string } | undefined;
      if (dup && dup.id !== input.id) throw conflict('materials.codeTaken', { code: input.code });
      let id = input.id;
      let before: unknown;
      if (id) {
        const i = itemRec(ctx.db, id);
        if (!i) throw notFound('item', id);
        before = toItemRow(i);
        const r = stmt(
          ctx.db,
          `UPDATE mat_items SET code = ?, class_code = ?, name = ?, spec = ?, unit = ?, integer_unit = ?, category = ?, shelf_life_days = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
        ).run(input.code, input.classCode, input.name, input.spec ?? '', unit.code, unit.integer ? 1 : 0, input.category, input.shelfLifeDays ?? null, now, id, input.version ?? -1);
        if (!r.changes) throw conflict();
      } else {
        id = newId();
        stmt(
          ctx.db,
          `INSERT INTO mat_items (id, station_id, code, class_code, name, spec, unit, integer_unit, category, shelf_life_days, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, st.id, input.code, input.classCode, input.name, input.spec ?? '', unit.code, unit.integer ? 1 : 0, input.category, input.shelfLifeDays ?? null, now, now);
      }
      const after = toItemRow(itemRec(ctx.db, id)!);
      ctx.audit({ entity: 'mat_item', entityId: id, before, after });
      return after;
    },
  },
  'materials.items.retire': {
    handler: (ctx, input) => {
      const i = itemRec(ctx.db, input.id);
      if (!i) throw notFound('item', input.id);
      const before = toItemRow(i);
      const now = ctx.clock.now();
      const r = stmt(ctx.db, 'UPDATE mat_items SET retired_at = ?, retired_by = ?, retired_reason = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?').run(
        now,
        ctx.requireUser().id,
        input.reason,
        now,
        input.id,
        input.version,
      );
      if (!r.changes) throw conflict();
      const after = toItemRow(itemRec(ctx.db, input.id)!);
      ctx.audit({ entity: 'mat_item', entityId: input.id, before, after });
      return after;
    },
  },
  'materials.levels.set': {
    handler: (ctx, input) => {
      const w = activeWarehouse(ctx.db, input.warehouseId);
      const item = activeItem(ctx.db, input.itemId);
      const s = qtyFor(item, input.standardQty);
      const m = qtyFor(item, input.minQty);
      const before = stmt(ctx.db, 'SELECT * FROM mat_levels WHERE warehouse_id = ? AND item_id = ?').get(w.id, item.id);
      stmt(
        ctx.db,
        `INSERT INTO mat_levels (warehouse_id, item_id, standard_qty, min_qty, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (warehouse_id, item_id) DO UPDATE SET standard_qty = excluded.standard_qty, min_qty = excluded.min_qty,
           version = version + 1, updated_at = excluded.updated_at`,
      ).run(w.id, item.id, s, m, ctx.clock.now());
      const row = levelRows(ctx.db, false, w.id).find((l) => l.itemId === item.id)!;
      ctx.audit({ entity: 'mat_level', entityId: `${w.id}|${item.id}`, before, after: row });
      return row;
    },
  },

  // ---- the ledger ---------------------------------------------------------------------------
  'materials.docs.list': { handler: (ctx, input) => listDocs(ctx.db, input, ctx.clock.now()) },
  'materials.docs.get': { handler: (ctx, input) => docRow(ctx.db, loadDoc(ctx.db, input.id), ctx.clock.now()) },
  'materials.docs.save': {
    handler: (ctx, input) => {
      const { doc, before } = saveDraft(env(ctx), input);
      return docAudit(ctx, doc.id, before ? docRow(ctx.db, before, ctx.clock.now()) : undefined);
    },
  },
  'materials.docs.approve': {
    handler: (ctx, input) => {
      const { doc, before } = approve(env(ctx), input.id, input.version);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.post': {
    handler: (ctx, input) => {
      const { doc, before } = post(env(ctx), input.id, input.version);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.receive': {
    handler: (ctx, input) => {
      const { doc, before } = receive(env(ctx), input.id, input.version, input.lines);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.void': {
    handler: (ctx, input) => {
      const { doc, before } = voidDraft(env(ctx), input.id, input.version, input.reason);
      return docAudit(ctx, doc.id, docRow(ctx.db, before, ctx.clock.now(), false));
    },
  },
  'materials.docs.reverse': {
    handler: (ctx, input) => {
      const { doc, original } = reverse(env(ctx), input.id, input.reason);
      ctx.audit({ entity: 'mat_doc', entityId: original.id, before: { reversedById: null }, after: { reversedById: doc.id } });
      return docAudit(ctx, doc.id, undefined);
    },
  },
  'materials.fefo': {
    handler: (ctx, input) => {
      activeWarehouse(ctx.db, input.warehouseId);
      return fefoSuggestion(ctx.db, input.warehouseId, activeItem(ctx.db, input.itemId), input.qty, today(ctx));
    },
  },

  // ---- views --------------------------------------------------------------------------------
  'materials.stock': { handler: (ctx, input) => stockOnHand(ctx.db, input, today(ctx)) },
  'materials.levels': { handler: (ctx, input) => levelRows(ctx.db, input.onlyBelow, input.warehouseId) },
  'materials.expiring': { handler: (ctx, input) => expiring(ctx.db, today(ctx), input.days) },
  'materials.inTransit': { handler: (ctx) => inTransit(ctx.db, ctx.clock.now()) },
  'materials.stockCard': { handler: (ctx, input) => withSummaries(ctx.db, ctx.locale, stockCard(ctx.db, input)) },
  'materials.alerts': { handler: (ctx) => alerts(ctx.db, ctx.clock.now(), today(ctx)) },
  'materials.verifyLedger': { handler: (ctx) => verifyLedger(ctx.db) },
  'materials.incidentUsage': { handler: (ctx, input) => incidentUsage(ctx.db, input.incidentId, ctx.clock.now()) },

  // ---- stocktake ----------------------------------------------------------------------------
  'materials.stocktakes.list': { handler: (ctx) => listStocktakes(ctx.db, today(ctx)) },
  'materials.stocktakes.get': { handler: (ctx, input) => stocktakeRow(ctx.db, input.id, today(ctx)) },
  'materials.stocktakes.start': {
    handler: (ctx, input) => {
      const id = startStocktake(env(ctx), input.warehouseId, input.note ?? '');
      const row = stocktakeRow(ctx.db, id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: id, after: row });
      return row;
    },
  },
  'materials.stocktakes.count': {
    handler: (ctx, input) => {
      const before = stocktakeRow(ctx.db, input.id, today(ctx));
      countLines(env(ctx), input.id, input.version, input.lines);
      const row = stocktakeRow(ctx.db, input.id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: input.id, before, after: row });
      return row;
    },
  },
  'materials.stocktakes.finish': {
    handler: (ctx, input) => {
      const before = stocktakeRow(ctx.db, input.id, today(ctx));
      const { adjustment } = finishStocktake(env(ctx), input.id, input.version);
      if (adjustment) docAudit(ctx, adjustment.id, undefined);
      const row = stocktakeRow(ctx.db, input.id, today(ctx));
      ctx.audit({ entity: 'mat_stocktake', entityId: input.id, before, after: row });
      return row;
    },
  },

  // ---- agreement reserves -------------------------------------------------------------------
  'materials.agreements.list': {
    handler: (ctx) => ({ enterprises: listEnterprises(ctx.db), contracts: listContracts(ctx.db, today(ctx)) }),
  },
  'materials.agreements.saveEnterprise': {
    handler: (ctx, input) => {
      const now = ctx.clock.now();
      let id = input.id;
      let before: unknown;
      const vals = [input.name, input.contact ?? '', input.phone ?? '', input.address ?? ''];
      if (id) {
        before = stmt(ctx.db, 'SELECT * FROM mat_enterprises WHERE id = ?').get(id);
        if (!before) throw notFound('enterprise', id);
        const r = stmt(ctx.db, 'UPDATE mat_enterprises SET name = ?, contact = ?, phone = ?, address = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?').run(
          ...vals,
          now,
          id,
          input.version ?? -1,
        );
        if (!r.changes) throw conflict();
      } else {
        id = newId();
        stmt(ctx.db, 'INSERT INTO mat_enterprises (id, station_id, name, contact, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          id,
          ctx.requireStation().id,
          ...vals,
          now,
          now,
        );
      }
      const after = listEnterprises(ctx.db).find((e) => e.id === id)!;
      ctx.audit({ entity: 'mat_enterprise', entityId: id, before, after });
      return after;
    },
  },
  'materials.agreements.saveContract': {
    handler: (ctx, input) => {
      if (input.validTo < input.validFrom) throw invalid('materials.badDates');
      if (!stmt(ctx.db, 'SELECT 1 FROM mat_enterprises WHERE id = ?').get(input.enterpriseId)) throw notFound('enterprise', input.enterpriseId);
      const items = input.items.map((i) => ({ item: activeItem(ctx.db, i.itemId), qty: 0, raw: i.qty }));
      for (const i of items) i.qty = qtyFor(i.item, i.raw);
      const now = ctx.clock.now();
      let id = input.id;
      let before: unknown;
      if (id) {
        before = listContracts(ctx.db, today(ctx), id)[0];
        if (!before) throw notFound('contract', id);
        const r = stmt(
          ctx.db,
          `UPDATE mat_contracts SET enterprise_id = ?, contract_no = ?, valid_from = ?, valid_to = ?, response_hours = ?, contacts = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
        ).run(input.enterpriseId, input.contractNo, input.validFrom, input.validTo, input.responseHours, input.contacts ?? '', now, id, input.version ?? -1);
        if (!r.changes) throw conflict();
        // Committed quantities change with the contract: old rows are voided, never deleted.
        stmt(ctx.db, 'UPDATE mat_contract_items SET voided_at = ? WHERE contract_id = ? AND voided_at IS NULL').run(now, id);
      } else {
        id = newId();
        stmt(
          ctx.db,
          `INSERT INTO mat_contracts (id, station_id, enterprise_id, contract_no, valid_from, valid_to, response_hours, contacts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, ctx.requireStation().id, input.enterpriseId, input.contractNo, input.validFrom, input.validTo, input.responseHours, input.contacts ?? '', now, now);
      }
      const ins = stmt(ctx.db, 'INSERT INTO mat_contract_items (contract_id, item_id, qty) VALUES (?, ?, ?) ON CONFLICT (contract_id, item_id) WHERE voided_at IS NULL DO UPDATE SET qty = qty + excluded.qty');
      for (const i of items) ins.run(id, i.item.id, i.qty);
      const after = listContracts(ctx.db, today(ctx), id)[0];
      ctx.audit({ entity: 'mat_contract', entityId: id, before, after });
      return after;
    },
  },

  // ---- paper and spreadsheets ---------------------------------------------------------------
  'materials.export': {
    mode: 'async',
    handler: async (ctx, input) => {
      const t = exportTable(ctx, input);
      const base64 = await buildXlsx(ctx, t);
      return { filename: `${t.title}-${today(ctx)}.xlsx`, base64 };
    },
  },
  'materials.import.read': {
    mode: 'async',
    handler: async (_ctx, input) => ({ sheets: await readWorkbook(input.base64) }),
  },
  'materials.import.preview': {
    handler: (ctx, input) => parseRows(ctx.db, ctx.locale, input).preview,
  },
  'materials.import.commit': {
    handler: (ctx, input) => {
      const docs = commitImport(env(ctx), ctx.locale, input);
      for (const d of docs) docAudit(ctx, d.id, undefined);
      return { docs };
    },
  },
};

