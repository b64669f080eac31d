import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { rpcClient, startStation, shot, type StationServer } from './server';

/**
 * Issue 14, warnings (预警): a rainstorm warning arrives and is recorded → the leader on duty sees it
 * in the leader's queue (count in the nav) and confirms with an instruction → it is forwarded to
 * three recipients (one from the directory, two typed by hand) → each is notified and confirms
 * receipt → the warning is lifted. Screenshots at 1440×900 and 1366×768 show no alert over a field.
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
  for (const [username, displayName, roles] of [['chenli', '陈丽', ['operator']], ['wangjh', '王建华', ['leader']]] as const) {
    await rpc('users.create', { username, displayName, password: 'first-pass-1', roles }, s.token);
    const l = await rpc<{ token: string }>('auth.login', { username, password: 'first-pass-1' });
    await rpc('auth.changePassword', { oldPassword: 'first-pass-1', newPassword: 'duty-pass-99' }, l.token);
  }
  await rpc('roster.contacts.create', { category: 'unit', org: '东昌街道办事处', name: '张强', title: '应急办主任', mobile: '13904350001' }, s.token);
});
test.afterAll(async () => {
  await station.stop();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function login(page: Page, username: string) {
  await page.goto(station.url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'duty-pass-99');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Every visible field of `form`, scrolled to the bottom of the view, lies clear of the alert area and is on top. */
async function fieldsClear(page: Page, form: Locator) {
  const dock = page.getByTestId('alert-dock');
  const fields = form.locator('input:visible, select:visible, textarea:visible, button:visible');
  const n = await fields.count();
  expect(n).toBeGreaterThan(5);
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    await f.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const b = (await f.boundingBox())!;
    const d = (await dock.boundingBox())!;
    expect(overlaps(b, d), `field ${i} overlaps the alert area`).toBe(false);
    const top = await f.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + Math.min(r.width / 2, 8), r.y + r.height / 2);
      return !!hit && (hit === el || el.contains(hit) || hit.contains(el) || (el as HTMLInputElement).labels?.[0]?.contains(hit) === true);
    });
    expect(top, `field ${i} is covered`).toBe(true);
  }
}

/** Wall time in Asia/Shanghai, as the form takes it. */
const local = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

async function dialogAnswer(page: Page, text: string | null) {
  const dlg = page.getByTestId('ui-dialog');
  await expect(dlg).toBeVisible();
  if (text !== null) await page.getByTestId('ui-dialog-input').fill(text);
  await page.getByTestId('ui-dialog-ok').click();
  await expect(dlg).toHaveCount(0);
}

async function leaderDecides(browser: Browser, id: string) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  await login(p, 'wangjh');
  // The leader's queue: one list on the board, its count in the nav.
  await expect(p.getByTestId('leader-queue-count')).toHaveText('1');
  const item = p.getByTestId('leader-queue').locator('[data-queue-kind=decide]');
  await expect(item).toContainText('暴雨橙色预警');
  await expect(p.getByTestId('board-active-warnings')).toContainText('暴雨');
  await p.screenshot(shot('warnings-03-leader-board-1440'));
  await item.getByRole('link').click();
  await expect(p).toHaveURL(new RegExp(`#/warnings/${id}$`));
  await p.getByTestId('tell-leader').click();
  await dialogAnswer(p, '立即转发各街道，做好人员转移准备');
  await expect(p.getByTestId('warning-leader')).toContainText('王建华');
  await expect(p.getByTestId('warning-leader')).toContainText('立即转发各街道');
  await expect(p.getByTestId('leader-queue-count')).toHaveCount(0);
  await ctx.close();
}

test('a warning arrives → leader told → forwarded to three → receipts → lifted; no alert over a field', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'chenli');
  await page.click('[data-nav=warnings]');
  await page.getByTestId('warning-new').click();
  const form = page.getByTestId('warning-intake');
  await expect(form).toBeVisible();
  // Received 7 minutes ago: the 10-minute leader deadline is 3 minutes away.
  await form.locator('[data-field=receivedAt]').fill(local(Date.now() - 7 * 60_000));
  await form.locator('[data-field=kind]').fill('暴雨');
  await form.locator('[data-field=level]').selectOption('2');
  await form.locator('[data-field=docNo]').fill('东昌气预〔2026〕18号');
  await form.locator('[data-area="220502001"]').check();
  await form.locator('[data-area="220502002"]').check();
  await form.locator('[data-field=validUntil]').fill(local(Date.now() + 24 * 3600_000));
  await form.locator('[data-field=text]').fill('预计未来6小时内我区将出现50毫米以上降雨，局地可达100毫米，请做好防范。');
  await form.locator('[data-field=attachment]').setInputFiles({ name: '预警单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n暴雨预警\n%%EOF') });
  await page.screenshot(shot('warnings-01-intake-1440'));
  await page.getByTestId('warning-save').click();
  const view = page.getByTestId('warning-view');
  await expect(view).toBeVisible();
  await expect(view).toContainText('东昌街道、民主街道');
  await expect(view).toContainText('预警单.pdf');
  const id = page.url().split('/').pop()!;

  // The alert area warns of the leader deadline; the form's fields stay clear of it at both sizes.
  const dock = page.getByTestId('alert-dock');
  await expect(dock.getByTestId('report-alerts')).toContainText('须报告带班领导');
  for (const size of [{ width: 1440, height: 900 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    await page.goto(`${station.url}/#/warnings/new`);
    await expect(form).toBeVisible();
    await expect(dock.getByTestId('report-alerts')).toContainText('须报告带班领导');
    await fieldsClear(page, form);
    await page.screenshot({ path: shot(`warnings-02-intake-with-alert-${size.width}`).path });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await leaderDecides(browser, id);

  // Forwarding: one recipient from the directory (by township), two typed by hand, each with its channel.
  await page.goto(`${station.url}/#/warnings/${id}`);
  await expect(view.getByTestId('warning-leader')).toContainText('王建华');
  const picker = view.getByTestId('recipient-picker');
  await picker.locator('[data-filter=township]').selectOption('220502001');
  await picker.locator('[data-candidate="张强"]').check();
  await picker.locator('[data-channel-for="张强"]').selectOption('phone');
  await picker.getByTestId('add-picked').click();
  for (const [name, unit, phone, channel] of [['李红', '民主街道办事处', '0435-3201234', 'fax'], ['赵刚', '区水利局', '13904350003', 'sms']]) {
    await picker.locator('[data-manual=name]').fill(name);
    await picker.locator('[data-manual=unit]').fill(unit);
    await picker.locator('[data-manual=phone]').fill(phone);
    await picker.locator('[data-manual=channel]').selectOption(channel);
    await picker.getByTestId('add-manual').click();
    await expect(view.locator(`[data-recipient="${name}"]`)).toBeVisible();
  }
  const rows = view.getByTestId('recipients').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('text=待通知')).toHaveCount(3);
  for (const name of ['张强', '李红', '赵刚']) {
    await view.locator(`[data-recipient="${name}"] [data-action=notify]`).click();
    await expect(view.locator(`[data-recipient="${name}"]`)).toHaveAttribute('data-status', 'notified');
  }
  await expect(view.getByTestId('warning-forward')).toContainText('已全部通知');
  for (const name of ['张强', '李红', '赵刚']) {
    await view.locator(`[data-recipient="${name}"] [data-action=confirm]`).click();
    await dialogAnswer(page, `${name}`);
    await expect(view.locator(`[data-recipient="${name}"]`)).toHaveAttribute('data-status', 'confirmed');
  }
  await expect(rows.locator('text=已回执')).toHaveCount(3);
  await page.screenshot(shot('warnings-04-receipts-1440'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot(shot('warnings-05-receipts-1366'));

  // Lifted: a timeline entry; off the active list and the board.
  await view.locator('[data-change=lift]').click();
  // First the confirmation (no field), then the basis of the lifting is asked in the next dialog.
  await expect(page.getByTestId('ui-dialog')).toContainText('不能再修改');
  await page.getByTestId('ui-dialog-ok').click();
  await expect(page.getByTestId('ui-dialog-input')).toBeVisible();
  await dialogAnswer(page, '区气象台解除暴雨橙色预警');
  await expect(view.getByTestId('warning-status')).toHaveText('已解除');
  await expect(view.getByTestId('warning-timeline').locator('[data-kind=lift]')).toContainText('区气象台解除');
  await expect(view.locator('[data-change]')).toHaveCount(0);
  await page.screenshot(shot('warnings-06-lifted-1366'));
  await page.click('[data-nav=duty]');
  await expect(page.getByTestId('board-active-warnings')).toContainText('当前没有生效中的预警');
});
