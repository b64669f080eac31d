import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, _electron as electron } from '@playwright/test';
import { electronBinary } from '../../src-main/launcher-detect';
import { freePort, intakeOverdueCall, invoke, login, person, setUpStation } from '../desktop/flow';

// The desktop window itself, in real Electron. It runs wherever the Electron runtime is installed;
// on the build machines it cannot be downloaded, and tests/desktop runs the same flow against the
// built main process, preload and renderer through an Electron shim.
const bin = electronBinary(process.cwd());
test.skip(!bin, 'Electron runtime not installed on this machine (its binary download is unreachable); tests/desktop runs the same flow through the Electron shim');

test('desktop window: isolated, sandboxed; setup, intake, return with a reason and sign, notification, tray, LAN access', async () => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-electron-'));
  const app = await electron.launch({ executablePath: bin!, args: ['.', '--data-dir', dir], env: { ...process.env, WATCHROOM_ALERT_INTERVAL_MS: '1000' } });
  // Record the notifications the main process shows, so the test can click one.
  await app.evaluate(({ Notification }) => {
    const g = globalThis as unknown as { shown: Electron.Notification[] };
    g.shown = [];
    const show = Notification.prototype.show;
    Notification.prototype.show = function (this: Electron.Notification) {
      g.shown.push(this);
      return show.call(this);
    };
  });
  const win = await app.firstWindow();
  await expect(win.getByRole('heading', { name: /初始化本站/ })).toBeVisible();
  const hasNode = await win.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined' || typeof (globalThis as { process?: unknown }).process !== 'undefined');
  expect(hasNode).toBe(false);
  expect(await win.evaluate(() => Object.keys((window as unknown as { watchroom: object }).watchroom))).toEqual(['invoke']);
  await win.screenshot({ path: 'test-results/screenshots/electron-01-setup.png' });
  expect(await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label))).toEqual(['文件', '接报', '视图', '帮助']);

  await setUpStation(win);
  await person(win, 'chenli', '陈丽', ['operator']);
  await person(win, 'wangjh', '王建华', ['leader']);
  await login(win, 'wangjh', 'duty-pass-99', true);
  await login(win, 'chenli', 'duty-pass-99', true);
  await intakeOverdueCall(win, 130, '商业街12号仓库', '商业街一仓库发生火灾，现场浓烟较大，消防队已出动。');
  const shownTitles = () => app.evaluate(() => (globalThis as unknown as { shown: Electron.Notification[] }).shown.map((n) => `${n.title}|${n.body}`));
  await expect.poll(shownTitles, { timeout: 15_000 }).toContainEqual(expect.stringMatching(/已超时\|.*商业街一仓库/));

  await win.click('[data-nav=reports]');
  await win.locator('tr[data-chain]').first().getByTestId('draft-next').click();
  await win.fill('textarea[name=unitOverview]', '东昌区某商贸有限公司，主营日用品仓储');
  await win.fill('textarea[name=scene]', '仓库一层起火，过火面积约200平方米');
  await win.getByTestId('submit').click();
  await expect(win.getByTestId('status')).toHaveText('待签发');
  const reportHash = new URL(win.url()).hash;
  const go = (hash: string) => win.evaluate((h) => (location.hash = h), hash);
  await login(win, 'wangjh');
  await go(reportHash);
  await win.getByRole('button', { name: '退回修改' }).click();
  await win.getByTestId('ui-dialog-input').fill('现场情况描述不完整，请补充过火面积和被困人员情况');
  await win.keyboard.press('Enter');
  await expect(win.getByTestId('status')).toHaveText('草稿');
  await login(win, 'chenli');
  await go(reportHash);
  await win.getByTestId('submit').click();
  await login(win, 'wangjh');
  await go(reportHash);
  await win.getByTestId('sign').click();
  await expect(win.getByTestId('status')).toHaveText('已签发');

  // Clicking the notification brings the window to the item.
  await go('#/');
  await app.evaluate(() => (globalThis as unknown as { shown: Electron.Notification[] }).shown[0].emit('click'));
  await expect.poll(() => new URL(win.url()).hash).toBe('#/reports/due');

  // Closing the window keeps the app in the tray; an alert still fires.
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
  await invoke(win, 'incidents.create', {
    receivedAt: Date.now() - 200 * 60_000, source: 'transfer110', townshipCode: '220502002', placeText: '滨江路与新华大街交叉口', classCode: '2', typeCode: '22',
    accidentType: '02', summary: '滨江路发生两车相撞交通事故，2人受伤', casualties: { dead: 0, injured: 2, serious: 0, missing: 0, trapped: 0, evacuated: 0 },
  });
  await expect.poll(shownTitles, { timeout: 15_000 }).toContainEqual(expect.stringMatching(/滨江路/));
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].show());

  // LAN access on → a browser signs in over HTTP → off.
  await login(win, 'admin', 'duty-room-2026');
  await win.click('[data-nav=settings]');
  await win.click('[data-tab=desktop]');
  const port = await freePort();
  await win.check('input[name=lanEnabled]');
  await win.fill('input[name=lanHost]', '127.0.0.1');
  await win.fill('input[name=lanPort]', String(port));
  await win.getByTestId('lan-save').click();
  const url = `http://127.0.0.1:${port}/`;
  await expect(win.getByTestId('lan-urls')).toContainText(url);
  const r = await fetch(`${url}api/rpc/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'chenli', password: 'duty-pass-99' }) });
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
  await win.uncheck('input[name=lanEnabled]');
  await win.getByTestId('lan-save').click();
  await expect(win.getByTestId('lan-off')).toBeVisible();
  await expect(fetch(url)).rejects.toThrow();
  // Quitting asks first; answer "quit".
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = (async () => ({ response: 0, checkboxChecked: false })) as typeof dialog.showMessageBox;
  });
  await app.close();
});
