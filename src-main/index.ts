/**
 * Electron entry: lifecycle, single-instance lock, one secure window, one IPC channel, and the
 * duty room's shell around them — tray (closing the window keeps Watchroom running), menus,
 * system notifications raised here for overdue matters, remembered window state, LAN access,
 * crash handling. Everything else is in core/, which runs under plain Node as well.
 */
import path from 'node:path';
import { app as electronApp, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, screen, session, shell, Tray } from 'electron';
import { createApp, APP_VERSION, type App } from './core/app';
import { loadDemoData } from './core/devtools/parts';
import { getStation } from './core/station/repo';
import { getLink } from './core/sync/link';
import { zoneOf } from './contract/time';
import { WINDOW_BOUNDS, CSP, lockDown } from './electron/security';
import { wireIpc, type DesktopMethod } from './electron/ipc';
import { readArgs } from './args';
import { handleStartupError } from './electron/startup-error';
import { loadSettings, saveSettings, LanSettings, type DesktopSettings } from './electron/settings';
import { restoreBounds, MIN_SIZE } from './electron/window-state';
import { startAlerts, type AlertLoop, type AlertNote } from './electron/alerts';
import { LanAccess } from './electron/lan';
import { menuTemplate } from './electron/menu';
import { quitDetail, syncState, trayMenu, trayTooltip, type TrayState } from './electron/tray';
import { shellLocale, shellText, type ShellLocale } from './electron/messages';

let core: App | null = null;
let win: BrowserWindow | null = null;
let tray: Tray | null = null;
let alerts: AlertLoop | null = null;
let lan: LanAccess | null = null;
let settings: DesktopSettings;
let dataDir = '';
let locale: ShellLocale = 'zh-CN';
/** Set once the user has confirmed quitting (or the OS ends the session): closing then really closes. */
let quitting = false;
/** Live notifications, kept referenced so their click handlers survive garbage collection. */
const shown = new Map<string, Notification>();
const dev = Boolean(process.env.ELECTRON_RENDERER_URL);
const indexFile = path.join(__dirname, '../renderer/index.html');
const iconFile = path.join(__dirname, '../../resources/icons/icon.png');
const trayIconFile = path.join(__dirname, '../../resources/icons/tray.png');

const log = {
  error: (msg: string, data: Record<string, unknown>) => (core ? core.services.log.error(msg, data) : console.error(msg, data)),
  warn: (msg: string, data: Record<string, unknown>) => (core ? core.services.log.warn(msg, data) : console.warn(msg, data)),
};

// A station left running for years must not die of one stray error: log it and keep going.
process.on('uncaughtException', (e) => log.error('uncaught exception', { error: e?.stack ?? String(e) }));
process.on('unhandledRejection', (e) => log.error('unhandled rejection', { error: (e as Error)?.stack ?? String(e) }));

function createWindow() {
  const area = (d: Electron.Display) => d.workArea;
  const b = restoreBounds(settings.window, screen.getAllDisplays().map(area), area(screen.getPrimaryDisplay()));
  // The renderer: no Node, isolated from the preload, sandboxed, no middle-click windows.
  const w = new BrowserWindow({
    ...WINDOW_BOUNDS,
    x: b.x,
    y: b.y,
    width: b.width,
    height: b.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    icon: iconFile,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win = w;
  lockDown(w.webContents, 'file://');
  w.once('ready-to-show', () => {
    if (b.maximized) w.maximize();
    w.show();
  });
  let saveTimer: NodeJS.Timeout | null = null;
  const rememberSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(rememberWindow, 500);
  };
  w.on('resize', rememberSoon);
  w.on('move', rememberSoon);
  w.on('close', (e) => {
    rememberWindow();
    if (quitting) return;
    // Closing the window is not quitting: sync, alerts and LAN access go on; the tray brings it back.
    e.preventDefault();
    w.hide();
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  w.webContents.on('render-process-gone', (_e, details) => {
    log.error('renderer gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || quitting) return;
    // The data lives in the main process: reload the page and say what happened.
    void w.loadFile(indexFile);
    void dialog.showMessageBox(w, { type: 'warning', title: shellText(locale, 'crash.title'), message: shellText(locale, 'crash.message', { reason: details.reason }) });
  });
  w.on('unresponsive', () => log.warn('window unresponsive', {}));
  // Windows is logging off or shutting down: no question, just stop cleanly.
  w.on('session-end', () => void shutdown());
  void w.loadFile(indexFile);
}

function rememberWindow() {
  const w = win;
  if (!w || w.isDestroyed() || w.isMinimized()) return;
  const maximized = w.isMaximized();
  const r = maximized && settings.window ? settings.window : w.getBounds();
  settings.window = { x: r.x, y: r.y, width: r.width, height: r.height, maximized };
  persist();
}

function persist() {
  try {
    saveSettings(dataDir, settings);
  } catch (e) {
    log.error('desktop settings not saved', { error: String(e) });
  }
}

/** Brings the window forward (re-creating it if needed), on `route` when given. */
function showWindow(route?: string) {
  if (!win || win.isDestroyed()) createWindow();
  const w = win!;
  if (w.isMinimized()) w.restore();
  w.show();
  w.focus();
  if (route) void w.loadFile(indexFile, { hash: route.replace(/^#?\/?/, '/') });
}

function trayState(): TrayState {
  let sync: TrayState['sync'] = 'standalone';
  try {
    if (core) sync = syncState(getLink(core.db));
  } catch (e) {
    log.error('sync state unavailable', { error: String(e) });
  }
  return { sync, overdue: alerts?.state().overdue ?? 0, lanUrls: lan?.status().urls ?? [] };
}

function refreshTray() {
  if (!tray || tray.isDestroyed()) return;
  const s = trayState();
  tray.setToolTip(trayTooltip(locale, s));
  tray.setContextMenu(Menu.buildFromTemplate(trayMenu(locale, s, { open: () => showWindow(), openOverdue: () => showWindow('/reports/due'), quit: () => void askQuit() })));
}

function notify(n: AlertNote) {
  if (!Notification.isSupported()) return;
  shown.get(n.key)?.close();
  const note = new Notification({ title: n.title, body: n.body, icon: iconFile, urgency: n.overdue ? 'critical' : 'normal' });
  note.on('click', () => {
    alerts?.acknowledge(n.key);
    shown.delete(n.key);
    showWindow(n.route);
  });
  note.on('close', () => shown.delete(n.key));
  shown.set(n.key, note);
  if (shown.size > 50) shown.delete(shown.keys().next().value!);
  note.show();
}

async function askQuit(): Promise<void> {
  if (quitting) return;
  const opts = {
    type: 'question' as const,
    title: shellText(locale, 'appName'),
    message: shellText(locale, 'quit.title'),
    detail: quitDetail(locale, trayState()),
    buttons: [shellText(locale, 'quit.confirm'), shellText(locale, 'quit.cancel')],
    defaultId: 1,
    cancelId: 1,
  };
  const r = win && !win.isDestroyed() && win.isVisible() ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  if (r.response !== 0) return;
  await shutdown();
}

async function shutdown() {
  quitting = true;
  rememberWindow();
  alerts?.stop();
  for (const n of shown.values()) n.close();
  shown.clear();
  await lan?.stop().catch((e) => log.error('LAN access stop failed', { error: String(e) }));
  tray?.destroy();
  tray = null;
  // The page goes before the database closes, so no call of its lands on a closed connection.
  if (win && !win.isDestroyed()) win.destroy();
  core?.close();
  electronApp.quit();
}

function invalid(message: string): never {
  throw Object.assign(new Error(message), { code: 'VALIDATION' });
}

function desktopMethods(): Record<string, DesktopMethod> {
  const view = () => ({ lan: lan!.status(), lanSettings: settings.lan, repeatMinutes: settings.repeatMinutes, startAtLogin: settings.startAtLogin });
  return {
    'desktop.settings': { admin: false, run: view },
    'desktop.setLan': {
      admin: true,
      run: async (input) => {
        const p = LanSettings.safeParse(input);
        if (!p.success) invalid(shellText(locale, 'lan.badPort'));
        settings.lan = p.data;
        persist();
        await lan!.apply(p.data);
        refreshTray();
        return view();
      },
    },
    'desktop.setAlerts': {
      admin: true,
      run: (input) => {
        const m = (input as { repeatMinutes?: unknown } | null)?.repeatMinutes;
        if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > 240) invalid(shellText(locale, 'alerts.badRepeat'));
        settings.repeatMinutes = m;
        alerts?.setRepeatMinutes(m);
        persist();
        return view();
      },
    },
    'desktop.setStartAtLogin': {
      admin: true,
      run: (input) => {
        const on = (input as { enabled?: unknown } | null)?.enabled;
        if (typeof on !== 'boolean') invalid(shellText(locale, 'settings.badValue'));
        settings.startAtLogin = on;
        electronApp.setLoginItemSettings({ openAtLogin: on });
        persist();
        return view();
      },
    },
  };
}

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  electronApp.on('second-instance', () => showWindow());
  electronApp.whenReady().then(async () => {
    const args = readArgs(process.argv.slice(electronApp.isPackaged ? 1 : 2));
    dataDir = process.argv.some((a) => a.startsWith('--data-dir')) ? args.dataDir : electronApp.getPath('userData');
    try {
      core = createApp({ dataDir, demo: loadDemoData });
    } catch (e) {
      if (handleStartupError(e, dataDir, dialog)) electronApp.relaunch();
      electronApp.exit(2);
      return;
    }
    const app = core;
    settings = loadSettings(dataDir);
    locale = shellLocale(electronApp.getLocale());
    // Windows shows notifications only for the installed app's id (build/electron-builder.yml appId).
    if (process.platform === 'win32') electronApp.setAppUserModelId('cn.gov.emergency.watchroom');
    // Notifications come from this process, not the page: the page asks for nothing.
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
      cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
    );
    lan = new LanAccess(app, path.join(__dirname, '../renderer'), (e, s) =>
      e.code === 'EADDRINUSE' || e.code === 'EACCES' ? shellText(locale, 'lan.portInUse', { port: s.port }) : shellText(locale, 'lan.badAddress', { host: s.host }),
    );
    wireIpc(ipcMain, app, (e) => e.senderFrame?.url.startsWith('file://') === true, desktopMethods());

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(locale, dev, {
          go: (route) => showWindow(route),
          print: () => win?.webContents.print(),
          quit: () => void askQuit(),
          about: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: shellText(locale, 'menu.about'),
              message: `${shellText('zh-CN', 'appName')} Watchroom`,
              detail: shellText(locale, 'about.detail', { version: APP_VERSION, dataDir }),
            }),
          openLogs: () => void shell.openPath(path.join(dataDir, 'logs')),
          openData: () => void shell.openPath(dataDir),
        }),
      ),
    );
    tray = new Tray(nativeImage.createFromPath(trayIconFile));
    tray.on('click', () => showWindow());
    refreshTray();
    setInterval(refreshTray, 30_000).unref();

    alerts = startAlerts({
      source: { openMatters: (now) => app.board.openMatters(app.db, now), timeZone: () => zoneOf(getStation(app.db)) },
      notify,
      onState: refreshTray,
      locale,
      repeatMinutes: settings.repeatMinutes,
      intervalMs: Number(process.env.WATCHROOM_ALERT_INTERVAL_MS) || 30_000,
      onError: (e) => log.error('alerts pass failed', { error: String(e) }),
    });
    if (settings.startAtLogin) electronApp.setLoginItemSettings({ openAtLogin: true });
    if (settings.lan.enabled) await lan.apply(settings.lan);
    createWindow();
    refreshTray();
  });
  // The tray keeps the app alive: all windows closed is not a reason to stop sync and alerts.
  electronApp.on('window-all-closed', () => undefined);
  electronApp.on('before-quit', (e) => {
    if (quitting) return;
    // Cmd+Q, the dock, an installer: ask first, and say what stops.
    e.preventDefault();
    void askQuit();
  });
}
