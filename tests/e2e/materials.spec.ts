import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { startStation, shot, type StationServer } from './server';

let station: StationServer;
let adminToken = '';
let keeperToken = '';
let incidentId = 'INC-20261128-001';
let incidentNo = '';

async function rpc<T = unknown>(method: string, input: unknown, token = adminToken): Promise<T> {
  const r = await fetch(`${station.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error: unknown };
  if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.value;
}

test.beforeAll(async () => {
  station = await startStation();
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '张伟', password: 'duty-room-2026' },
  });
  adminToken = s.token;
  const u = await rpc<{ id: string }>('users.create', { username: 'heping', displayName: '何平', password: 'initial-pass-1', roles: ['keeper', 'leader'] });
  const l = await rpc<{ token: string }>('auth.login', { username: 'heping', password: 'initial-pass-1' }, '');
  await rpc('auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'keeper-pass-9' }, l.token);
  keeperToken = l.token;
  // Link the issue to a real incident when the incidents module is present (stored as text, no FK).
  try {
    const tx = await rpc<{ classes: { code: string; accident: boolean; types: { code: string }[] }[] }>('incidents.taxonomy', {}, keeperToken);
    const c = tx.classes.find((x) => !x.accident && x.types.length) ?? tx.classes[0];
    const inc = await rpc<{ id: string; no: string }>('incidents.create', { source: 'phone', classCode: c.code, typeCode: c.types[0].code, summary: '古城街道低洼片区内涝，需转移安置群众约120人' }, keeperToken);
    incidentId = inc.id;
    incidentNo = inc.no;
  } catch {
    /* no incidents module in this build */
  }
  const depot = await rpc<{ id: string }>('materials.warehouses.save', { code: 'QK01', name: '东昌区应急物资储备库', tier: 'district' });
  const point = await rpc<{ id: string }>('materials.warehouses.save', { code: 'XZ01', name: '江南街道应急物资储备点', tier: 'township', parentId: depot.id });
  for (const w of [depot, point]) await rpc('materials.keepers.assign', { warehouseId: w.id, userId: u.id });
  const tent = await rpc<{ id: string }>('materials.items.save', { code: 'ZP-12', classCode: '1020102', name: '棉帐篷', spec: '12平方米', unit: '顶', category: 'relief' });
  await rpc('materials.items.save', { code: 'MB-01', classCode: '1010101', name: '棉被', spec: '2×2.3米', unit: '床', category: 'relief' });
  await rpc('materials.items.save', { code: 'JSY-01', classCode: '2010101', name: '救生衣', spec: '成人型', unit: '件', category: 'flood' });
  await rpc('materials.levels.set', { warehouseId: point.id, itemId: tent.id, standardQty: 50, minQty: 20 });
  const e = await rpc<{ id: string }>('materials.agreements.saveEnterprise', { name: '聊城市鸿运帐篷厂', contact: '李经理', phone: '0635-8888888' });
  await rpc('materials.agreements.saveContract', { enterpriseId: e.id, contractNo: 'XY-2026-07', validFrom: '2026-01-01', validTo: '2026-12-20', responseHours: 24, contacts: '李经理 13800000000', items: [{ itemId: tent.id, qty: 300 }] });
});
test.afterAll(async () => {
  await station.stop();
});

async function login(page: Page) {
  await page.goto(station.url);
  await page.fill('input[name=username]', 'heping');
  await page.fill('input[name=password]', 'keeper-pass-9');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText('何平');
}

const tab = (page: Page, id: string) => page.click(`.materials [data-tab=${id}]`);
const optionValue = (page: Page, select: string, label: string) =>
  page.locator(`${select} option`, { hasText: label }).first().getAttribute('value').then((v) => v ?? '');

test('materials: receive, transfer, receive at destination, issue to an incident, stocktake, voucher, Excel import', async ({ page }) => {
  await login(page);
  await page.click('[data-nav=materials]');
  await expect(page.getByRole('heading', { name: '应急物资台账' })).toBeVisible();

  // 1. Receive (入库) into the district depot.
  await tab(page, 'new');
  const form = page.getByTestId('new-doc');
  await form.locator('select[name=item-0]').selectOption(await optionValue(page, 'select[name=item-0]', '棉帐篷'));
  await form.locator('input[name=qty-0]').fill('120');
  await form.locator('input[name=batchNo-0]').fill('ZP2026-03');
  await form.getByRole('button', { name: '添加一行' }).click();
  await form.locator('select[name=item-1]').selectOption(await optionValue(page, 'select[name=item-1]', '棉被'));
  await form.locator('input[name=qty-1]').fill('300');
  await form.locator('input[name=acceptance]').fill('数量、质量验收合格');
  await page.screenshot(shot('materials-01-receipt-form'));
  await form.getByRole('button', { name: '保存草稿' }).click();
  const detail = page.getByTestId('doc-detail');
  await expect(detail).toContainText('草稿');
  await detail.getByRole('button', { name: '记账' }).click();
  await expect(detail.getByTestId('doc-status')).toHaveText('已记账');
  await page.screenshot(shot('materials-02-receipt-posted'));

  // 2. Transfer (调拨) 40 tents to the township point: approve the dispatch order, dispatch.
  await tab(page, 'new');
  await form.locator('select[name=kind]').selectOption('transfer');
  await form.locator('select[name=toWarehouseId]').selectOption(await optionValue(page, 'select[name=toWarehouseId]', '江南街道'));
  await form.locator('select[name=item-0]').selectOption(await optionValue(page, 'select[name=item-0]', '棉帐篷'));
  await form.locator('input[name=qty-0]').fill('40');
  await form.locator('input[name=reason]').fill('江南街道转移安置预置');
  await form.getByRole('button', { name: '保存草稿' }).click();
  await detail.getByRole('button', { name: '审批' }).click();
  await expect(detail.getByTestId('doc-status')).toHaveText('已审批');
  await detail.getByRole('button', { name: '发出（出库在途）' }).click();
  await expect(detail.getByTestId('doc-status')).toHaveText('在途');
  await tab(page, 'transit');
  await expect(page.locator('.ag-row', { hasText: '江南街道应急物资储备点' })).toBeVisible();
  await page.screenshot(shot('materials-03-in-transit'));

  // 3. Receive at the destination: 38 good, 1 damaged, 1 short (reason).
  await page.locator('.ag-row', { hasText: '江南街道应急物资储备点' }).dblclick();
  await detail.locator('input[name=received-1]').fill('38');
  await detail.locator('input[name=damaged-1]').fill('1');
  await detail.locator('input[name=receiveReason]').fill('途中遗失1顶');
  await detail.getByRole('button', { name: '确认接收' }).click();
  await expect(detail.getByTestId('doc-status')).toHaveText('已接收');
  await page.screenshot(shot('materials-04-received'));

  // 4. Issue (出库) to an incident, with a FEFO suggestion.
  await tab(page, 'new');
  await form.locator('select[name=kind]').selectOption('issue');
  await form.locator('input[name=incidentId]').fill(incidentId);
  await form.locator('input[name=recipient]').fill('古城街道转移安置点');
  await form.locator('input[name=approvedByName]').fill('王建华');
  await form.locator('select[name=item-0]').selectOption(await optionValue(page, 'select[name=item-0]', '棉被'));
  await form.locator('input[name=qty-0]').fill('60');
  await form.getByRole('button', { name: '按先到期先出建议批次' }).click();
  await expect(form.getByTestId('fefo-0')).toContainText('×60');
  await form.getByRole('button', { name: '保存草稿' }).click();
  await detail.getByRole('button', { name: '记账' }).click();
  await expect(detail.getByTestId('doc-status')).toHaveText('已记账');
  // Issue 13: the incident by its number and short title, never its id or its call summary.
  await expect(detail).toContainText(incidentNo);
  await expect(detail).not.toContainText(incidentId);
  await expect(detail).not.toContainText('需转移安置群众约120人');

  // 5. Print a voucher (出库单) on A4.
  await detail.getByTestId('open-voucher').click();
  const voucher = page.getByTestId('voucher');
  await expect(voucher.getByRole('heading', { name: '出库单' })).toBeVisible();
  await expect(voucher).toContainText('棉被');
  // Issue 13: one total per unit of measure, never quantities of different units added.
  const units = await voucher.locator('tbody tr:not(.v-total) td:nth-child(7)').allInnerTexts();
  await expect(voucher.getByTestId('voucher-total')).toHaveCount(new Set(units).size);
  await page.screenshot(shot('materials-05-voucher'));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await page.screenshot(shot('materials-06-voucher-print'));
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '关闭' }).click();

  // 6. Stocktake with a variance: 120-40 = 80 tents on the books, 79 counted → lost.
  await tab(page, 'stocktake');
  await page.getByRole('button', { name: '开始盘点' }).click();
  const sheet = page.getByTestId('count-sheet');
  const tentRow = sheet.locator('tr', { hasText: '棉帐篷' });
  await expect(tentRow).toContainText('80顶');
  await tentRow.locator('input[type=number]').fill('79');
  await tentRow.locator('select').selectOption('lost');
  const quiltRow = sheet.locator('tr', { hasText: '棉被' });
  await quiltRow.locator('input[type=number]').fill('240');
  await page.getByRole('button', { name: '保存点数' }).click();
  await expect(tentRow).toContainText('✔');
  await page.screenshot(shot('materials-07-stocktake'));
  await page.getByRole('button', { name: '完成盘点并生成调整单' }).click();
  await expect(page.locator('.banner-ok')).toContainText('盘点已完成');

  // 7. Import an Excel ledger: a bad row is listed and blocks; the fixed file imports all.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村储存室台账');
  ws.addRow(['仓库', '物资名称', '数量', '批号', '有效期至']);
  ws.addRow(['XZ01', '救生衣', 50, 'JSY-2025', '']);
  ws.addRow(['东昌区应急物资储备库', 'JSY-01', 200, 'JSY-2026', '']);
  ws.addRow(['XZ01', '冲锋舟', 2, '', '']);
  const bad = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await tab(page, 'import');
  await page.locator('input[name=importFile]').setInputFiles({ name: '台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await expect(page.locator('select[name=sheet] option').first()).toHaveText('村储存室台账 (4)');
  await expect(page.locator('select[name=map-qty]')).toHaveValue('2');
  await page.getByRole('button', { name: '预览校验' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('1 行有错误');
  await expect(page.getByTestId('import-preview')).toContainText('物资“冲锋舟”不存在');
  await page.screenshot(shot('materials-08-import-errors'));
  ws.spliceRows(4, 1);
  const good = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await page.locator('input[name=importFile]').setInputFiles({ name: '台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
  await expect(page.locator('select[name=sheet] option').first()).toHaveText('村储存室台账 (3)');
  await page.getByRole('button', { name: '预览校验' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 行可导入');
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect(page.getByTestId('import-done')).toContainText('已导入 2 张期初单');
  await page.screenshot(shot('materials-09-imported'));

  // Stock on hand by item, agreement capability beside it; the ledger verifies.
  await tab(page, 'stock');
  await expect(page.locator('.ag-row', { hasText: '棉帐篷' })).toContainText('300');
  await page.getByTestId('verify').click();
  await expect(page.getByTestId('verify-result')).toContainText('账目一致');
  await page.screenshot(shot('materials-10-stock'));

  // Stock card for tents at the depot: opening 0 → receipt, transfer, adjustment → closing 79.
  await tab(page, 'card');
  await page.locator('select[name=cardItem]').selectOption(await optionValue(page, 'select[name=cardItem]', '棉帐篷'));
  await page.locator('select[name=cardWarehouse]').selectOption(await optionValue(page, 'select[name=cardWarehouse]', '储备库'));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('card-closing')).toHaveText('79');
  await page.screenshot(shot('materials-11-stock-card'));
  // Issue 13: the stock card prints on A4 with 摘要 (kind, counterparty, reason) per movement.
  await expect(page.getByTestId('stock-card')).toContainText('入库，采购');
  await page.getByTestId('print-card').click();
  const cardPrint = page.getByTestId('stock-card-print');
  await expect(cardPrint.getByRole('heading', { name: '物资台账卡' })).toBeVisible();
  await expect(cardPrint).toContainText('摘要');
  await expect(cardPrint).toContainText('调拨，发出');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await page.screenshot(shot('materials-11b-stock-card-print'));
  await page.pdf({ path: 'test-results/paper/stock-card-print.pdf', format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '关闭' }).click();

  // Duty board: the materials alerts panel (tents below minimum at the point: 38 < … no; contract expiring).
  await page.click('[data-nav=duty]');
  await expect(page.locator('[data-panel=materials-alerts]')).toContainText('协议到期');
  await page.screenshot(shot('materials-12-duty-board'));

  // Warehouses and catalogue (GB/T 38565 classes), then the stock view in English.
  await page.click('[data-nav=materials]');
  await tab(page, 'setup');
  await expect(page.locator('.ag-row', { hasText: '江南街道应急物资储备点' })).toBeVisible();
  await page.screenshot(shot('materials-13-setup'));
  await tab(page, 'agreements');
  await expect(page.locator('.ag-row', { hasText: 'XY-2026-07' })).toContainText('天后到期');
  await page.screenshot(shot('materials-14-agreements'));
  await page.getByTestId('lang-switch').click();
  await page.click('.materials [data-tab=stock]');
  await expect(page.getByRole('heading', { name: 'Materials ledger' })).toBeVisible();
  await expect(page.locator('.ag-header-cell', { hasText: 'Agreement capability' })).toBeVisible();
  await page.screenshot(shot('materials-15-english'));
  await page.getByTestId('lang-switch').click();

  // The incident shows the materials issued to it.
  await page.goto(page.url().replace(/#.*$/, `#/incidents/${incidentId}`));
  await expect(page.getByTestId('materials-used')).toContainText('棉被 60床');
  await page.screenshot(shot('materials-16-incident-usage'));
});
