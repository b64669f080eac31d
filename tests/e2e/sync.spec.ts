import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shot, startStation, type StationServer } from './server';

/**
 * Two stations, two server processes with their own data folders: a district hub and a
 * township. The township works while the hub is down; when it comes back, the records appear on
 * the district view with their origin; a dispatch order comes down as an expected inbound transfer.
 */
type Proc = StationServer;

// A short push interval so the test does not wait for the production timer.
const start = (dataDir: string, port: number) => startStation(dataDir, { port, env: { WATCHROOM_SYNC_INTERVAL_MS: '1500' } });

async function rpc<T = unknown>(base: string, method: string, input: unknown, token?: string): Promise<T> {
  const r = await fetch(`${base}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.value;
}

async function user(base: string, admin: string, username: string, roles: string[]) {
  await rpc(base, 'users.create', { username, displayName: username === 'ld1' ? '李强' : '陈丽', password: 'initial-pass-1', roles }, admin);
  const l = await rpc<{ token: string }>(base, 'auth.login', { username, password: 'initial-pass-1' });
  await rpc(base, 'auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'changed-pass-1' }, l.token);
  return l.token;
}

async function login(page: Page, url: string, route: string) {
  await page.goto(url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'duty-room-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto(`${url}/#/${route}`);
}

let hub: Proc;
let town: Proc;
const hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-e2e-hub-'));
const townDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-e2e-town-'));

test.beforeAll(async () => {
  hub = await start(hubDir, 0);
  town = await start(townDir, 0);
  await rpc(hub.url, 'auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '区值班管理员', password: 'duty-room-2026' },
  });
  await rpc(town.url, 'auth.setup', {
    station: { name: '新站镇应急办', code: '220502101', level: 'township', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '镇值班管理员', password: 'duty-room-2026' },
  });
});
test.afterAll(async () => {
  await hub?.stop();
  await town?.stop();
});

test('two stations: work offline, catch up, district view with origins, dispatch order comes down', async ({ browser }) => {
  test.setTimeout(180_000);
  const hubPage = await (await browser.newContext()).newPage();
  const townPage = await (await browser.newContext()).newPage();

  // District: the hub registers the township and gets a one-time code.
  await login(hubPage, hub.url, 'district');
  await expect(hubPage.getByRole('heading', { name: '区级汇总' })).toBeVisible();
  await expect(hubPage.getByTestId('sync-indicator')).toContainText('区级汇总中心');
  const reg = hubPage.getByTestId('register-station');
  await reg.locator('input[name=name]').fill('新站镇应急办');
  await reg.locator('input[name=code]').fill('220502101');
  await reg.getByRole('button', { name: '登记并生成一次性码' }).click();
  const codeBox = hubPage.getByTestId('one-time-code').locator('.secret-box');
  await expect(codeBox).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const code = (await codeBox.textContent())!;
  await expect(hubPage.locator('.ag-row', { hasText: '新站镇应急办' })).toContainText('待登记');
  await hubPage.screenshot(shot('sync-01-register'));

  // Township: enrolls with the code (once), the top bar shows it online.
  await login(townPage, town.url, 'sync');
  await expect(townPage.getByTestId('sync-indicator')).toContainText('单机');
  const form = townPage.getByTestId('sync-enroll');
  await form.locator('input[name=hubUrl]').fill(hub.url);
  await form.locator('input[name=oneTimeSecret]').fill(code);
  await form.getByRole('button', { name: '登记' }).click();
  await expect(townPage.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await townPage.screenshot(shot('sync-02-enrolled'));

  // The hub goes down. The township logs an incident and signs a report all the same.
  await hub.stop();
  const admin = (await rpc<{ token: string }>(town.url, 'auth.login', { username: 'admin', password: 'duty-room-2026' })).token;
  const op = await user(town.url, admin, 'op1', ['operator']);
  const leader = await user(town.url, admin, 'ld1', ['leader']);
  const inc = await rpc<{ id: string }>(town.url, 'incidents.create', {
    source: 'phone',
    classCode: '1',
    typeCode: '14',
    summary: '东村村道山体塌方，交通中断，无人员伤亡',
    placeText: '新站镇东村村道3公里处',
    measures: '已设置警示标志，疏导交通，通知交通站',
    occurredAt: Date.now() - 20 * 60_000,
  }, op);
  const draft = await rpc<{ id: string; version: number }>(town.url, 'reports.create', { templateId: 'event-report', stage: 'initial', incidentId: inc.id }, op);
  const submitted = await rpc<{ version: number }>(town.url, 'reports.submit', { id: draft.id, version: draft.version }, op);
  await rpc(town.url, 'reports.sign', { id: draft.id, version: submitted.version }, leader);

  await townPage.getByTestId('sync-now').click();
  await expect(townPage.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(townPage.getByTestId('sync-error')).toContainText('无法连接区级汇总站');
  await expect(townPage.getByTestId('sync-indicator')).not.toContainText('待发 0');
  await townPage.screenshot(shot('sync-03-offline'));

  // The hub comes back on the same address: the township catches up on its own (timer + backoff).
  hub = await start(hubDir, hub.port);
  await expect(townPage.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await expect(townPage.getByTestId('sync-indicator')).toContainText('待发 0');
  await townPage.screenshot(shot('sync-04-caught-up'));

  // District view: both appear, with their origin marked.
  await hubPage.reload();
  await expect(hubPage.getByRole('heading', { name: '区级汇总' })).toBeVisible();
  await expect(hubPage.locator('.ag-row', { hasText: '新站镇应急办' })).toContainText('已登记');
  await hubPage.screenshot(shot('sync-05-stations'));
  await hubPage.click('[data-tab=incidents]');
  const incRow = hubPage.locator('.ag-row', { hasText: '东村村道山体塌方' });
  await expect(incRow).toBeVisible();
  await expect(incRow.locator('.origin-tag')).toHaveText('新站镇应急办');
  await hubPage.screenshot(shot('sync-06-district-incidents'));
  await hubPage.click('[data-tab=reports]');
  const repRow = hubPage.locator('.ag-row', { hasText: '新站镇应急办' });
  await expect(repRow).toBeVisible();
  await expect(repRow.locator('[col-id=signed]')).toHaveText('1');
  await hubPage.screenshot(shot('sync-07-district-reports'));

  // A dispatch order from the district reaches the township as an expected inbound transfer.
  await hubPage.click('[data-tab=transit]');
  const d = hubPage.getByTestId('new-dispatch');
  await d.locator('select[name=toRegId]').selectOption({ label: '新站镇应急办' });
  await d.locator('input[name=itemName]').fill('帐篷');
  await d.locator('input[name=qty]').fill('20');
  await d.locator('input[name=unit]').fill('顶');
  await d.getByRole('button', { name: '下发' }).click();
  await expect(d.locator('.banner-ok')).toContainText(/已下发 DB\d{4}-0001/);
  await expect(hubPage.locator('.ag-row', { hasText: '帐篷 20顶' })).toContainText('待拉取');
  await hubPage.screenshot(shot('sync-08-dispatch'));

  await townPage.getByTestId('sync-now').click();
  await townPage.reload();
  const inbound = townPage.locator('.ag-row', { hasText: '帐篷 20顶' });
  await expect(inbound).toBeVisible({ timeout: 15_000 });
  await expect(inbound).toContainText('待到货');
  await expect(inbound).toContainText('东昌区应急管理局');
  await townPage.screenshot(shot('sync-09-inbound'));

  // …and goes into the township's ledger when the goods arrive: the keeper posts what was received.
  const tAdmin = (await rpc<{ token: string }>(town.url, 'auth.login', { username: 'admin', password: 'duty-room-2026' })).token;
  const me = (await rpc<{ id: string; username: string; version: number; roles: string[] }[]>(town.url, 'users.list', {}, tAdmin)).find((u) => u.username === 'admin')!;
  await rpc(town.url, 'users.update', { id: me.id, version: me.version, roles: [...me.roles, 'keeper'] }, tAdmin);
  const wh = await rpc<{ id: string }>(town.url, 'materials.warehouses.save', { code: 'XZ-01', name: '新站镇应急物资储备点', tier: 'township' }, tAdmin);
  await rpc(town.url, 'materials.keepers.assign', { warehouseId: wh.id, userId: me.id }, tAdmin);
  await rpc(town.url, 'materials.items.save', { code: 'ZP-12', classCode: '1020102', name: '帐篷', spec: '12平方米', unit: '顶', category: 'relief' }, tAdmin);
  await townPage.reload();
  await townPage.locator('.ag-row', { hasText: '帐篷 20顶' }).click();
  const book = townPage.getByTestId('inbound-receive');
  await book.locator('select[name=item-0]').selectOption({ label: 'ZP-12 帐篷' });
  await book.locator('input[name=received-0]').fill('18');
  await book.getByRole('button', { name: '验收入库（过账）' }).click();
  await expect(book.getByRole('alert')).toContainText('短少或有损坏，须填写原因');
  await book.locator('input[name=reason-0]').fill('2 顶途中破损，退回区库');
  await book.locator('input[name=damaged-0]').fill('2');
  await book.getByRole('button', { name: '验收入库（过账）' }).click();
  await expect(townPage.locator('.ag-row', { hasText: '帐篷 20顶' })).toContainText('已入库');
  await townPage.screenshot(shot('sync-09b-booked'));
  const stock = await rpc<{ itemName: string; qty: number }[]>(town.url, 'materials.stock', { groupBy: 'item' }, tAdmin);
  expect(stock.find((r) => r.itemName === '帐篷')?.qty).toBe(18);

  await expect(async () => {
    await hubPage.getByTestId('district-reload').click();
    await expect(hubPage.locator('.ag-row', { hasText: '帐篷 20顶' })).toContainText('已接收', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // English, second locale.
  await hubPage.getByTestId('lang-switch').click();
  await hubPage.click('[data-tab=incidents]');
  await expect(hubPage.getByRole('heading', { name: 'District overview' })).toBeVisible();
  await hubPage.screenshot(shot('sync-10-english'));
});
