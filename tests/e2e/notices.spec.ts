import { test, expect, type Page } from '@playwright/test';
import { rpcClient, shot, startStation, type StationServer } from './server';

/**
 * Two station processes: a district hub and a township, syncing on a short timer. The district
 * issues a notice in Chromium; the township sees it (board, alert strip, notices screen) and
 * confirms in Chromium; the receipt comes back up. A zero-report period goes down; the township
 * files today's report over HTTP and yesterday's is missing: the district grid shows both.
 */
const PASSWORD = 'duty-room-2026';
let hub: StationServer;
let town: StationServer;
let hubToken = '';
let townToken = '';

const start = () => startStation(undefined, { env: { WATCHROOM_SYNC_INTERVAL_MS: '1500' } });

async function login(page: Page, url: string, route: string) {
  await page.goto(url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto(`${url}/#/${route}`);
}

const localDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

test.beforeAll(async () => {
  hub = await start();
  town = await start();
  const h = rpcClient(hub.url);
  const tw = rpcClient(town.url);
  hubToken = (
    await h<{ token: string }>('auth.setup', {
      station: { name: '东昌区应急管理局', code: '220502', level: 'district', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '区值班员', password: PASSWORD },
    })
  ).token;
  townToken = (
    await tw<{ token: string }>('auth.setup', {
      station: { name: '新站镇应急办', code: '220502101', level: 'township', timeZone: 'Asia/Shanghai' },
      admin: { username: 'admin', displayName: '镇值班员', password: PASSWORD },
    })
  ).token;
  const reg = await h<{ oneTimeSecret: string }>('sync.stations.register', { name: '新站镇应急办', code: '220502101', level: 'township' }, hubToken);
  await tw('sync.enroll', { hubUrl: hub.url, oneTimeSecret: reg.oneTimeSecret }, townToken);
  // A second township that has not connected: reached by phone only.
  await h('sync.stations.register', { name: '双龙镇应急办', code: '220502111', level: 'township' }, hubToken);
});
test.afterAll(async () => {
  await hub?.stop();
  await town?.stop();
});

test('a notice goes from the district to the township and its receipt comes back', async ({ browser }) => {
  test.setTimeout(150_000);
  const hubPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const townPage = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();

  await login(hubPage, hub.url, 'notices');
  await hubPage.getByTestId('notice-new').click();
  const form = hubPage.getByTestId('notice-form');
  await form.locator('input[name=title]').fill('关于做好强降雨防范工作的通知');
  await form.locator('textarea[name=body]').fill('请各乡镇于今日12时前完成山洪地质灾害隐患点巡查，并报告巡查情况。');
  await form.getByRole('checkbox', { name: '新站镇应急办', exact: true }).check();
  await form.getByRole('checkbox', { name: /^双龙镇应急办/ }).check();
  await form.locator('textarea[name=people]').fill('王队长 13900000000');
  await hubPage.screenshot(shot('notices-01-issue-1440'));
  await form.getByTestId('notice-issue').click();
  const lines = hubPage.getByTestId('notice-line');
  await expect(lines).toHaveCount(3);
  await expect(lines.filter({ hasText: '新站镇应急办' })).toContainText('未收到');
  await expect(lines.filter({ hasText: '双龙镇应急办' })).toContainText('未接入同步，电话通知');
  await hubPage.screenshot(shot('notices-02-issued-1440'));

  // Township: the notice arrives by sync; the board shows it and the alert strip raises it.
  await login(townPage, town.url, 'duty');
  await expect(async () => {
    await townPage.reload();
    await expect(townPage.getByTestId('board-notices')).toContainText('关于做好强降雨防范工作的通知', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(townPage.getByTestId('alert-dock')).toContainText('关于做好强降雨防范工作的通知');
  await townPage.screenshot(shot('notices-03-township-board-1366'));
  await townPage.goto(`${town.url}/#/notices`);
  const card = townPage.getByTestId('notice-receipt');
  await expect(card).toContainText('请各乡镇于今日12时前完成');
  await card.locator('textarea[name=reply]').fill('已安排巡查，12时前报告。');
  await townPage.screenshot(shot('notices-04-township-receipt-1366'));
  await card.getByTestId('notice-confirm').click();
  await expect(card).toContainText('镇值班员 已于');
  await expect(townPage.getByTestId('notice-inbox')).toContainText('已回复');

  // District: the receipt came up (已回复, who, the reply); the phone recipient is marked by hand.
  await expect(async () => {
    await hubPage.reload();
    await hubPage.getByTestId('notice-list').locator('tr', { hasText: '关于做好强降雨防范工作的通知' }).click();
    await expect(hubPage.getByTestId('notice-line').filter({ hasText: '新站镇应急办' })).toContainText('已回复', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(hubPage.getByTestId('notice-line').filter({ hasText: '新站镇应急办' })).toContainText('已安排巡查，12时前报告。');
  const wang = hubPage.getByTestId('notice-line').filter({ hasText: '王队长' });
  await wang.getByRole('button', { name: '电话确认' }).click();
  await hubPage.getByRole('dialog').locator('textarea').fill('王队长本人接听');
  await hubPage.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(wang).toContainText('已收到');
  await expect(hubPage.getByTestId('notice-list')).toContainText('已回执 2/3');
  await hubPage.screenshot(shot('notices-05-receipts-1440'));
  await hubPage.setViewportSize({ width: 1366, height: 768 });
  await hubPage.screenshot(shot('notices-06-receipts-1366'));
});

test('a missing zero report is shown at the district (township files today over HTTP, yesterday is missing)', async ({ browser }) => {
  test.setTimeout(120_000);
  const h = rpcClient(hub.url);
  const tw = rpcClient(town.url);
  const period = await h<{ id: string }>('zeroreports.periods.save', { name: '2026年冬季安全生产专项', kind: 'event', startDate: localDay(-1), endDate: localDay(7), deadline: '09:00' }, hubToken);
  // Down to the township, then today's report up (both by the township's own sync timer).
  await expect
    .poll(async () => (await tw<{ id: string }[]>('zeroreports.periods.list', {}, townToken)).length, { timeout: 30_000 })
    .toBe(1);
  await tw('zeroreports.file', { periodId: period.id, day: localDay(0), content: 'none' }, townToken);

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await login(page, hub.url, 'zeroreports');
  const row = page.getByTestId('zero-row').filter({ hasText: '新站镇应急办' });
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId('zero-cell-onTime')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId('zero-cell-missing')).toHaveCount(1);
  await expect(page.getByTestId('zero-row').filter({ hasText: '双龙镇应急办' }).getByTestId('zero-cell-missing')).toHaveCount(1);
  await page.screenshot(shot('zero-01-grid-1440'));

  // Yesterday's missing cell: remind, then the summary text names who has not reported.
  await row.getByTestId('zero-cell-missing').click();
  await expect(page.getByTestId('zero-cell-detail')).toContainText('未报');
  await page.getByTestId('zero-summary').click();
  await expect(page.getByTestId('zero-summary-text').locator('textarea')).toHaveValue(/未报2个：新站镇应急办、双龙镇应急办/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('zero-02-summary-1366'));
});
