import type { Handlers } from '../../api/types';
import { invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { activeItem } from '../repo';
import { addContractItems, enterpriseRec, insertContract, insertEnterprise, listContracts, listEnterprises, updateContract, updateEnterprise } from '../repo-agreements';
import { qtyFor } from '../ledger';
import { today } from './shared';

/** Agreement reserves (协议储备): enterprises and their supply contracts. */
export const agreementsHandlers: Handlers<'materials.agreements.list' | 'materials.agreements.saveEnterprise' | 'materials.agreements.saveContract'> = {
  'materials.agreements.list': {
    handler: (ctx) => ({ enterprises: listEnterprises(ctx.db), contracts: listContracts(ctx.db, today(ctx)) }),
  },
  'materials.agreements.saveEnterprise': {
    handler: (ctx, input) => {
      const now = ctx.clock.now();
      let id = input.id;
      let before: unknown;
      const fields = { name: input.name, contact: input.contact ?? '', phone: input.phone ?? '', address: input.address ?? '' };
      if (id) {
        before = enterpriseRec(ctx.db, id);
        if (!before) throw notFound('enterprise', id);
        updateEnterprise(ctx.db, id, input.version ?? -1, fields, now);
      } else {
        id = newId();
        insertEnterprise(ctx.db, id, ctx.requireStation().id, fields, now);
      }
      const after = listEnterprises(ctx.db).find((e) => e.id === id)!;
      ctx.audit({ entity: 'mat_enterprise', entityId: id, before, after });
      return after;
    },
  },
  'materials.agreements.saveContract': {
    handler: (ctx, input) => {
      if (input.validTo < input.validFrom) throw invalid('materials.badDates');
      if (!enterpriseRec(ctx.db, input.enterpriseId)) throw notFound('enterprise', input.enterpriseId);
      const items = input.items.map((i) => {
        const item = activeItem(ctx.db, i.itemId);
        return { item, raw: i.qty };
      });
      const committed = items.map((i) => ({ itemId: i.item.id, qty: qtyFor(i.item, i.raw) }));
      const now = ctx.clock.now();
      const fields = {
        enterpriseId: input.enterpriseId,
        contractNo: input.contractNo,
        validFrom: input.validFrom,
        validTo: input.validTo,
        responseHours: input.responseHours,
        contacts: input.contacts ?? '',
      };
      let id = input.id;
      let before: unknown;
      if (id) {
        before = listContracts(ctx.db, today(ctx), id)[0];
        if (!before) throw notFound('contract', id);
        updateContract(ctx.db, id, input.version ?? -1, fields, now);
      } else {
        id = newId();
        insertContract(ctx.db, id, ctx.requireStation().id, fields, now);
      }
      addContractItems(ctx.db, id, committed);
      const after = listContracts(ctx.db, today(ctx), id)[0];
      ctx.audit({ entity: 'mat_contract', entityId: id, before, after });
      return after;
    },
  },
};
