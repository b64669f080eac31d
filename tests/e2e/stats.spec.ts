import { test, expect, type Page } from '@playwright/test';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * 统计分析 and 规划指标 (issue 16) on the demo district: every chart canvas actually drew (pixels
 * that are not background), the indicators show their formulas and lights, and a leader enters a
 * year's figures. Screenshots at 1440×900 and 1366×768.
 */
let station: StationServer;

test.beforeAll(async () => {
  station = await startStation();
  const rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: true,
  });
  expect(s.token).toBeTruthy();
});
test.afterAll(async () => {
  await station.stop();
});

async function login(page: Page) {
  await page.goto(station.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'admin-pass-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Share of a canvas's pixels that are not white/transparent: a chart that drew has many. */
const inked = (page: Page, sel: string) =>
  page.locator(sel).evaluateAll((boxes) =>
    boxes.map((b) => {
      const c = b.querySelector('canvas');
      if (!c) return 0;
      const g = c.getContext('2d')!;
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
      return n / (c.width * c.height);
    }),
  );

for (const [w, h] of [
  [1440, 900],
  [1366, 768],
] as const) {
  test(`statistics draw their charts at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await login(page);
    await page.click('[data-nav=stats]');
    // Demo incidents lie in the last weeks: the current year holds them.
    await expect(page.getByTestId('tile-count').locator('b')).not.toHaveText('0');
    const charts = page.locator('[data-chart]');
    await expect(charts).toHaveCount(5);
    await expect.poll(async () => Math.min(...(await inked(page, '[data-chart]')))).toBeGreaterThan(0.002);
    await page.screenshot(shot(`stats-incidents-${w}`));

    await page.getByRole('tab', { name: '报送及时率' }).click();
    await expect(page.getByTestId('tile-rate')).toBeVisible();
    await expect(page.locator('[data-chart]')).toHaveCount(2);
    await page.screenshot(shot(`stats-timeliness-${w}`));

    await page.getByRole('tab', { name: '规划指标' }).click();
    await expect(page.getByTestId('indicator-productionDeaths')).toContainText('生产安全事故死亡人数');
    await expect(page.getByTestId('indicator-deathsPerGdp')).toContainText('地区生产总值（亿元）');
    await page.screenshot(shot(`stats-indicators-${w}`));
  });
}

test('a leader enters a year of figures; the indicator needing them gets a value, and nothing shows a code', async ({ page }) => {
  await login(page);
  await page.click('[data-nav=stats]');
  await page.getByRole('tab', { name: '规划指标' }).click();
  const card = page.getByTestId('indicator-disasterDeathRate');
  await expect(card).toHaveAttribute('data-light', 'none');
  await page.locator('select').last().selectOption('2025');
  await page.fill('input[name=population]', 'abc');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.banner').first()).toBeVisible(); // refused, in words
  await page.fill('input[name=population]', '410000');
  await page.fill('input[name=gdp]', '156.3');
  await page.fill('input[name=source]', '区统计局 2025 年统计公报');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存。')).toBeVisible();
  const text = await page.locator('.stats-body').innerText();
  expect(text).not.toMatch(/stats\.|plan_figures|[0-9a-f]{8}-[0-9a-f]{4}-/);
});
