import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * 大屏 (issue 16) for a viewer account made over HTTP, on the demo district: the wall shows the
 * same figures the API gives, rotates its panels, at 1920×1080 and 1366×768; and a chart's
 * 导出数据 downloads a workbook that parses back to the chart's figures.
 */
let station: StationServer;
let rpc: ReturnType<typeof rpcClient>;
let viewerToken = '';

test.beforeAll(async () => {
  station = await startStation();
  rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: true,
  });
  await rpc('users.create', { username: 'wallpc', displayName: '值班大屏', password: 'first-pass-1', roles: ['viewer'] }, s.token);
  const l = await rpc<{ token: string }>('auth.login', { username: 'wallpc', password: 'first-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'first-pass-1', newPassword: 'wall-pass-2026' }, l.token);
  viewerToken = (await rpc<{ token: string }>('auth.login', { username: 'wallpc', password: 'wall-pass-2026' })).token;
});
test.afterAll(async () => {
  await station.stop();
});

async function login(page: Page, hash = '') {
  await page.goto(station.url + hash);
  await page.fill('input[name=username]', 'wallpc');
  await page.fill('input[name=password]', 'wall-pass-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeAttached();
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

for (const [w, h] of [
  [1920, 1080],
  [1366, 768],
] as const) {
  test(`the wall shows the figures and rotates its panels at ${w}×${h} (viewer)`, async ({ page }) => {
    await page.clock.install();
    await page.setViewportSize({ width: w, height: h });
    await login(page, '#/wall');
    const wall = page.getByTestId('wall');
    await expect(wall).toBeVisible();
    // The wall covers the window: no nav bar shows through.
    const box = (await wall.boundingBox())!;
    expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, w, h]);

    const open = await rpc<{ total: number }>('incidents.list', { status: ['received', 'handling'], limit: 1, count: true }, viewerToken);
    const due = await rpc<unknown[]>('reports.due', {}, viewerToken);
    const alerts = await rpc<unknown[]>('materials.alerts', {}, viewerToken);
    const stats = await rpc<{ totals: { count: number; dead: number } }>('stats.incidents', { from: today(), to: today() }, viewerToken);
    expect(open.total).toBeGreaterThan(0);
    await expect(page.getByTestId('wall-open').locator('b')).toHaveText(String(open.total));
    await expect(page.getByTestId('wall-alerts').locator('b')).toHaveText(String(alerts.length));
    await expect(page.getByTestId('wall-today').locator('b')).toHaveText(String(stats.totals.count));
    expect(Number(await page.getByTestId('wall-due').locator('b').textContent())).toBeGreaterThanOrEqual(0);
    expect(due).toBeInstanceOf(Array);

    // Large type: the headline figures are at least 7 % of the screen's height.
    const size = await page.getByTestId('wall-open').locator('b').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    expect(size).toBeGreaterThan(h * 0.07);

    await expect(page.getByTestId('wall-panel-duty')).toBeVisible();
    await page.screenshot(shot(`wall-duty-${w}`));
    for (const p of ['incidents', 'reports', 'materials', 'today'] as const) {
      await page.clock.fastForward(15_000);
      await expect(wall).toHaveAttribute('data-panel', p);
      await expect(page.getByTestId(`wall-panel-${p}`)).toBeVisible();
      await page.screenshot(shot(`wall-${p}-${w}`));
    }
    await expect(page.getByTestId('wall-today-count').locator('b')).toHaveText(String(stats.totals.count));
    await expect(page.getByTestId('wall-today-dead').locator('b')).toHaveText(String(stats.totals.dead));
    await page.clock.fastForward(15_000);
    await expect(wall).toHaveAttribute('data-panel', 'duty');
    // Nothing a person reads on the wall is a code or a method name.
    const text = await wall.innerText();
    expect(text).not.toMatch(/\b(incidents|stats|roster)\.[a-z]+|\b\d{9}\b|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
}

test('导出数据 on a chart downloads a workbook that parses back to its figures (viewer)', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page);
  await page.click('[data-nav=stats]');
  await expect(page.getByTestId('tile-count').locator('b')).not.toHaveText('0');
  const from = await page.locator('input[type=date]').first().inputValue();
  const to = await page.locator('input[type=date]').nth(1).inputValue();
  const s = await rpc<{ byClass: { key: string; count: number; dead: number }[] }>('stats.incidents', { from, to }, viewerToken);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=classes]')]);
  expect(download.suggestedFilename()).toBe(`突发事件分类别统计表-${from}-${to}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(String(ws.getCell(1, 1).value)).toBe('东昌区应急管理局 突发事件分类别统计表');
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  expect(rows.map((r) => r[1])).toEqual([...s.byClass.map((b) => b.count), s.byClass.reduce((a, b) => a + b.count, 0)]);
  for (const r of rows) expect(String(r[0])).toMatch(/^(自然灾害|事故灾难|公共卫生事件|社会安全事件|其他|合计)$/);
  await page.screenshot(shot('stats-export-buttons-1440'));
});

test('the wall reads in English too (1920×1080)', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('watchroom.lang', 'en'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${station.url}#/wall`);
  await page.fill('input[name=username]', 'wallpc');
  await page.fill('input[name=password]', 'wall-pass-2026');
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('wall-open')).toContainText('Open incidents');
  await expect(page.getByTestId('wall-panel-duty')).toContainText('On duty now');
  await page.screenshot(shot('wall-duty-1920-en'));
});
