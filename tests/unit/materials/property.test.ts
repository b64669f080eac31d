import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { materialsFixture } from './fixture';

/**
 * standards §5 (账实相符): any sequence of documents — valid or refused — keeps every balance equal to the
 * sum of its ledger lines, and no balance ever negative.
 */
type Op =
  | { k: 'receipt'; wh: number; item: number; qty: number; exp: number }
  | { k: 'issue'; wh: number; item: number; qty: number }
  | { k: 'transfer'; wh: number; item: number; qty: number; recv: number }
  | { k: 'writeoff'; wh: number; item: number; qty: number }
  | { k: 'reverse'; pick: number }
  | { k: 'stocktake'; wh: number; delta: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('receipt' as const), wh: fc.nat(1), item: fc.nat(2), qty: fc.integer({ min: 1, max: 40 }), exp: fc.integer({ min: -60, max: 400 }) }),
  fc.record({ k: fc.constant('issue' as const), wh: fc.nat(1), item: fc.nat(2), qty: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ k: fc.constant('transfer' as const), wh: fc.nat(1), item: fc.nat(2), qty: fc.integer({ min: 1, max: 30 }), recv: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ k: fc.constant('writeoff' as const), wh: fc.nat(1), item: fc.nat(2), qty: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ k: fc.constant('reverse' as const), pick: fc.nat(50) }),
  fc.record({ k: fc.constant('stocktake' as const), wh: fc.nat(1), delta: fc.integer({ min: -3, max: 3 }) }),
);

describe('materials ledger properties', () => {
  it('standards §5: any sequence of documents keeps balances == rebuilt from lines, never negative', async () => {
    const fx = await materialsFixture();
    // One keeper for both warehouses, so every generated op is allowed by role.
    const keeperId = (fx.t.db.prepare("SELECT id FROM users WHERE username = 'heping'").get() as { id: string }).id;
    await fx.admin.ok('materials.keepers.assign', { warehouseId: fx.point.id, userId: keeperId });
    const whs = [fx.depot.id, fx.point.id];
    const items = [fx.tent, fx.water, fx.sand];
    const posted: string[] = [];
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        runs++;
        for (const op of ops) {
          if (op.k === 'receipt') {
            const item = items[op.item];
            const d = new Date(fx.t.clock.now() + op.exp * 86400_000).toISOString().slice(0, 10);
            const qty = item.integerUnit ? op.qty : op.qty / 4;
            const s = await fx.keeper.ok('materials.docs.save', { kind: 'receipt', warehouseId: whs[op.wh], lines: [{ itemId: item.id, qty, batch: { batchNo: `B${op.exp % 3}`, expiryDate: item.id === fx.water.id ? d : '' } }] });
            posted.push((await fx.keeper.ok('materials.docs.post', { id: s.id, version: s.version })).id);
          } else if (op.k === 'issue' || op.k === 'writeoff') {
            const s = await fx.keeper.ok('materials.docs.save', { kind: op.k, warehouseId: whs[op.wh], reason: 'prop', lines: [{ itemId: items[op.item].id, qty: op.qty }] });
            let v = s.version;
            if (op.k === 'writeoff') v = (await fx.leader.ok('materials.docs.approve', { id: s.id, version: v })).version;
            const r = await fx.keeper.call('materials.docs.post', { id: s.id, version: v });
            if (r.ok) posted.push(r.value.id);
            else expect(r.error.code).toBe('CONFLICT');
          } else if (op.k === 'transfer') {
            const s = await fx.keeper.ok('materials.docs.save', { kind: 'transfer', warehouseId: whs[op.wh], toWarehouseId: whs[1 - op.wh], lines: [{ itemId: items[op.item].id, qty: op.qty }] });
            const a = await fx.leader.ok('materials.docs.approve', { id: s.id, version: s.version });
            const r = await fx.keeper.call('materials.docs.post', { id: a.id, version: a.version });
            if (!r.ok) {
              expect(r.error.code).toBe('CONFLICT');
              continue;
            }
            const lines = r.value.lines.map((l) => {
              const rec = Math.floor((l.qty * Math.min(op.recv, 100)) / 100);
              return { lineNo: l.lineNo, received: rec, damaged: 0, reason: rec < l.qty ? 'short' : undefined };
            });
            if (op.recv > 20) await fx.keeper.ok('materials.docs.receive', { id: r.value.id, version: r.value.version, lines });
          } else if (op.k === 'reverse') {
            if (!posted.length) continue;
            const r = await fx.keeper.call('materials.docs.reverse', { id: posted[op.pick % posted.length], reason: 'prop' });
            if (!r.ok) expect(r.error.code).toBe('CONFLICT');
          } else {
            const st = await fx.keeper.ok('materials.stocktakes.start', { warehouseId: whs[op.wh] });
            if (st.lines.length) {
              const l = st.lines[0];
              const counted = Math.max(0, l.systemQty + op.delta);
              const c = await fx.keeper.ok('materials.stocktakes.count', { id: st.id, version: st.version, lines: [{ lineNo: l.lineNo, countedQty: counted, reason: 'miscount' }] });
              const r = await fx.keeper.call('materials.stocktakes.finish', { id: c.id, version: c.version });
              if (!r.ok) expect(r.error.code).toBe('CONFLICT');
              else continue;
            }
            // Leave no open sheet behind (void is not offered; finish with nothing counted).
            const again = await fx.keeper.ok('materials.stocktakes.get', { id: st.id });
            if (again.status === 'open') {
              const z = await fx.keeper.ok('materials.stocktakes.count', { id: again.id, version: again.version, lines: again.lines.slice(0, 1).map((l) => ({ lineNo: l.lineNo, countedQty: l.systemQty })) }).catch(() => again);
              await fx.keeper.ok('materials.stocktakes.finish', { id: z.id, version: z.version });
            }
          }
          const v = await fx.viewer.ok('materials.verifyLedger');
          expect(v.mismatches).toEqual([]);
          expect(v.negatives).toBe(0);
          expect(v.ok).toBe(true);
        }
      }),
      { numRuns: 25, seed: 20261128 },
    );
    expect(runs).toBe(25);
    fx.t.close();
  });
});
