import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startStation, shot, type StationServer } from './server';

/*
 * Issue 15 / standards §6 (holidays: the roster is filed in advance): chinese-days ends with 2026,
 * so January and February 2027 warn until the notice is loaded; after the import the holidays show.
 * The 2027 notice used here is an INVENTED test fixture (the real one is not known yet).
 */
const FIXTURE = path.resolve('tests/unit/roster/fixtures/notice-2027-invented-test-fixture.txt');

let station: StationServer;
test.beforeAll(async () => {
  station = await startStation();
});
test.afterAll(async () => {
  await station.stop();
});

async function rpc<T = unknown>(token: string | null, method: string, input: unknown = {}): Promise<T> {
  const r = await fetch(`${station.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
  return j.value;
}

async function showMonth(page: Page, month: string) {
  await page.fill('input[name=month]', month);
  await expect(page.locator('.ag-row').first()).toContainText(`${month.slice(5)}-01`);
}

test('calendar: 2027 warns until the notice is loaded; the imported holidays show', async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await rpc(null, 'auth.setup', {
    station: { name: '测试区应急管理局', code: '990101', level: 'district', timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '张伟', password: 'duty-room-2026' },
    loadDemo: false,
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(station.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'duty-room-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();

  await page.click('[data-nav=roster]');
  // The duty board (handover open matters): from 1 November the uncovered next year is listed.
  await page.click('[data-tab=roster-setup]');
  await page.getByTestId('setup-defaults').click();
  await expect(page.getByTestId('shifts')).toContainText('08:30');
  await page.click('[data-tab=roster-duty]');
  await expect(page.getByTestId('open-matters')).toContainText('2027 年法定节假日安排尚未载入');
  await page.screenshot(shot('calendar-00-board'));
  await page.click('[data-tab=roster-month]');
  await showMonth(page, '2026-12');
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
  for (const m of ['2027-01', '2027-02']) {
    await showMonth(page, m);
    await expect(page.getByTestId('calendar-missing')).toHaveText(/2027 年法定节假日安排尚未载入/);
  }
  await expect(page.locator('.ag-row', { hasText: '02-05' })).not.toContainText('春节');
  await page.screenshot(shot('calendar-01-month-warning'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('calendar-01-month-warning-1366'));
  await page.setViewportSize({ width: 1440, height: 900 });

  // From the warning to the import screen; the year is preselected.
  await page.getByTestId('calendar-import-link').click();
  await expect(page.getByTestId('calendar-status')).toContainText('尚未载入');
  await expect(page.locator('select[name=noticeYear]')).toHaveValue('2027');
  // An unaccounted sentence is refused, naming it.
  await page.fill('textarea[name=noticeText]', fs.readFileSync(FIXTURE, 'utf8').replace('2月20日（周六）上班。', '2月20日（周六）上班。具体另行通知。'));
  await page.getByTestId('notice-preview').click();
  await expect(page.locator('.banner-error')).toContainText('具体另行通知');
  await expect(page.getByTestId('notice-result')).toHaveCount(0);

  // A .docx is read too (LibreOffice-written fixture of the same invented text).
  await page.setInputFiles('input[name=noticeFile]', FIXTURE.replace(/\.txt$/, '.docx'));
  await expect(page.locator('textarea[name=noticeText]')).toHaveValue(/二、春节：2月5日（农历除夕、周五）至13日/);
  await page.fill('textarea[name=noticeText]', '');

  // Load the .txt file and preview the year.
  await page.setInputFiles('input[name=noticeFile]', FIXTURE);
  await expect(page.locator('textarea[name=noticeText]')).toHaveValue(/国务院办公厅关于2027年部分节假日安排的通知/);
  await page.getByTestId('notice-preview').click();
  const cal = page.getByTestId('year-calendar');
  await expect(cal.locator('[data-date="2027-02-05"]')).toHaveAttribute('data-kind', 'holiday');
  await expect(cal.locator('[data-date="2027-02-20"]')).toHaveAttribute('data-kind', 'makeup');
  await expect(cal.locator('[data-date="2027-01-01"]')).toHaveAttribute('data-kind', 'holiday');
  await expect(page.getByTestId('notice-result')).toContainText('春节：2月5日 至 2月13日，共 9 天');
  await page.screenshot(shot('calendar-02-preview'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('calendar-02-preview-1366'));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('notice-confirm').click();
  await expect(page.locator('.banner-ok')).toContainText('2027 年节假日安排已保存');
  await expect(page.locator('tr[data-year="2027"]')).toContainText('本站载入的通知');

  await page.click('[data-tab=roster-duty]');
  await expect(page.getByTestId('open-matters')).toHaveCount(0);

  // The months: no warning, the holidays show.
  await page.click('[data-tab=roster-month]');
  await showMonth(page, '2027-01');
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
  await expect(page.locator('.ag-row', { hasText: '01-01' })).toContainText('元旦');
  await showMonth(page, '2027-02');
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
  await expect(page.locator('.ag-row', { hasText: '02-05' })).toContainText('节假日 春节');
  await expect(page.locator('.ag-row', { hasText: '02-20' })).toContainText('调休上班 春节');
  await page.screenshot(shot('calendar-03-month-after'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('calendar-03-month-after-1366'));
});
