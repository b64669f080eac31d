import fs from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startStation, shot, type StationServer } from './server';

let station: StationServer;
test.beforeAll(async () => {
  station = await startStation();
});
test.afterAll(async () => {
  await station.stop();
});

const TZ = 'Asia/Shanghai';
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const nextMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number);
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};

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

async function loginPage(browser: Browser, username: string, password: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.print = () => undefined; // printing is checked through emulated print media + PDF
  });
  await page.goto(station.url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  return page;
}

test('roster: build a month, generate, fix a conflict, publish, swap, sign in, hand over to another user, print', async ({ browser }) => {
  test.setTimeout(300_000);
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  // The shift running now (24 h from 08:30 local) and the next one.
  const now = Date.now();
  const D = localDate(now - 8.5 * 3600_000);
  const D1 = addDays(D, 1);
  const M = nextMonth(D.slice(0, 7)); // the month built in the UI (all in the future, so swaps are allowed)

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.print = () => undefined;
  });
  await page.goto(station.url);
  await page.fill('input[name=stationName]', '东昌区应急管理局');
  await page.fill('input[name=code]', '220502');
  await page.fill('input[name=displayName]', '张伟');
  await page.fill('input[name=password]', 'duty-room-2026');
  await page.fill('input[name=password2]', 'duty-room-2026');
  await page.getByRole('button', { name: '创建站点并登录' }).click();
  await expect(page.getByRole('heading', { name: '值班台' })).toBeVisible();
  const admin = (await page.evaluate(() => sessionStorage.getItem('watchroom.token')))!;

  // Accounts of two operators (their own logins).
  for (const [username, displayName] of [
    ['chenli', '陈丽'],
    ['sunqiang', '孙强'],
  ]) {
    await rpc(admin, 'users.create', { username, displayName, password: 'initial-pass-1', roles: ['operator'] });
    const l = await rpc<{ token: string }>(null, 'auth.login', { username, password: 'initial-pass-1' });
    await rpc(l.token, 'auth.changePassword', { oldPassword: 'initial-pass-1', newPassword: 'own-pass-2026' });
  }
  const users = await rpc<{ id: string; username: string }[]>(admin, 'users.list');

  // Shift pattern and positions, from the UI's one-click default.
  await page.click('[data-nav=roster]');
  await expect(page.locator('[data-nav=roster]')).toHaveText('排班');
  await page.click('[data-tab=roster-setup]');
  await page.getByTestId('setup-defaults').click();
  await expect(page.getByTestId('positions')).toContainText('带班领导');
  await expect(page.getByTestId('shifts')).toContainText('08:30');
  await page.screenshot(shot('roster-01-setup'));

  // Directory: one person through the form, the rest through the API.
  await page.click('[data-tab=roster-people]');
  const ed = page.getByTestId('person-editor');
  await ed.locator('input[name=p-name]').fill('王建华');
  await ed.locator('input[name=p-unit]').fill('区应急管理局');
  await ed.locator('input[name=p-title]').fill('副局长');
  await ed.locator('input[name=p-mobile]').fill('13906351001');
  await ed.locator('input[name=duty-operator]').uncheck();
  await ed.locator('input[name=duty-leader]').check();
  await ed.getByRole('button', { name: '新建' }).click();
  await expect(page.locator('.ag-row', { hasText: '王建华' })).toBeVisible();
  const mk = (name: string, title: string, mobile: string, role: 'leader' | 'operator', username?: string) =>
    rpc<{ id: string; name: string }>(admin, 'roster.people.create', {
      name,
      unit: role === 'leader' ? '区应急管理局' : '区应急指挥中心',
      title,
      mobile,
      officePhone: '0635-8218110',
      dutyRoles: [role],
      userId: username ? users.find((u) => u.username === username)!.id : null,
    });
  await mk('刘云飞', '科长', '13906351002', 'leader');
  await mk('赵敏', '科长', '13906351003', 'leader');
  const chen = await mk('陈丽', '值班员', '13806352001', 'operator', 'chenli');
  const sun = await mk('孙强', '值班员', '13806352002', 'operator', 'sunqiang');
  const zhou = await mk('周静', '值班员', '13806352003', 'operator');
  await mk('吴昊', '值班员', '13806352004', 'operator');
  await rpc(admin, 'roster.contacts.create', { category: 'hotline', org: '区消防救援大队', phone: '119' });
  // Today's duty: 陈丽 on the running shift, 孙强 on the next (rostered directly, before the month below is published).
  const setup = await rpc<{ shifts: { id: string }[]; positions: { id: string; dutyRole: string }[] }>(admin, 'roster.setup.get');
  const opPos = setup.positions.find((p) => p.dutyRole === 'operator')!.id;
  const leadPos = setup.positions.find((p) => p.dutyRole === 'leader')!.id;
  const people = await rpc<{ id: string; name: string }[]>(admin, 'roster.people.list', {});
  const byName = (n: string) => people.find((p) => p.name === n)!.id;
  for (const [date, leader, op] of [
    [D, '王建华', chen.id],
    [D1, '刘云飞', sun.id],
  ]) {
    for (const [positionId, personId] of [
      [leadPos, byName(leader)],
      [opPos, op],
    ]) {
      await rpc(admin, 'roster.month.setCell', { month: date.slice(0, 7), date, shiftId: setup.shifts[0].id, positionId, slot: 0, personId });
    }
  }
  void zhou;
  await page.fill('input[name=q]', '');
  await page.click('[data-tab=roster-setup]');
  await page.click('[data-tab=roster-people]');
  await expect(page.locator('.ag-row', { hasText: '周静' })).toBeVisible();
  // 周静 is on leave on the 3rd–5th of the month.
  const lv = page.getByTestId('leave');
  await lv.locator('select[name=l-person]').selectOption({ label: '周静' });
  await lv.locator('input[name=l-from]').fill(`${M}-03`);
  await lv.locator('input[name=l-to]').fill(`${M}-05`);
  await lv.getByRole('button', { name: '登记' }).click();
  await expect(lv.locator('.banner-ok')).toContainText('周静');
  await page.screenshot(shot('roster-02-directory'));

  // Month: a manual assignment that conflicts with the leave, then the generator.
  await page.click('[data-tab=roster-month]');
  await page.fill('input[name=month]', M);
  // Slot columns after date, weekday, kind: 带班领导, 值班员1, 值班员2.
  const slot = (day: number, n: number) => page.locator(`[row-id="${M}-${String(day).padStart(2, '0')}"] [col-id^="c_"]`).nth(n);
  await expect(slot(1, 0)).toBeVisible();
  await slot(4, 1).click();
  const panel = page.getByTestId('cell-panel');
  await panel.locator('select[name=cellPerson]').selectOption({ label: '周静' });
  await panel.getByTestId('save-cell').click();
  await expect(page.getByTestId('issues').locator('[data-code=onLeave]')).toContainText('周静 请假中');
  await page.getByRole('button', { name: '自动轮排' }).click();
  await expect(page.getByTestId('generate-result')).toContainText('已排');
  await expect(page.getByTestId('issues').locator('[data-code=onLeave]')).toHaveCount(1);
  await expect(page.locator(`[row-id="${M}-04"] .cell-error`)).toHaveCount(1);
  await page.screenshot(shot('roster-03-generated-conflict'));

  // Fix the conflict: clear the cell from the issue list, let the generator fill it properly.
  await page.getByTestId('issues').locator('[data-code=onLeave]').click();
  await panel.getByRole('button', { name: '清空' }).click();
  await expect(page.getByTestId('issues').locator('[data-code=onLeave]')).toHaveCount(0);
  await page.getByRole('button', { name: '自动轮排' }).click();
  await expect(page.getByTestId('generate-result')).toContainText('已排 1 个班位');
  await expect(page.getByTestId('issues').locator('.sev-error')).toHaveCount(0);
  await expect(page.getByTestId('issues')).toContainText('没有冲突或缺岗');
  await page.screenshot(shot('roster-04-fixed'));

  // Publish; the month is frozen.
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('month-status')).toHaveText('已发布（冻结）');
  // Swap the operator of the 10th with the next day (from the 20th on) that has someone else.
  await slot(10, 1).click();
  const who10 = (await slot(10, 1).textContent())!.trim();
  expect(who10).not.toBe('');
  let day = 20;
  while ((await slot(day, 1).textContent())!.trim() === who10) day++;
  const who20 = (await slot(day, 1).textContent())!.trim();
  await panel.locator('input[name=changeReason]').fill('家中老人住院');
  await panel.locator('select[name=swapDate]').selectOption(`${M}-${day}`);
  await panel.getByTestId('do-swap').click();
  await expect(page.getByTestId('changes')).toContainText(`${who10} → ${who20}`);
  await expect(page.getByTestId('changes')).toContainText('批准：张伟');
  await expect(page.locator(`[row-id="${M}-10"] .cell-changed`)).toHaveCount(1);
  await page.screenshot(shot('roster-05-published-swap'));

  // Print: A4 landscape, the whole month on one page.
  await page.getByTestId('print-month').click();
  await expect(page.getByTestId('roster-print')).toContainText('值班表');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot(shot('roster-06-print'));
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toBe(`值班表-${M}.xlsx`);


  // 陈丽 signs in with her own login, logs an entry and writes the 三清 handover.
  const chenPage = await loginPage(browser, 'chenli', 'own-pass-2026');
  await chenPage.click('[data-nav=roster]');
  await chenPage.click('[data-tab=roster-duty]');
  await chenPage.getByTestId('sign-in').click();
  await expect(chenPage.getByTestId('sign-in-card')).toContainText('您已于');
  await expect(chenPage.getByTestId('current-shift')).toContainText('已签到');
  await chenPage.fill('input[name=logText]', '10:20 区气象台发布暴雨黄色预警，已转发各镇街');
  await chenPage.getByTestId('add-log').click();
  await expect(chenPage.getByTestId('duty-log')).toContainText('暴雨黄色预警');
  const ho = chenPage.getByTestId('handover');
  await ho.locator('textarea[name=situation]').fill('全区总体平稳，无新增突发事件。');
  await ho.locator('textarea[name=problems]').fill('道口铺街道低洼路段积水尚未排净。');
  await ho.locator('textarea[name=tasks]').fill('08:00 前再次核实各镇街雨情，跟进积水排除。');
  await ho.getByTestId('save-handover').click();
  await expect(chenPage.getByTestId('handover-status')).toHaveText('待接班确认');
  await chenPage.screenshot(shot('roster-07-handover-written'));

  // 孙强 acknowledges with his own login; the record freezes.
  const sunPage = await loginPage(browser, 'sunqiang', 'own-pass-2026');
  await sunPage.click('[data-nav=roster]');
  await sunPage.click('[data-tab=roster-duty]');
  await expect(sunPage.getByTestId('ack-handover')).toBeVisible();
  await sunPage.getByTestId('ack-handover').click();
  await expect(sunPage.getByTestId('handover-status')).toHaveText('已交接（冻结）');
  await expect(sunPage.getByTestId('handover')).toContainText('孙强 于');
  await expect(sunPage.getByTestId('duty-log')).toContainText('日志已冻结');
  await sunPage.screenshot(shot('roster-08-handover-acknowledged'));

  // 陈丽 leaves before 孙强 has signed in: a reason is required and the sign-out is flagged.
  await chenPage.reload();
  await chenPage.click('[data-nav=roster]');
  await chenPage.click('[data-tab=roster-duty]');
  await chenPage.getByTestId('sign-out').click();
  await expect(chenPage.getByRole('alert')).toContainText('必须填写原因');
  await chenPage.fill('input[name=signOutReason]', '孩子突发高烧，经带班领导同意');
  await chenPage.getByTestId('sign-out').click();
  await expect(chenPage.getByTestId('sign-in-card')).toContainText('提前签退（已标记）');
  await expect(chenPage.getByTestId('handover').locator('textarea[name=situation]')).toHaveAttribute('readonly', '');

  // Duty board: who is on duty now with phones, next shift, time to handover.
  await page.click('[data-nav=duty]');
  await expect(page.locator('[data-panel=roster-on-duty]')).toContainText('陈丽');
  await expect(page.locator('[data-panel=roster-on-duty]')).toContainText('13806352001');
  await expect(page.getByTestId('to-handover')).toContainText('后交班');
  await expect(page.locator('[data-panel=roster-handover]')).toContainText('已交接');
  await page.screenshot(shot('roster-09-duty-board'));

  // English.
  await page.getByTestId('lang-switch').click();
  await page.click('[data-nav=roster]');
  await expect(page.locator('[data-nav=roster]')).toHaveText('Roster');
  await page.fill('input[name=month]', M);
  await expect(page.getByTestId('month-status')).toHaveText('Published (frozen)');
  await page.screenshot(shot('roster-10-english'));
  await page.getByTestId('lang-switch').click();
});
