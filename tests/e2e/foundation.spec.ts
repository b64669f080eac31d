import { test, expect } from '@playwright/test';
import { startStation, shot, type StationServer } from './server';

let station: StationServer;
test.beforeAll(async () => {
  station = await startStation();
});
test.afterAll(async () => {
  await station.stop();
});

test('first run: setup → duty board → settings → language → logout → login', async ({ page }) => {
  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: /初始化本站/ })).toBeVisible();
  // The form starts empty: examples are placeholders, not a real station filled in (issue 15).
  await expect(page.locator('input[name=stationName]')).toHaveValue('');
  await expect(page.locator('input[name=stationName]')).toHaveAttribute('placeholder', /例/);
  await expect(page.locator('input[name=code]')).toHaveValue('');
  await expect(page.locator('input[name=code]')).toHaveAttribute('placeholder', /例/);
  await page.screenshot(shot('01-setup'));
  await page.fill('input[name=stationName]', '东昌区应急管理局');
  await page.fill('input[name=code]', '220502');

  // A bad password is refused with a translated message and nothing is created.
  await page.fill('input[name=displayName]', '张伟');
  await page.fill('input[name=password]', 'short');
  await page.fill('input[name=password2]', 'short');
  await page.getByRole('button', { name: '创建站点并登录' }).click();
  await expect(page.locator('.field-msg').first()).toContainText(/8/);

  await page.fill('input[name=password]', 'duty-room-2026');
  await page.fill('input[name=password2]', 'duty-room-2026');
  await page.getByRole('button', { name: '创建站点并登录' }).click();

  await expect(page.getByRole('heading', { name: '值班台' })).toBeVisible();
  await expect(page.getByTestId('station-name')).toHaveText('东昌区应急管理局');
  await expect(page.getByTestId('current-user')).toContainText('张伟');
  await expect(page.getByTestId('clock')).toContainText(/\d{2}:\d{2}:\d{2}/);
  await expect(page.locator('[data-panel=system]')).toContainText('审计链');
  await page.screenshot(shot('02-duty-board'));

  // Users: create an operator in the AG Grid screen.
  await page.click('[data-nav=settings]');
  await expect(page.getByRole('grid')).toBeVisible();
  const form = page.getByTestId('new-user');
  await form.locator('input[name=username]').fill('chenli');
  await form.locator('input[name=displayName]').fill('陈丽');
  await form.locator('input[name=password]').fill('first-pass-1');
  await form.getByRole('button', { name: '新建' }).click();
  await expect(page.locator('.ag-row', { hasText: '陈丽' })).toBeVisible();
  await page.screenshot(shot('03-users'));

  // English at runtime, grid included.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('[data-nav=duty]')).toHaveText('Duty');
  await page.screenshot(shot('04-english'));
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('[data-nav=duty]')).toHaveText('值班');

  await page.getByTestId('logout').click();
  await expect(page.getByRole('heading', { name: '值班人员登录' })).toBeVisible();
  await page.screenshot(shot('05-login'));

  // Wrong password: translated error.
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误。');

  // The new operator must replace the admin-issued password first.
  await page.fill('input[name=username]', 'chenli');
  await page.fill('input[name=password]', 'first-pass-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await page.fill('input[name=oldPassword]', 'first-pass-1');
  await page.fill('input[name=newPassword]', 'my-own-pass-9');
  await page.fill('input[name=newPassword2]', 'my-own-pass-9');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByTestId('current-user')).toContainText('陈丽');
  await expect(page.getByTestId('current-user')).toContainText('值班员');
  // An operator has no user administration.
  await page.click('[data-nav=settings]');
  await expect(page.locator('[data-tab=users]')).toHaveCount(0);
  await page.screenshot(shot('06-operator'));
});
