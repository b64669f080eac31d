import { describe, expect, it } from 'vitest';
import { materialsFixture, snapshot } from '../materials/fixture';

/** A dispatch order as it arrives from the district (what applyDown stores). */
function arrive(fx: Awaited<ReturnType<typeof materialsFixture>>, id = 'a7d3c1e2-0000-4000-8000-000000000001') {
  fx.t.db
    .prepare(
      `INSERT INTO sync_inbound (id, origin, origin_name, order_no, from_name, lines, deadline_at, note, issued_at, down_seq, received_at)
       VALUES (?, 'district-station', '东昌区应急管理局', 'DB20261129-0001', '东昌区应急物资储备库', ?, ?, '', ?, 1, ?)`,
    )
    .run(
      id,
      JSON.stringify([
        { itemCode: 'ZP-12', itemName: '棉帐篷', unit: '顶', qty: 20 },
        { itemCode: 'MB-01', itemName: '棉被', unit: '床', qty: 100 },
      ]),
      fx.t.clock.now() + 12 * 3600_000,
      fx.t.clock.now(),
      fx.t.clock.now(),
    );
  return id;
}

describe('dispatch order → township ledger (standards §5: acceptance at receipt; 12-hour dispatch)', () => {
  it('books what arrived as a posted transfer-in receipt, shortages with a reason, once only', async () => {
    const fx = await materialsFixture();
    const id = arrive(fx);
    const row = await fx.keeper2.ok('sync.inbound.receive', {
      id,
      warehouseId: fx.point.id,
      acceptance: '数量质量验收合格',
      lines: [
        { index: 0, itemId: fx.tent.id, received: 20 },
        { index: 1, itemId: fx.quilt.id, received: 95, damaged: 5, reason: '运输途中受潮 5 床' },
      ],
    });
    expect(row).toMatchObject({ status: 'received' });
    expect(row.receiptDocId).toBeTruthy();
    const doc = await fx.viewer.ok('materials.docs.get', { id: row.receiptDocId! });
    expect(doc).toMatchObject({ kind: 'receipt', status: 'posted', source: 'transfer_in' });
    const stock = await fx.viewer.ok('materials.stock', { groupBy: 'item', warehouseId: fx.point.id });
    expect(stock.map((s) => [s.itemName, s.qty]).sort()).toEqual([['棉帐篷', 20], ['棉被', 95]].sort());
    expect((await fx.viewer.ok('materials.verifyLedger')).ok).toBe(true);
    // Booking twice is refused and changes nothing.
    const before = snapshot(fx.t);
    const again = await fx.keeper2.call('sync.inbound.receive', { id, warehouseId: fx.point.id, lines: [{ index: 0, itemId: fx.tent.id, received: 20 }, { index: 1, itemId: fx.quilt.id, received: 100 }] });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(snapshot(fx.t)).toBe(before);
    fx.t.close();
  });

  it('refuses a shortage without reason, a wrong unit, missing lines, another keeper\'s warehouse — nothing changes', async () => {
    const fx = await materialsFixture();
    const id = arrive(fx);
    const before = snapshot(fx.t);
    const base = { id, warehouseId: fx.point.id };
    const cases: [unknown, string][] = [
      [{ ...base, lines: [{ index: 0, itemId: fx.tent.id, received: 18 }, { index: 1, itemId: fx.quilt.id, received: 100 }] }, 'VALIDATION'],
      [{ ...base, lines: [{ index: 0, itemId: fx.sand.id, received: 20 }, { index: 1, itemId: fx.quilt.id, received: 100 }] }, 'VALIDATION'],
      [{ ...base, lines: [{ index: 0, itemId: fx.tent.id, received: 20 }] }, 'VALIDATION'],
      [{ ...base, lines: [{ index: 0, itemId: fx.tent.id, received: 30 }, { index: 1, itemId: fx.quilt.id, received: 100 }] }, 'VALIDATION'],
      [{ ...base, warehouseId: fx.depot.id, lines: [{ index: 0, itemId: fx.tent.id, received: 20 }, { index: 1, itemId: fx.quilt.id, received: 100 }] }, 'FORBIDDEN'],
    ];
    for (const [input, code] of cases) {
      const r = await fx.keeper2.raw('sync.inbound.receive', input);
      expect(r).toMatchObject({ ok: false, error: { code } });
    }
    expect(await fx.viewer.call('sync.inbound.receive', { ...base, lines: [{ index: 0, itemId: fx.tent.id, received: 20 }, { index: 1, itemId: fx.quilt.id, received: 100 }] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(fx.t)).toBe(before);
    expect((await fx.viewer.ok('sync.inbound.list'))[0].status).toBe('expected');
    fx.t.close();
  });
});
