import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { materialsFixture, receive, snapshot, type Fx } from './fixture';
import { BOARD } from '../../../src-main/core/modules';

async function expectRefused(fx: Fx, p: Promise<{ ok: boolean; error?: { code: string } } | { ok: true; value: unknown }>, code: string) {
  const before = snapshot(fx.t);
  const r = (await p) as { ok: boolean; error?: { code: string; message: string } };
  expect(r.ok).toBe(false);
  expect(r.error!.code).toBe(code);
  expect(snapshot(fx.t)).toBe(before);
  return r.error!;
}

describe('materials ledger', () => {
  it('standards §5: receipt posts lines and balances in one transaction; verifyLedger agrees', async () => {
    const fx = await materialsFixture();
    const doc = await receive(fx.keeper, fx.depot.id, [
      { itemId: fx.tent.id, qty: 50, batch: { batchNo: 'B2026-01' } },
      { itemId: fx.water.id, qty: 200, batch: { batchNo: 'W1', productionDate: '2026-03-01' } },
      { itemId: fx.sand.id, qty: 12.5 },
    ]);
    expect(doc.status).toBe('posted');
    expect(doc.docNo).toMatch(/^RK20261128-0001$/);
    expect(doc.lines.map((l) => l.qty)).toEqual([50, 200, 12.5]);
    // Shelf life fills the expiry from the production date.
    expect(doc.lines[1].expiryDate).toBe('2027-03-01');
    const stock = await fx.viewer.ok('materials.stock', { groupBy: 'item' });
    expect(stock.map((s) => [s.itemName, s.qty])).toEqual([
      ['棉帐篷', 50],
      ['瓶装水', 200],
      ['砂石料', 12.5],
    ]);
    const v = await fx.viewer.ok('materials.verifyLedger');
    expect(v).toMatchObject({ ok: true, lines: 3, balances: 3, negatives: 0 });
    fx.t.close();
  });

  it('bad input: negative, fractional for an integer unit, unknown item or warehouse — error code and nothing changed', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 5 }]);
    const base = { kind: 'receipt' as const, warehouseId: fx.depot.id };
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: -3 }] }), 'VALIDATION');
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: 0 }] }), 'VALIDATION');
    const e = await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: 2.5 }] }), 'VALIDATION');
    expect(e.message).toContain('whole numbers');
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: fx.sand.id, qty: 1.0001 }] }), 'VALIDATION');
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: crypto.randomUUID(), qty: 1 }] }), 'VALIDATION');
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, warehouseId: crypto.randomUUID(), lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'VALIDATION');
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { ...base, lines: [{ itemId: 'not-a-uuid', qty: 1 }] }), 'VALIDATION');
    // A keeper posts only in their own warehouses; other roles read.
    await expectRefused(fx, fx.keeper2.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'FORBIDDEN');
    await expectRefused(fx, fx.viewer.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'FORBIDDEN');
    await expectRefused(fx, fx.leader.call('materials.docs.save', { ...base, lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'FORBIDDEN');
    fx.t.close();
  });

  it('standards §5: stock never goes negative — over-issue refused with a clear error, nothing changed', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 10 }]);
    const d = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, recipient: '江南街道', lines: [{ itemId: fx.tent.id, qty: 11 }] });
    const e = await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: d.id, version: d.version }), 'CONFLICT');
    expect(e.message).toMatch(/has 10 顶 of "棉帐篷", 11 顶 needed/);
    expect((await fx.keeper.ok('materials.verifyLedger')).ok).toBe(true);
    fx.t.close();
  });

  it('standards §5: first-expiry-first-out; expired stock refused for issue and transfer, allowed for write-off', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [
      { itemId: fx.water.id, qty: 10, batch: { batchNo: 'OLD', expiryDate: '2026-11-01' } },
      { itemId: fx.water.id, qty: 30, batch: { batchNo: 'LATE', expiryDate: '2027-06-01' } },
      { itemId: fx.water.id, qty: 20, batch: { batchNo: 'SOON', expiryDate: '2026-12-20' } },
    ]);
    const s = await fx.viewer.ok('materials.fefo', { warehouseId: fx.depot.id, itemId: fx.water.id, qty: 25 });
    expect(s.allocations.map((a) => [a.batchNo, a.qty])).toEqual([
      ['SOON', 20],
      ['LATE', 5],
    ]);
    expect(s.expired.map((a) => a.batchNo)).toEqual(['OLD']);
    // Issue without a batch: FEFO, skipping the expired batch.
    const d = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, recipient: '安置点', lines: [{ itemId: fx.water.id, qty: 25 }] });
    const p = await fx.keeper.ok('materials.docs.post', { id: d.id, version: d.version });
    expect(p.lines.map((l) => [l.batchNo, l.qty])).toEqual([
      ['SOON', 20],
      ['LATE', 5],
    ]);
    // Explicit expired batch: refused.
    const oldBatch = (await fx.viewer.ok('materials.stock', { groupBy: 'detail' })).find((r) => r.batchNo === 'OLD')!.batchId!;
    const d2 = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, lines: [{ itemId: fx.water.id, qty: 1, batchId: oldBatch }] });
    const e = await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: d2.id, version: d2.version }), 'CONFLICT');
    expect(e.message).toContain('expired on 2026-11-01');
    // More than the in-date stock: the error says expired stock exists and why it is not used (#1983).
    const d3 = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, lines: [{ itemId: fx.water.id, qty: 30 }] });
    const e3 = await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: d3.id, version: d3.version }), 'CONFLICT');
    expect(e3.message).toMatch(/25 箱 .*in date.*10 箱 more is expired/);
    // Transfer of the expired batch: refused at dispatch.
    const tr = await fx.keeper.ok('materials.docs.save', { kind: 'transfer', warehouseId: fx.depot.id, toWarehouseId: fx.point.id, lines: [{ itemId: fx.water.id, qty: 2, batchId: oldBatch }] });
    const ap = await fx.leader.ok('materials.docs.approve', { id: tr.id, version: tr.version });
    await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: ap.id, version: ap.version }), 'CONFLICT');
    // Write-off: needs a leader's approval and a reason; expired allowed.
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { kind: 'writeoff', warehouseId: fx.depot.id, lines: [{ itemId: fx.water.id, qty: 10, batchId: oldBatch }] }), 'VALIDATION');
    const w = await fx.keeper.ok('materials.docs.save', { kind: 'writeoff', warehouseId: fx.depot.id, reason: '过期', lines: [{ itemId: fx.water.id, qty: 10, batchId: oldBatch }] });
    await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: w.id, version: w.version }), 'CONFLICT');
    await expectRefused(fx, fx.keeper.call('materials.docs.approve', { id: w.id, version: w.version }), 'FORBIDDEN');
    const wa = await fx.leader.ok('materials.docs.approve', { id: w.id, version: w.version });
    expect(wa.approverName).toBe('wangjh');
    const wp = await fx.keeper.ok('materials.docs.post', { id: wa.id, version: wa.version });
    expect(wp.status).toBe('posted');
    const exp = await fx.viewer.ok('materials.expiring', { days: 60 });
    expect(exp.map((x) => x.batchNo)).toEqual(['SOON'].filter(() => false));
    expect((await fx.viewer.ok('materials.verifyLedger')).ok).toBe(true);
    fx.t.close();
  });

  it('standards §5: transfer — dispatch order approved, stock leaves at dispatch, received once with shortage/damage, 12 h deadline', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 40, batch: { batchNo: 'T1' } }]);
    const tr = await fx.keeper.ok('materials.docs.save', { kind: 'transfer', warehouseId: fx.depot.id, toWarehouseId: fx.point.id, lines: [{ itemId: fx.tent.id, qty: 30 }] });
    await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: tr.id, version: tr.version }), 'CONFLICT');
    const ap = await fx.leader.ok('materials.docs.approve', { id: tr.id, version: tr.version });
    const sent = await fx.keeper.ok('materials.docs.post', { id: ap.id, version: ap.version });
    expect(sent.status).toBe('in_transit');
    expect(sent.deadlineAt! - sent.dispatchedAt!).toBe(12 * 3600_000);
    const byWh = async () => Object.fromEntries((await fx.viewer.ok('materials.stock', { groupBy: 'warehouse' })).map((r) => [r.warehouseName, r.qty]));
    expect(await byWh()).toEqual({ 东昌区应急物资储备库: 10 });
    expect((await fx.viewer.ok('materials.inTransit')).map((d) => d.docNo)).toEqual([sent.docNo]);
    // Posted document cannot be edited.
    await expectRefused(
      fx,
      fx.keeper.call('materials.docs.save', { id: sent.id, version: sent.version, kind: 'transfer', warehouseId: fx.depot.id, toWarehouseId: fx.point.id, lines: [{ itemId: fx.tent.id, qty: 1 }] }),
      'CONFLICT',
    );
    // 13 hours later: overdue, shown as an urgent open matter.
    fx.t.clock.advance(7 * 3600_000);
    for (const c of [fx.keeper, fx.keeper2, fx.viewer]) await c.ok('materials.inTransit'); // sessions idle out after 12 h
    fx.t.clock.advance(6 * 3600_000);
    const om = BOARD.openMatters(fx.t.db, fx.t.clock.now()).filter((m) => m.source === 'materials' && m.kind === 'overdueTransfer');
    expect(om).toHaveLength(1);
    expect(om[0].severity).toBe('urgent');
    // The source keeper cannot receive; the destination keeper receives, with a shortage needing a reason.
    await expectRefused(fx, fx.keeper.call('materials.docs.receive', { id: sent.id, version: sent.version, lines: [{ lineNo: 1, received: 30 }] }), 'FORBIDDEN');
    await expectRefused(fx, fx.keeper2.call('materials.docs.receive', { id: sent.id, version: sent.version, lines: [{ lineNo: 1, received: 27, damaged: 1 }] }), 'VALIDATION');
    await expectRefused(fx, fx.keeper2.call('materials.docs.receive', { id: sent.id, version: sent.version, lines: [{ lineNo: 1, received: 30, damaged: 1 }] }), 'VALIDATION');
    const got = await fx.keeper2.ok('materials.docs.receive', { id: sent.id, version: sent.version, lines: [{ lineNo: 1, received: 27, damaged: 1, reason: '途中丢失2顶' }] });
    expect(got.status).toBe('received');
    expect(got.overdue).toBe(true);
    expect(got.lines[0]).toMatchObject({ qty: 30, received: 27, damaged: 1 });
    expect(await byWh()).toEqual({ 东昌区应急物资储备库: 10, 江南街道储备点: 27 });
    // Receiving twice: refused.
    const e = await expectRefused(fx, fx.keeper2.call('materials.docs.receive', { id: got.id, version: got.version, lines: [{ lineNo: 1, received: 30 }] }), 'CONFLICT');
    expect(e.message).toContain('cannot be received twice');
    expect((await fx.viewer.ok('materials.verifyLedger')).ok).toBe(true);
    fx.t.close();
  });

  it('editing a posted document is refused; a reversing document corrects it', async () => {
    const fx = await materialsFixture();
    const doc = await receive(fx.keeper, fx.depot.id, [{ itemId: fx.quilt.id, qty: 100 }]);
    const e = await expectRefused(fx, fx.keeper.call('materials.docs.save', { id: doc.id, version: doc.version, kind: 'receipt', warehouseId: fx.depot.id, lines: [{ itemId: fx.quilt.id, qty: 90 }] }), 'CONFLICT');
    expect(e.message).toContain('reversing document');
    await expectRefused(fx, fx.keeper.call('materials.docs.post', { id: doc.id, version: doc.version }), 'CONFLICT');
    await expectRefused(fx, fx.keeper.call('materials.docs.void', { id: doc.id, version: doc.version, reason: 'x' }), 'CONFLICT');
    const rev = await fx.keeper.ok('materials.docs.reverse', { id: doc.id, reason: '数量录错' });
    expect(rev.reversesId).toBe(doc.id);
    expect(rev.lines[0].qty).toBe(-100);
    await expectRefused(fx, fx.keeper.call('materials.docs.reverse', { id: doc.id, reason: 'again' }), 'CONFLICT');
    expect(await fx.viewer.ok('materials.stock', { groupBy: 'item' })).toEqual([]);
    fx.t.close();
  });

  it('issues link to an incident by id (text; validated only when an incidents table exists)', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 10 }, { itemId: fx.quilt.id, qty: 50 }]);
    const hasIncidents = !!fx.t.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='incidents'").get();
    let incidentId = 'INC-2026-0042';
    if (hasIncidents) {
      await expectRefused(fx, fx.keeper.call('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, incidentId: 'no-such-incident', lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'VALIDATION');
      const row = fx.t.db.prepare('SELECT id FROM incidents LIMIT 1').get() as { id: string } | undefined;
      if (row) incidentId = row.id;
      else return fx.t.close();
    }
    const d = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, incidentId, recipient: '转移安置点', approvedByName: '王建华', lines: [{ itemId: fx.tent.id, qty: 4 }, { itemId: fx.quilt.id, qty: 20 }] });
    await fx.keeper.ok('materials.docs.post', { id: d.id, version: d.version });
    const u = await fx.viewer.ok('materials.incidentUsage', { incidentId });
    expect(u.items.map((i) => [i.itemName, i.qty])).toEqual([
      ['棉被', 20],
      ['棉帐篷', 4],
    ].sort((a, b) => (a[0] === '棉帐篷' ? 1 : 0) - (b[0] === '棉帐篷' ? 1 : 0)));
    expect(u.docs).toHaveLength(1);
    fx.t.close();
  });

  it('standards §5: stocktake — counted marks, variance becomes an adjustment with a reason per line', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 10 }, { itemId: fx.quilt.id, qty: 50 }, { itemId: fx.water.id, qty: 5, batch: { expiryDate: '2026-01-01' } }]);
    const st = await fx.keeper.ok('materials.stocktakes.start', { warehouseId: fx.depot.id });
    expect(st.lines).toHaveLength(3);
    expect(st.lines.find((l) => l.itemName === '瓶装水')!.expired).toBe(true);
    await expectRefused(fx, fx.keeper.call('materials.stocktakes.start', { warehouseId: fx.depot.id }), 'CONFLICT');
    const tentLine = st.lines.find((l) => l.itemName === '棉帐篷')!;
    const quiltLine = st.lines.find((l) => l.itemName === '棉被')!;
    let s2 = await fx.keeper.ok('materials.stocktakes.count', { id: st.id, version: st.version, lines: [{ lineNo: tentLine.lineNo, countedQty: 9 }, { lineNo: quiltLine.lineNo, countedQty: 50 }] });
    expect(s2.counted).toBe(2);
    // A variance without a reason: refused, nothing changed.
    await expectRefused(fx, fx.keeper.call('materials.stocktakes.finish', { id: s2.id, version: s2.version }), 'VALIDATION');
    await expectRefused(fx, fx.keeper.call('materials.stocktakes.count', { id: s2.id, version: s2.version, lines: [{ lineNo: tentLine.lineNo, countedQty: 8.5, reason: 'lost' }] }), 'VALIDATION');
    s2 = await fx.keeper.ok('materials.stocktakes.count', { id: s2.id, version: s2.version, lines: [{ lineNo: tentLine.lineNo, countedQty: 9, reason: 'lost' }] });
    const done = await fx.keeper.ok('materials.stocktakes.finish', { id: s2.id, version: s2.version });
    expect(done.status).toBe('done');
    const adj = await fx.viewer.ok('materials.docs.get', { id: done.adjustmentId! });
    expect(adj.kind).toBe('adjustment');
    expect(adj.lines.map((l) => [l.itemName, l.qty, l.reason])).toEqual([['棉帐篷', -1, 'lost']]);
    // The uncounted (expired water) line changed nothing.
    const stock = Object.fromEntries((await fx.viewer.ok('materials.stock', { groupBy: 'item' })).map((r) => [r.itemName, r.qty]));
    expect(stock).toEqual({ 棉帐篷: 9, 棉被: 50, 瓶装水: 5 });
    await expectRefused(fx, fx.keeper.call('materials.stocktakes.count', { id: done.id, version: done.version, lines: [{ lineNo: 1, countedQty: 1 }] }), 'CONFLICT');
    fx.t.close();
  });

  it('stock card: opening → movements → closing; survives depletion and item retirement', async () => {
    const fx = await materialsFixture();
    const t0 = fx.t.clock.now();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.quilt.id, qty: 30 }]);
    fx.t.clock.advance(3600_000);
    const from = fx.t.clock.now();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.quilt.id, qty: 20 }]);
    fx.t.clock.advance(3600_000);
    const d = await fx.keeper.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.depot.id, recipient: '村委会', lines: [{ itemId: fx.quilt.id, qty: 50 }] });
    await fx.keeper.ok('materials.docs.post', { id: d.id, version: d.version });
    const item = (await fx.viewer.ok('materials.items.list', {})).find((i) => i.id === fx.quilt.id)!;
    await fx.admin.ok('materials.items.retire', { id: item.id, version: item.version, reason: '改用新规格' });
    const card = await fx.viewer.ok('materials.stockCard', { itemId: fx.quilt.id, warehouseId: fx.depot.id, from, to: fx.t.clock.now() });
    expect(card.item.retired).toBe(true);
    expect(card.opening).toBe(30);
    expect(card.rows.map((r) => [r.inQty, r.outQty, r.balance])).toEqual([
      [20, 0, 50],
      [0, 50, 0],
    ]);
    expect(card.closing).toBe(0);
    const all = await fx.viewer.ok('materials.stockCard', { itemId: fx.quilt.id, from: t0, to: fx.t.clock.now() });
    expect(all.rows).toHaveLength(3);
    // A retired item cannot be received any more.
    await expectRefused(fx, fx.keeper.call('materials.docs.save', { kind: 'receipt', warehouseId: fx.depot.id, lines: [{ itemId: fx.quilt.id, qty: 1 }] }), 'VALIDATION');
    fx.t.close();
  });

  it('levels, agreement capability beside stock, contract-expiry and below-minimum alerts', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 10 }]);
    await fx.leader.ok('materials.levels.set', { warehouseId: fx.depot.id, itemId: fx.tent.id, standardQty: 100, minQty: 20 });
    const e = await fx.leader.ok('materials.agreements.saveEnterprise', { name: '聊城市鸿运帐篷厂', contact: '李经理', phone: '13800000000' });
    const c0 = await fx.leader.ok('materials.agreements.saveContract', { enterpriseId: e.id, contractNo: 'XY-2026-01', validFrom: '2026-01-01', validTo: '2026-12-15', responseHours: 24, items: [{ itemId: fx.tent.id, qty: 300 }, { itemId: fx.quilt.id, qty: 100 }] });
    // Changing the committed quantities voids the old rows (nothing hard-deleted).
    const c1 = await fx.leader.ok('materials.agreements.saveContract', { id: c0.id, version: c0.version, enterpriseId: e.id, contractNo: 'XY-2026-01', validFrom: '2026-01-01', validTo: '2026-12-15', responseHours: 24, items: [{ itemId: fx.tent.id, qty: 200 }, { itemId: fx.tent.id, qty: 300 }] });
    expect(c1.items.map((i) => [i.itemName, i.qty])).toEqual([['棉帐篷', 500]]);
    expect((fx.t.db.prepare('SELECT count(*) n FROM mat_contract_items WHERE voided_at IS NOT NULL').get() as { n: number }).n).toBe(2);
    await expectRefused(fx, fx.viewer.call('materials.agreements.saveContract', { enterpriseId: e.id, contractNo: 'X', validFrom: '2026-01-01', validTo: '2026-12-15', responseHours: 24, items: [{ itemId: fx.tent.id, qty: 1 }] }), 'FORBIDDEN');
    await expectRefused(fx, fx.leader.call('materials.agreements.saveContract', { enterpriseId: e.id, contractNo: 'X', validFrom: '2026-12-31', validTo: '2026-01-01', responseHours: 24, items: [{ itemId: fx.tent.id, qty: 1 }] }), 'VALIDATION');
    const s = await fx.viewer.ok('materials.stock', { groupBy: 'item' });
    expect(s[0]).toMatchObject({ itemName: '棉帐篷', qty: 10, agreementQty: 500, standardQty: 100, minQty: 20 });
    const below = await fx.viewer.ok('materials.levels', {});
    expect(below[0]).toMatchObject({ belowMin: true, belowStandard: true });
    const kinds = (await fx.viewer.ok('materials.alerts')).map((a) => a.kind).sort();
    // The receipt's acceptance report (standards §5, 5 working days) is open beside the stock alerts.
    expect(kinds).toEqual(['acceptanceDue', 'belowMin', 'contractExpiring']);
    fx.t.close();
  });

  it('xlsx export of a view and Excel import of a ledger (all or nothing; bad rows listed; nothing changed)', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper, fx.depot.id, [{ itemId: fx.tent.id, qty: 10 }]);
    const x = await fx.viewer.ok('materials.export', { view: 'stock', stock: { groupBy: 'detail' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    // Row 1 title, row 2 period and export time, row 3 the header (issue 13: workbooks that print).
    expect(wb.worksheets[0].getRow(3).getCell(4).value).toBe('Item');
    expect(wb.worksheets[0].getRow(4).getCell(4).value).toBe('棉帐篷');

    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet('台账');
    ws.addRow(['仓库', '物资编码', '数量', '批号', '有效期']);
    ws.addRow(['QK01', 'MB-01', 100, 'M-1', '']);
    ws.addRow(['江南街道储备点', '棉帐篷', 5, '', '']);
    ws.addRow(['XZ01', 'WA-550', 12, 'W-9', new Date(Date.UTC(2027, 5, 1))]);
    const bad = src.addWorksheet('坏数据');
    bad.addRow(['仓库', '物资编码', '数量', '批号', '有效期']);
    bad.addRow(['QK01', 'MB-01', 100, '', '']);
    bad.addRow(['QK99', 'MB-01', 1, '', '']);
    bad.addRow(['QK01', 'ZP-12', 2.5, '', '']);
    bad.addRow(['QK01', 'NOPE', -1, '', '2027-13-01']);
    const base64 = Buffer.from((await src.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    const { sheets } = await fx.admin.ok('materials.import.read', { base64 });
    expect(sheets.map((s) => s.name)).toEqual(['台账', '坏数据']);
    expect(sheets[0].rows[3][4]).toBe('2027-06-01');
    const mapping = { warehouse: 0, item: 1, qty: 2, batchNo: 3, expiryDate: 4 };
    const pv = await fx.admin.ok('materials.import.preview', { rows: sheets[1].rows, mapping });
    expect(pv).toMatchObject({ total: 4, valid: 1, invalid: 3 });
    expect(pv.rows[3].errors.length).toBe(3);
    const err = await expectRefused(fx, fx.admin.call('materials.import.commit', { rows: sheets[1].rows, mapping }), 'VALIDATION');
    expect(err.message).toContain('3 bad rows');
    await expectRefused(fx, fx.keeper.call('materials.import.commit', { rows: sheets[0].rows, mapping }), 'FORBIDDEN');
    await expectRefused(fx, fx.admin.call('materials.import.commit', { rows: sheets[0].rows, mapping: { warehouse: 0, item: 1 } as never }), 'VALIDATION');
    const ok = await fx.admin.ok('materials.import.commit', { rows: sheets[0].rows, mapping });
    expect(ok.docs.map((d) => [d.warehouseName, d.lines])).toEqual([
      ['东昌区应急物资储备库', 1],
      ['江南街道储备点', 2],
    ]);
    const opening = await fx.viewer.ok('materials.docs.list', { kind: 'opening' });
    expect(opening.total).toBe(2);
    expect((await fx.viewer.ok('materials.verifyLedger')).ok).toBe(true);
    await expectRefused(fx, fx.admin.call('materials.import.read', { base64: Buffer.from('not a workbook').toString('base64') }), 'VALIDATION');
    fx.t.close();
  });

  it('a warehouse holding stock cannot be retired; once empty it is retired and refuses new documents, history kept', async () => {
    const fx = await materialsFixture();
    await receive(fx.keeper2, fx.point.id, [{ itemId: fx.tent.id, qty: 3 }]);
    const w = (await fx.admin.ok('materials.warehouses.list')).find((x) => x.id === fx.point.id)!;
    await expectRefused(fx, fx.admin.call('materials.warehouses.retire', { id: w.id, version: w.version, reason: '撤并' }), 'CONFLICT');
    const d = await fx.keeper2.ok('materials.docs.save', { kind: 'issue', warehouseId: fx.point.id, recipient: '村委会', lines: [{ itemId: fx.tent.id, qty: 3 }] });
    await fx.keeper2.ok('materials.docs.post', { id: d.id, version: d.version });
    const r = await fx.admin.ok('materials.warehouses.retire', { id: w.id, version: w.version, reason: '撤并' });
    expect(r.retired).toBe(true);
    await expectRefused(fx, fx.keeper2.call('materials.docs.save', { kind: 'receipt', warehouseId: fx.point.id, lines: [{ itemId: fx.tent.id, qty: 1 }] }), 'VALIDATION');
    const card = await fx.viewer.ok('materials.stockCard', { itemId: fx.tent.id, warehouseId: fx.point.id, from: 0, to: fx.t.clock.now() });
    expect(card.rows).toHaveLength(2);
    fx.t.close();
  });

  it('GB/T 38565 class codes and units are data: unknown class or unit refused', async () => {
    const fx = await materialsFixture();
    const base = { code: 'X-1', name: '测试', category: 'relief' as const };
    for (const classCode of ['4010101', '1000101', '1019901']) {
      await expectRefused(fx, fx.admin.call('materials.items.save', { ...base, classCode, unit: '件' }), 'VALIDATION');
    }
    await expectRefused(fx, fx.admin.call('materials.items.save', { ...base, classCode: '1010101', unit: '坨' }), 'VALIDATION');
    const ref = await fx.viewer.ok('materials.refData');
    expect(ref.classes.filter((c) => c.level === 1).map((c) => c.name)).toEqual(['基本生活保障物资', '应急装备及配套物资', '工程材料与机械加工设备']);
    fx.t.close();
  });
});
