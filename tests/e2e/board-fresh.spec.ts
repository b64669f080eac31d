import { test, expect, type Page } from '@playwright/test';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * The renderer's data layer (issue 11): a save shows on the duty board at once — not at the
 * board's 30-second refresh — and a write whose reply is lost is retried with the same
 * Idempotency-Key, so the station records it once (issue 19).
 */
let station: StationServer;
let rpc: ReturnType<typeof rpcClient>;

let adminToken = '';
test.beforeAll(async () => {
  station = await startStation();
  rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: false,
  });
  adminToken = s.token;
  await rpc('users.create', { username: 'chenli', displayName: '陈丽', password: 'first-pass-1', roles: ['operator'] }, s.token);
  const l = await rpc<{ token: string }>('auth.login', { username: 'chenli', password: 'first-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'first-pass-1', newPassword: 'duty-pass-99' }, l.token);
});
test.afterAll(async () => {
  await station.stop();
});

async function login(page: Page) {
  await page.goto(station.url);
  await page.fill('input[name=username]', 'chenli');
  await page.fill('input[name=password]', 'duty-pass-99');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Takes a call from the keyboard (F2 → intake → Enter), as the incidents spec does. */
async function takeCall(page: Page, township: string, place: string, summary: string) {
  const kb = page.keyboard;
  await kb.press('F2');
  const form = page.getByTestId('intake-form');
  await expect(form).toBeVisible();
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('街道办事处');
  await kb.press('Tab');
  await kb.type('李明');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('13904351234');
  await kb.press('Tab');
  await kb.press('Tab'); // occurred-at: blank
  await kb.type(township);
  await kb.press('Tab');
  await kb.press('Tab'); // village: blank
  await kb.type(place);
  await kb.press('Tab');
  await kb.type('21'); // 工矿商贸生产安全事故
  await kb.press('Tab');
  await kb.type('08'); // GB 6441: 火灾
  await kb.press('Tab');
  await kb.type('工贸');
  await kb.press('Tab');
  await kb.type(summary);
  await expect(page.locator('input[name=township]')).toHaveValue(new RegExp(township));
  await kb.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(/已登记 \d{4}-\d{5}/);
}

test('a save shows on the duty board at once, not at the next refresh', async ({ page }) => {
  await login(page);
  const open = page.getByTestId('board-open-incidents');
  await expect(open).toContainText('共 0 条');
  // The board's own reads happen once per board: both roster panels share one roster.now.
  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/rpc\/([^?]+)/.exec(r.url());
    if (m) calls.push(decodeURIComponent(m[1]));
  });
  await page.reload();
  await expect(open).toContainText('共 0 条');
  await expect(page.getByTestId('board-handover')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(calls.filter((c) => c === 'roster.now').length).toBeLessThanOrEqual(1);
  expect(calls).toContain('materials.alerts');

  await takeCall(page, '民主', '前进路3号厂房', '前进路厂房起火，无人员被困');
  await page.click('[data-nav=duty]');
  // Well under the 30 s board refresh: the write refreshed the cached reads.
  await expect(open).toContainText('前进路厂房起火', { timeout: 3_000 });
  await expect(open).toContainText('共 1 条', { timeout: 3_000 });

  for (const [w, h] of [
    [1440, 900],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`board-fresh-${w}x${h}`));
  }
});

test('the board refreshes on one policy: every board read once per 30 s, no panel timers', async ({ page }) => {
  await page.clock.install();
  await login(page);
  await expect(page.getByTestId('board-open-incidents')).toBeVisible();
  await expect(page.getByTestId('board-handover')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const calls: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/rpc\/([^?]+)/.exec(r.url());
    if (m) calls.push(decodeURIComponent(m[1]));
  });
  await page.clock.runFor(10_000);
  await page.waitForLoadState('networkidle');
  expect(calls.filter((c) => c !== 'sync.status')).toEqual([]); // nothing before the period is up
  await page.clock.runFor(21_000);
  await expect.poll(() => calls.filter((c) => c === 'materials.alerts').length).toBe(1);
  await page.waitForLoadState('networkidle');
  const count = (m: string) => calls.filter((c) => c === m).length;
  expect(count('roster.now')).toBe(1); // shared by both roster panels
  expect(count('incidents.list')).toBe(1);
  expect(count('reports.due')).toBe(1); // the shell's deadline alerts share the board panel's question
  expect(count('incidents.queue')).toBe(1); // overdue and leader queue split one answer (each item once)
});

test('a write whose reply was lost is retried with the same Idempotency-Key and saved once', async ({ page }) => {
  await login(page);
  const keys: string[] = [];
  await page.route('**/api/rpc/incidents.create', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      // The request reaches the station and is saved; the reply is lost on the way back.
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await takeCall(page, '老站', '站前街8号', '站前街仓库冒烟，已断电');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  const list = await rpc<{ rows: { summary: string }[] }>('incidents.list', { q: '站前街仓库', limit: 10 }, adminToken);
  expect(list.rows.filter((r) => r.summary.includes('站前街仓库冒烟'))).toHaveLength(1);

  // The next save gets a fresh key.
  await page.unroute('**/api/rpc/incidents.create');
  const next: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/rpc/incidents.addEntry')) next.push(r.headers()['idempotency-key'] ?? '');
  });
  await page.locator('.ag-row', { hasText: '站前街仓库' }).click();
  const add = page.getByTestId('add-entry');
  await add.locator('textarea[name=entryBody]').fill('续报：已确认为电线老化，无人员伤亡。');
  await add.locator('textarea[name=entryBody]').press('Enter');
  await expect(page.getByTestId('timeline')).toContainText('电线老化');
  expect(next).toHaveLength(1);
  expect(next[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(next[0]).not.toBe(keys[0]);
});
