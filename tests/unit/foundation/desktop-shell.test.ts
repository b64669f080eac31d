import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAlerts, type AlertNote } from '../../../src-main/electron/alerts';
import { restoreBounds } from '../../../src-main/electron/window-state';
import { menuTemplate } from '../../../src-main/electron/menu';
import { quitDetail, syncState, trayTooltip } from '../../../src-main/electron/tray';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../src-main/electron/settings';
import { lanUrls } from '../../../src-main/electron/lan';
import type { OpenMatter } from '../../../src-main/core/board/types';
import { wireIpc, CHANNEL } from '../../../src-main/electron/ipc';
import type { App } from '../../../src-main/core/app';

/** The desktop shell's own decisions, without Electron (the harness in tests/desktop runs them whole). */
const overdue: OpenMatter = { source: 'reports', kind: 'report.initial', refId: 'c1', title: '初报：仓库火灾', dueAt: 1_000, severity: 'urgent' };
const info: OpenMatter = { source: 'incidents', kind: 'openIncident', refId: 'i1', title: '2026-00001 火灾', dueAt: null, severity: 'urgent' };
const escalation: OpenMatter = { source: 'incidents', kind: 'pendingEscalation', refId: 'i1', title: '2026-00001 火灾', dueAt: 9_000_000, severity: 'warn' };

describe('alerts raised by the main process', () => {
  it('repeats an unacknowledged alert at the configured interval, stops once acknowledged or resolved', () => {
    let now = 2_000;
    let matters = [overdue, info, escalation];
    const raised: AlertNote[] = [];
    const loop = startAlerts({ source: { openMatters: () => matters, timeZone: () => 'Asia/Shanghai' }, notify: (n) => raised.push(n), locale: 'zh-CN', repeatMinutes: 5, intervalMs: 1e9, now: () => now });
    try {
      loop.tick();
      // An open incident is a standing state, not an alert; the overdue report and the escalation are.
      expect(raised.map((n) => n.title)).toEqual(['应急值守台 · 已超时', '应急值守台 · 催办未确认']);
      expect(raised[0]).toMatchObject({ route: '/reports/due', overdue: true });
      expect(raised[0].body).toContain('初报：仓库火灾');
      expect(raised[1].route).toBe('/incidents/i1');
      expect(loop.state()).toEqual({ open: 2, overdue: 1 });
      now += 4 * 60_000;
      expect(loop.tick()).toHaveLength(0); // not yet
      now += 60_000;
      expect(loop.tick().map((n) => n.key)).toEqual([raised[0].key, raised[1].key]); // repeated
      loop.acknowledge(raised[0].key);
      now += 5 * 60_000;
      expect(loop.tick().map((n) => n.key)).toEqual([raised[1].key]);
      matters = [overdue]; // the escalation was dealt with
      now += 5 * 60_000;
      expect(loop.tick()).toHaveLength(0);
      expect(loop.state()).toEqual({ open: 1, overdue: 1 });
      loop.setRepeatMinutes(0); // notify once
      matters = [overdue, escalation];
      expect(loop.tick()).toHaveLength(1);
      now += 60 * 60_000;
      expect(loop.tick()).toHaveLength(0);
    } finally {
      loop.stop();
    }
  });

  it('keeps running when a pass fails (the error is reported, the next pass goes on)', () => {
    const errors: unknown[] = [];
    let fail = true;
    const loop = startAlerts({
      source: { openMatters: () => { if (fail) throw new Error('database busy'); return [overdue]; }, timeZone: () => 'Asia/Shanghai' },
      notify: () => undefined, locale: 'en', repeatMinutes: 5, intervalMs: 1e9, now: () => 2_000, onError: (e) => errors.push(e),
    });
    expect(loop.tick()).toEqual([]);
    expect(errors).toHaveLength(1);
    fail = false;
    expect(loop.tick()[0].title).toBe('Watchroom · Overdue');
    loop.stop();
  });
});

describe('window state', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  it('restores remembered bounds on a display that still exists', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1300, height: 800, maximized: true }, [primary], primary)).toEqual({ x: 100, y: 50, width: 1300, height: 800, maximized: true });
  });
  it('a window remembered on an unplugged monitor opens centred on the primary one, shrunk to fit', () => {
    const r = restoreBounds({ x: 2200, y: 100, width: 2400, height: 1300, maximized: false }, [primary], primary);
    expect(r).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
    const small = { x: 0, y: 0, width: 1366, height: 728 };
    expect(restoreBounds({ x: 1500, y: 80, width: 1440, height: 900, maximized: false }, [small], small)).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });
  it('no memory: the default size centred', () => {
    expect(restoreBounds(null, [primary], primary)).toEqual({ x: 240, y: 70, width: 1440, height: 900, maximized: false });
  });
});

describe('menus and tray', () => {
  const noop = { go: () => undefined, print: () => undefined, quit: () => undefined, about: () => undefined, openLogs: () => undefined, openData: () => undefined };
  it('zh-CN menu; reload and developer tools only in development', () => {
    const prod = menuTemplate('zh-CN', false, noop);
    expect(prod.map((m) => m.label)).toEqual(['文件', '接报', '视图', '帮助']);
    expect(JSON.stringify(prod)).not.toMatch(/reload|toggleDevTools/);
    expect(JSON.stringify(menuTemplate('zh-CN', true, noop))).toMatch(/toggleDevTools/);
    expect(menuTemplate('en', false, noop).map((m) => m.label)).toEqual(['File', 'Intake', 'View', 'Help']);
  });
  it('tooltip and quit question say the state and what stops', () => {
    const s = { sync: 'offline' as const, overdue: 3, lanUrls: ['http://192.168.1.5:8420/'] };
    expect(trayTooltip('zh-CN', s)).toBe('应急值守台\n与上级连接中断，正在重试\n3 项已超时\n局域网访问已开启：http://192.168.1.5:8420/');
    expect(quitDetail('zh-CN', s)).toBe('退出后以下工作将停止：\n· 与上级平台的数据同步\n· 报送时限和催办提醒\n· 局域网内其他电脑的访问（http://192.168.1.5:8420/）');
    expect(syncState({ hub_url: null, failures: 0, last_ok_at: null })).toBe('standalone');
    expect(syncState({ hub_url: 'https://hub', failures: 2, last_ok_at: 5 })).toBe('offline');
    expect(syncState({ hub_url: 'https://hub', failures: 0, last_ok_at: 5 })).toBe('synced');
  });
});

describe('desktop settings', () => {
  it('LAN access is off by default; a damaged file means the defaults; valid parts are kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-ds-'));
    expect(loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.lan.enabled).toBe(false);
    fs.writeFileSync(path.join(dir, 'desktop.json'), '{not json');
    expect(loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
    fs.writeFileSync(path.join(dir, 'desktop.json'), JSON.stringify({ lan: { enabled: true, host: '0.0.0.0', port: 9000 }, repeatMinutes: -3, window: { x: 'a' } }));
    expect(loadSettings(dir)).toMatchObject({ lan: { enabled: true, port: 9000 }, repeatMinutes: 5, window: null });
    saveSettings(dir, { ...DEFAULT_SETTINGS, repeatMinutes: 10 });
    expect(loadSettings(dir).repeatMinutes).toBe(10);
  });
  it('URLs for the other PCs: every IPv4 address for 0.0.0.0', () => {
    const ifs = { eth0: [{ family: 'IPv4', internal: false, address: '192.168.1.5' }], lo: [{ family: 'IPv4', internal: true, address: '127.0.0.1' }] } as never;
    expect(lanUrls('0.0.0.0', 8420, ifs)).toEqual(['http://192.168.1.5:8420/']);
    expect(lanUrls('192.168.1.5', 8420, ifs)).toEqual(['http://192.168.1.5:8420/']);
  });
});

describe('desktop methods on the IPC channel', () => {
  it('answered by the shell with the same session; changing them needs the admin role; no session, no answer', async () => {
    let handler: ((...a: unknown[]) => Promise<unknown>) | null = null;
    const ipcMain = { handle: (ch: string, fn: typeof handler) => (expect(ch).toBe(CHANNEL), (handler = fn)) };
    const roles: Record<string, string[]> = { 'tok-admin': ['admin'], 'tok-op': ['operator'] };
    const app = {
      services: { log: { error: () => undefined } },
      call: async (method: string, _i: unknown, meta: { token: string | null }) => {
        if (method === 'auth.login') return { ok: true, value: { token: (_i as { u: string }).u } };
        if (method === 'auth.me') return meta.token ? { ok: true, value: { user: { roles: roles[meta.token] } } } : { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } };
        return { ok: false, error: { code: 'NOT_FOUND', message: 'unknown' } };
      },
    } as unknown as App;
    const ran: unknown[] = [];
    wireIpc(ipcMain as never, app, () => true, {
      'desktop.settings': { admin: false, run: () => 'view' },
      'desktop.setLan': { admin: true, run: (i) => (ran.push(i), 'done') },
    });
    const call = (id: number, ...a: unknown[]) => handler!({ sender: { id }, senderFrame: { url: 'file:///x' } }, ...a);
    expect(await call(1, 'desktop.settings', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await call(1, 'auth.login', { u: 'tok-op' });
    expect(await call(1, 'desktop.settings', {})).toEqual({ ok: true, value: 'view' });
    expect(await call(1, 'desktop.setLan', { enabled: true }, 'zh-CN')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有管理员可以修改此项。' } });
    expect(ran).toEqual([]);
    await call(2, 'auth.login', { u: 'tok-admin' });
    expect(await call(2, 'desktop.setLan', { enabled: true })).toEqual({ ok: true, value: 'done' });
    expect(await call(2, 'desktop.nope', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
