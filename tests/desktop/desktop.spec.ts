import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DesktopHarness, type ShimNotification } from './electron-shim';
import { freePort, intakeOverdueCall, invoke, login, person, setUpStation } from './flow';

/**
 * The desktop station without the Electron runtime: the built main process, the real built
 * preload and the built renderer, joined by the shim (electron-shim.ts). Everything the page does
 * goes through contextBridge → ipcRenderer → ipcMain → core, as on the duty-room PC.
 */
const shots = path.join('test-results', 'screenshots');
const shot = (name: string) => ({ path: path.join(shots, `desktop-${name}.png`) });

async function waitForNotification(h: DesktopHarness, pred: (n: ShimNotification) => boolean, timeout = 15_000): Promise<ShimNotification> {
  await expect.poll(() => h.notifications.filter((n) => n.shown && pred(n)).length, { timeout }).toBeGreaterThan(0);
  return h.notifications.filter((n) => n.shown && pred(n)).pop()!;
}

test.describe.configure({ mode: 'serial' });

test('desktop harness: setup, intake, a report returned with a reason and signed, notifications, tray, LAN access', async () => {
  test.setTimeout(180_000);
  fs.mkdirSync(shots, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-desktop-'));
  process.env.WATCHROOM_ALERT_INTERVAL_MS = '1000';
  const h = new DesktopHarness({ dataDir });
  try {
    await h.start();
    const win = await h.firstWindow();
    const page = win.page!;

    // The window: isolated, sandboxed, no Node; the page sees exactly one function.
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined' && typeof (globalThis as { process?: unknown }).process === 'undefined')).toBe(true);
    expect(await page.evaluate(() => Object.keys((window as unknown as { watchroom: object }).watchroom))).toEqual(['invoke']);
    expect(win.visible).toBe(true);
    // Permission requests (web notifications among them) are all refused; CSP is set on responses.
    expect(h.callsOf('session.setPermissionRequestHandler')).toHaveLength(1);
    expect(h.callsOf('session.webRequest.onHeadersReceived')).toHaveLength(1);
    // Electron has no window.prompt: the shim's throws the same way.
    await expect(page.evaluate(() => window.prompt('why'))).rejects.toThrow(/prompt\(\) is and will not be supported/);

    // The application menu in Chinese; no reload or developer tools outside development.
    const top = h.applicationMenu!.template.map((m) => m.label);
    expect(top).toEqual(['文件', '接报', '视图', '帮助']);
    expect(h.menuItem(['文件']).submenu!.map((m) => m.label).filter(Boolean)).toEqual(['导入…', '导出…', '打印…', '退出']);
    expect(h.menuItem(['接报', '新接报']).accelerator).toBe('F2');
    expect(h.menuItem(['帮助']).submenu!.map((m) => m.label).filter(Boolean)).toEqual(['关于应急值守台', '打开日志文件夹', '打开数据文件夹']);
    expect(JSON.stringify(h.applicationMenu!.template)).not.toMatch(/reload|toggleDevTools/i);
    h.menuItem(['帮助', '打开日志文件夹']).click!();
    expect(h.callsOf('shell.openPath').pop()!.args[0]).toBe(path.join(dataDir, 'logs'));
    // The tray: running, standalone, nothing overdue.
    expect(h.tray.tooltip).toContain('应急值守台');
    expect(h.tray.tooltip).toContain('未连接上级平台');
    expect(h.tray.tooltip).toContain('无超时事项');

    // Setup through the IPC transport.
    await setUpStation(page);
    await page.screenshot(shot('01-board'));
    await person(page, 'chenli', '陈丽', ['operator']);
    await person(page, 'wangjh', '王建华', ['leader']);
    await login(page, 'wangjh', 'duty-pass-99', true);
    await login(page, 'chenli', 'duty-pass-99', true);

    // Intake from the keyboard: a call received 2 h 10 min ago, so its 初报 is already overdue.
    await intakeOverdueCall(page, 130, '商业街12号仓库', '商业街一仓库发生火灾，现场浓烟较大，消防队已出动。');

    // The main process raises the system notification (the page asks for no permission).
    // Matters are named by the incident's number and short title (place + type), never the raw summary.
    const first = await waitForNotification(h, (n) => /已超时/.test(n.options.title) && /\d{4}-00001/.test(n.options.body));
    expect(first.options.title).toBe('应急值守台 · 已超时');
    await expect.poll(() => h.tray.tooltip).toContain('1 项已超时');

    // Draft the 初报, submit; the leader returns it with a reason in the in-app dialog, then signs.
    await page.click('[data-nav=reports]');
    await page.locator('tr[data-chain]').first().getByTestId('draft-next').click();
    await expect(page.getByTestId('stage-label')).toHaveText('（初报）');
    await page.fill('textarea[name=unitOverview]', '东昌区某商贸有限公司，主营日用品仓储');
    await page.fill('textarea[name=scene]', '仓库一层起火，过火面积约200平方米');
    await expect(page.getByTestId('issues')).toContainText('校验通过');
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('status')).toHaveText('待签发');
    const reportHash = new URL(page.url()).hash;

    await login(page, 'wangjh');
    await page.goto(`${page.url().split('#')[0]}${reportHash}`);
    await expect(page.getByTestId('status')).toHaveText('待签发');
    await page.getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByTestId('ui-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('ui-dialog-input')).toBeFocused();
    await page.keyboard.press('Enter'); // a reason is required
    await expect(page.getByTestId('ui-dialog-error')).toHaveText('请填写此项');
    await page.keyboard.type('现场情况描述不完整，请补充过火面积和被困人员情况');
    await page.screenshot(shot('02-return-reason-dialog'));
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('status')).toHaveText('草稿');
    await expect(page.locator('.banner-warn', { hasText: '现场情况描述不完整' })).toBeVisible();

    await login(page, 'chenli');
    await page.goto(`${page.url().split('#')[0]}${reportHash}`);
    await page.fill('textarea[name=scene]', '仓库一层起火，过火面积约200平方米，被困2人已救出');
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('status')).toHaveText('待签发');
    await login(page, 'wangjh');
    await page.goto(`${page.url().split('#')[0]}${reportHash}`);
    await page.getByTestId('sign').click();
    await expect(page.getByTestId('status')).toHaveText('已签发');

    // Clicking the notification brings the window forward on the item and acknowledges it.
    await page.goto(`${page.url().split('#')[0]}#/`);
    const focusBefore = win.focused;
    first.click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/reports/due');
    expect(win.focused).toBeGreaterThan(focusBefore);
    const sameKey = () => h.notifications.filter((n) => n.shown && n.options.body === first.options.body).length;
    const seen = sameKey();
    await page.waitForTimeout(2500); // two alert passes: an acknowledged alert is not raised again
    expect(sameKey()).toBe(seen);

    // Closing the window keeps Watchroom running in the tray: core answers, alerts still fire.
    win.close();
    expect(win.isVisible()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    expect(h.quitRequested).toBe(false);
    expect(h.callsOf('app.quit')).toHaveLength(0);
    // The station's data moves on while the window is hidden (a colleague's call, here through the
    // hidden window's bridge): the new overdue matter is notified with no window on screen.
    await invoke(page, 'incidents.create', {
      receivedAt: Date.now() - 200 * 60_000, source: 'transfer110', townshipCode: '220502002', placeText: '滨江路与新华大街交叉口', classCode: '2', typeCode: '22',
      accidentType: '02', summary: '滨江路发生两车相撞交通事故，2人受伤', casualties: { dead: 0, injured: 2, serious: 0, missing: 0, trapped: 0, evacuated: 0 },
    });
    const second = await waitForNotification(h, (n) => /已超时/.test(n.options.title) && /\d{4}-00002/.test(n.options.body));
    expect(win.isVisible()).toBe(false);
    await expect.poll(() => h.tray.tooltip).toContain('2 项已超时');
    // The tray brings it back.
    h.tray.item('打开应急值守台').click!();
    expect(win.isVisible()).toBe(true);
    second.click();

    // LAN access: off by default; on → a second browser signs in over HTTP → off.
    await login(page, 'admin', 'duty-room-2026');
    await page.click('[data-nav=settings]');
    await page.click('[data-tab=desktop]');
    await expect(page.getByTestId('lan-off')).toBeVisible();
    const port = await freePort();
    await page.check('input[name=lanEnabled]');
    await page.fill('input[name=lanHost]', '127.0.0.1');
    await page.fill('input[name=lanPort]', String(port));
    await page.getByTestId('lan-save').click();
    const url = `http://127.0.0.1:${port}/`;
    await expect(page.getByTestId('lan-urls')).toContainText(url);
    await page.screenshot(shot('03-lan-on'));
    expect(h.tray.tooltip).toContain(`局域网访问已开启：${url}`);
    const other = await h.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const p2 = await other.newPage();
    await p2.goto(url);
    await p2.fill('input[name=username]', 'chenli');
    await p2.fill('input[name=password]', 'duty-pass-99');
    await p2.getByRole('button', { name: '登录' }).click();
    await expect(p2.getByTestId('current-user')).toContainText('陈丽');
    // Same core, same database: the LAN colleague sees the desktop's incidents.
    await p2.click('[data-nav=incidents]');
    await expect(p2.locator('.ag-row', { hasText: '商业街一仓库' })).toBeVisible();
    await other.close();
    await page.uncheck('input[name=lanEnabled]');
    await page.getByTestId('lan-save').click();
    await expect(page.getByTestId('lan-off')).toBeVisible();
    await expect(fetch(url)).rejects.toThrow();
    // Settings are remembered in the data folder.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'desktop.json'), 'utf8')).lan).toMatchObject({ enabled: false, host: '127.0.0.1', port });

    // A crashed renderer is logged and reloaded with a message; the data is in the main process.
    const loads = h.callsOf('BrowserWindow.loadFile').length;
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await expect.poll(() => h.callsOf('BrowserWindow.loadFile').length).toBe(loads + 1);
    expect((h.callsOf('dialog.showMessageBox').pop()!.args[0] as { message: string }).message).toContain('已重新加载。数据未受影响');
    await expect(page.getByTestId('current-user')).toContainText('张伟'); // same session, same data
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'watchroom.log'), 'utf8')).toMatch(/"msg":"renderer gone","reason":"crashed"/);

    // Quitting asks first and says what stops; "keep running" keeps it running.
    const quitQuestions = () => h.callsOf('dialog.showMessageBox').map((c) => c.args[0] as { message: string; detail: string; buttons: string[] }).filter((o) => o.message === '退出应急值守台？');
    h.tray.item('退出…').click!();
    await expect.poll(() => quitQuestions().length).toBe(1);
    const q = quitQuestions()[0];
    expect(q.message).toBe('退出应急值守台？');
    expect(q.detail).toContain('报送时限和催办提醒');
    expect(q.buttons).toEqual(['退出', '继续在后台运行']);
    expect(h.quitRequested).toBe(false);
    h.answerNextMessageBox(0);
    h.tray.item('退出…').click!();
    await expect.poll(() => h.quitRequested).toBe(true);
    expect(h.tray.isDestroyed()).toBe(true);
    // The window state was remembered for the next start.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'desktop.json'), 'utf8')).window).toMatchObject({ width: 1440, height: 900 });
  } catch (e) {
    await h.windows[0]?.page?.screenshot(shot('failure')).catch(() => undefined);
    throw e;
  } finally {
    delete process.env.WATCHROOM_ALERT_INTERVAL_MS;
    await h.stop();
  }
});

test('the harness fails when the bridge is broken: a preload on the wrong channel cannot set up the station', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-desktop-broken-'));
  const h = new DesktopHarness({ dataDir, preloadTransform: (src) => src.replace(/watchroom:invoke/g, 'watchroom:invoke-broken') });
  try {
    await h.start();
    const win = await h.firstWindow();
    // The same first step as the flow above, and it cannot succeed.
    await expect(setUpStation(win.page!, 5_000)).rejects.toThrow();
    expect(fs.existsSync(path.join(dataDir, 'desktop.json'))).toBe(false);
  } finally {
    await h.stop();
  }
});
