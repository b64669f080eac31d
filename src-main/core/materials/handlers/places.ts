import type { Handlers } from '../../api/types';
import { conflict, invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { userById } from '../../users/repo';
import { activeItem, activeWarehouse, checkParent, itemRec, listItems, listWarehouses, toItemRow, warehouseRec, warehouseRow } from '../repo';
import {
  activeAssignmentWarehouse,
  insertKeeper,
  insertWarehouse,
  retireWarehouse,
  revokeKeeper,
  updateWarehouse,
  warehouseIdByCode,
  warehouseInUse,
} from '../repo-warehouses';
import { insertItem, itemIdByCode, levelRec, retireItem, updateItem, upsertLevel } from '../repo-items';
import { CLASSES, UNITS, checkClassCode, unitDef } from '../ref';
import { qtyFor } from '../ledger';
import { levelRows } from '../views';

/** Places and things: reference data, warehouses and their keepers, items, stock levels. */
export const placesHandlers: Handlers<
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
> = {
  'materials.refData': { handler: () => ({ classes: CLASSES, units: UNITS }) },

  'materials.warehouses.list': { handler: (ctx) => listWarehouses(ctx.db) },
  'materials.warehouses.save': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const now = ctx.clock.now();
      checkParent(ctx.db, input.tier, input.parentId);
      const dup = warehouseIdByCode(ctx.db, input.code);
      if (dup && dup !== input.id) throw conflict('materials.codeTaken', { code: input.code });
      const fields = { code: input.code, name: input.name, tier: input.tier, parentId: input.parentId ?? null, placeCode: input.placeCode ?? null, address: input.address ?? '' };
      let id = input.id;
      let before: unknown;
      if (id) {
        const w = warehouseRec(ctx.db, id);
        if (!w) throw notFound('warehouse', id);
        before = warehouseRow(ctx.db, w);
        updateWarehouse(ctx.db, id, input.version ?? -1, fields, now);
      } else {
        id = newId();
        insertWarehouse(ctx.db, id, st.id, fields, now);
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
      if (warehouseInUse(ctx.db, w.id)) throw conflict('materials.warehouseInUse', { warehouse: w.name });
      retireWarehouse(ctx.db, w.id, input.version, ctx.requireUser().id, input.reason, ctx.clock.now());
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
      if (!before.keepers.some((k) => k.userId === u.id)) insertKeeper(ctx.db, newId(), w.id, u.id, ctx.requireUser().id, ctx.clock.now());
      const after = warehouseRow(ctx.db, w);
      ctx.audit({ entity: 'mat_warehouse', entityId: w.id, before, after });
      return after;
    },
  },
  'materials.keepers.revoke': {
    handler: (ctx, input) => {
      const warehouseId = activeAssignmentWarehouse(ctx.db, input.assignmentId);
      if (!warehouseId) throw notFound('keeper', input.assignmentId);
      const w = warehouseRec(ctx.db, warehouseId)!;
      const before = warehouseRow(ctx.db, w);
      revokeKeeper(ctx.db, input.assignmentId, ctx.requireUser().id, ctx.clock.now());
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
      const dup = itemIdByCode(ctx.db, input.code);
      if (dup && dup !== input.id) throw conflict('materials.codeTaken', { code: input.code });
      const fields = {
        code: input.code,
        classCode: input.classCode,
        name: input.name,
        spec: input.spec ?? '',
        unit: unit.code,
        integerUnit: unit.integer,
        category: input.category,
        shelfLifeDays: input.shelfLifeDays ?? null,
      };
      let id = input.id;
      let before: unknown;
      if (id) {
        const i = itemRec(ctx.db, id);
        if (!i) throw notFound('item', id);
        before = toItemRow(i);
        updateItem(ctx.db, id, input.version ?? -1, fields, now);
      } else {
        id = newId();
        insertItem(ctx.db, id, st.id, fields, now);
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
      retireItem(ctx.db, input.id, input.version, ctx.requireUser().id, input.reason, ctx.clock.now());
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
      const before = levelRec(ctx.db, w.id, item.id);
      upsertLevel(ctx.db, w.id, item.id, s, m, ctx.clock.now());
      const row = levelRows(ctx.db, false, w.id).find((l) => l.itemId === item.id)!;
      ctx.audit({ entity: 'mat_level', entityId: `${w.id}|${item.id}`, before, after: row });
      return row;
    },
  },
};
