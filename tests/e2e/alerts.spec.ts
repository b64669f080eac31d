import { test, expect, type Locator, type Page } from '@playwright/test';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * Issue 14, first bullet: the alert area is docked in the shell and takes its own room — at
 * 1366×768 it covers no intake field and no dialog; 知道了 moves an alert to the history list;
 * the tab title flashes while an urgent (overdue) alert is unacknowledged, and a new one chimes.
 */
let station: StationServer;
let rpc: ReturnType<typeof rpcClient>;

test.beforeAll(async () => {
  station = await startStation();
  rpc = rpcClient(station.url);
  const s = await rpc<{ token: string }>('auth.setup', {
    station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
    loadDemo: false,
  });
  await rpc('users.create', { username: 'chenli', displayName: '陈丽', password: 'first-pass-1', roles: ['operator'] }, s.token);
  const l = await rpc<{ token: string }>('auth.login', { username: 'chenli', password: 'first-pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'first-pass-1', newPassword: 'duty-pass-99' }, l.token);
  const op = (await rpc<{ token: string }>('auth.login', { username: 'chenli', password: 'duty-pass-99' })).token;
  // Received 2 h 10 min ago: the 2-hour 初报 deadline has passed, so an urgent alert is raised.
  await rpc('incidents.create', {
    receivedAt: Date.now() - 130 * 60_000, occurredAt: Date.now() - 140 * 60_000,
    source: 'phone', callerUnit: '东昌街道办事处', callerName: '李明', callerTitle: '安全员', callerPhone: '13904351234',
    townshipCode: '220502001', placeText: '新华社区商业街12号', classCode: '2', typeCode: '21', accidentType: '08',
    summary: '东昌街道新华社区一仓库发生火灾，现场浓烟较大，消防队已出动',
    casualties: { dead: 0, injured: 2, serious: 1, missing: 0, trapped: 2, evacuated: 30 },
    directLoss: 200_000, measures: '已疏散周边群众，消防救援大队到场处置', informed: '已报119', trend: '火势得到初步控制',
  }, op);
});
test.afterAll(async () => {
  await station.stop();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The element is really visible where it is: its centre is not under another element (the alert area). */
async function onTop(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
  });
}

async function login(page: Page) {
  await page.goto(station.url);
  await page.fill('input[name=username]', 'chenli');
  await page.fill('input[name=password]', 'duty-pass-99');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Every intake field, scrolled to the lowest place the form lets it sit (the bottom edge of the
 * visible form, where an overlay at the foot of the window would cover it), lies clear of the
 * alert area and is on top. */
async function fieldsClearOf(page: Page, form: Locator, dock: Locator) {
  const vh = page.viewportSize()!.height;
  const dockBox = (await dock.boundingBox())!;
  expect(dockBox.height).toBeGreaterThan(30);
  expect(dockBox.y + dockBox.height).toBeLessThanOrEqual(vh + 1);
  const fields = form.locator('input:visible, select:visible, textarea:visible');
  const n = await fields.count();
  expect(n).toBeGreaterThan(10);
  for (const name of ['evacuated', 'directLoss']) await expect(form.locator(`[name="${name}"]`).first()).toBeVisible();
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    await f.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const b = (await f.boundingBox())!;
    const name = await f.getAttribute('name');
    expect(overlaps(b, dockBox), `field ${name} overlaps the alert area`).toBe(false);
    expect(await onTop(f), `field ${name} is covered`).toBe(true);
  }
}

test('the docked alert area covers no field or dialog; 知道了 moves to history; the title flashes', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page);
  const dock = page.getByTestId('alert-dock');
  await expect(dock.getByTestId('report-alerts')).toContainText('已超时，属迟报');
  await expect(dock.getByTestId('alert-count')).toHaveText('1');
  // A new urgent alert chimes (the WAV written by code) …
  await expect.poll(() => page.evaluate(() => Number(document.documentElement.dataset.alertSounds ?? 0))).toBeGreaterThan(0);
  // … and the tab title flashes while it is unacknowledged.
  const titles = new Set<string>();
  for (let i = 0; i < 6; i++) {
    titles.add(await page.title());
    await page.waitForTimeout(400);
  }
  expect([...titles].some((x) => x.includes('1项超时提醒'))).toBe(true);
  expect(titles.size).toBeGreaterThan(1);
  await page.screenshot(shot('alerts-01-board-1366'));

  // The intake form (F2): every field, scrolled to the bottom of the view, lies clear of the alert area and is on top.
  await page.keyboard.press('F2');
  const form = page.getByTestId('intake-form');
  await expect(form).toBeVisible();
  await fieldsClearOf(page, form, dock);
  await form.locator('[name="directLoss"]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('alerts-02-intake-1366').path });
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // An open dialog: clear of the alert area, and its buttons usable.
  await page.click('[data-nav=reports]');
  await page.getByTestId('new-disaster').click();
  const dlg = page.getByTestId('ui-dialog');
  await expect(dlg).toBeVisible();
  const dlgBox = (await dlg.boundingBox())!;
  expect(overlaps(dlgBox, (await dock.boundingBox())!)).toBe(false);
  for (const b of await dlg.getByRole('button').all()) expect(await onTop(b)).toBe(true);
  await page.screenshot({ path: shot('alerts-03-dialog-1366').path });
  await page.keyboard.press('Escape');
  await expect(dlg).toBeHidden();

  // Collapsible, the count still shown.
  await dock.getByTestId('alert-toggle').click();
  await expect(dock.getByTestId('report-alerts')).toBeHidden();
  await expect(dock.getByTestId('alert-count')).toHaveText('1');
  await dock.getByTestId('alert-toggle').click();

  // 知道了 → the history list; the title stops flashing.
  await dock.getByTestId('report-alerts').getByRole('button', { name: '知道了' }).click();
  await expect(dock.getByTestId('report-alerts')).toBeHidden();
  await expect(dock.getByTestId('alert-count')).toHaveText('0');
  await expect(dock.getByTestId('alert-history-toggle')).toHaveText('历史（1）');
  await dock.getByTestId('alert-history-toggle').click();
  await expect(dock.getByTestId('alert-history')).toContainText('已超时，属迟报');
  await expect(dock.getByTestId('alert-history')).toContainText('已知道');
  const after = new Set<string>();
  for (let i = 0; i < 4; i++) {
    after.add(await page.title());
    await page.waitForTimeout(400);
  }
  expect([...after].some((x) => x.includes('超时提醒'))).toBe(false);
  await page.screenshot(shot('alerts-04-history-1366'));

  // 1440×900: the same area, history open.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('[data-nav=duty]');
  await page.screenshot(shot('alerts-05-board-1440'));
  // The volume is a local setting; overdue alerts are never silent.
  await page.click('[data-nav=settings]');
  await expect(page.getByTestId('alert-settings')).toContainText('超时提醒不会静音');
  await expect(page.locator('input[name=alertVolume]')).toHaveValue('70');
});

test('a backlog of alerts (demo station) still leaves every intake field clear at 1366×768', async ({ page }) => {
  test.setTimeout(90_000);
  const demo = await startStation();
  try {
    await rpcClient(demo.url)('auth.setup', {
      station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-2026' },
      loadDemo: true,
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(demo.url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin-pass-2026');
    await page.getByRole('button', { name: '登录' }).click();
    const dock = page.getByTestId('alert-dock');
    await expect(dock.getByTestId('report-alerts').locator('li').nth(2)).toBeVisible();
    // The area keeps to about three rows however many alerts wait; the page keeps most of the window.
    expect((await dock.boundingBox())!.height).toBeLessThan(768 * 0.3);
    await page.screenshot(shot('alerts-06-demo-backlog-1366'));
    await page.keyboard.press('F2');
    const form = page.getByTestId('intake-form');
    await expect(form).toBeVisible();
    await fieldsClearOf(page, form, dock);
    await page.screenshot({ path: shot('alerts-07-demo-intake-1366').path });
  } finally {
    await demo.stop();
  }
});
