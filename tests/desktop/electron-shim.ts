/**
 * The desktop harness: the built main process (out/main/index.js) runs under Node with the module
 * `electron` resolved — here, in tests only — to this shim. Its BrowserWindow is a real Chromium
 * page (Playwright) loading the built renderer from file://; its preload is the real built preload
 * (out/preload/index.js), run in the page through a contextBridge/ipcRenderer shim whose invoke
 * crosses to the main process's ipcMain handlers by page.exposeBinding. Menu, Tray, Notification,
 * dialog, app, session and shell record their calls. As in Electron, window.prompt throws; the
 * shim makes confirm/alert throw as well, so any page that still relies on them fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import Module from 'node:module';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Call { api: string; args: unknown[] }
type MenuItem = { label?: string; accelerator?: string; role?: string; type?: string; enabled?: boolean; click?: () => void; submenu?: MenuItem[] };

export interface ShimOptions {
  dataDir: string;
  /** Transform the built preload's source before it runs (a deliberate break, for the negative test). */
  preloadTransform?: (src: string) => string;
  /** Answers for dialog.showMessageBox, in order (response index); default: the cancel button. */
  messageBoxAnswers?: number[];
  locale?: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_MAIN = path.join(ROOT, 'out', 'main');

export class DesktopHarness {
  readonly calls: Call[] = [];
  readonly windows: ShimWindow[] = [];
  readonly notifications: ShimNotification[] = [];
  readonly trays: ShimTray[] = [];
  applicationMenu: { template: MenuItem[] } | null = null;
  browser!: Browser;
  quitRequested = false;
  exited: number | null = null;
  readonly handlers = new Map<string, (e: unknown, ...a: unknown[]) => unknown>();
  readonly app = new EventEmitter();
  private answers: number[];
  private savedArgv: string[] = [];

  constructor(readonly opts: ShimOptions) {
    this.answers = [...(opts.messageBoxAnswers ?? [])];
  }

  record(api: string, ...args: unknown[]) {
    this.calls.push({ api, args });
  }
  callsOf(api: string) {
    return this.calls.filter((c) => c.api === api);
  }
  answerNextMessageBox(response: number) {
    this.answers.push(response);
  }

  /** Launches Chromium, installs the shim as `electron`, and runs the built main process. */
  async start(): Promise<void> {
    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // file:// module scripts, as Electron's file protocol allows them.
      args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--disable-background-networking', '--no-first-run'],
    });
    this.install();
    this.savedArgv = process.argv;
    process.argv = [process.execPath, path.join(OUT_MAIN, 'index.js'), '--data-dir', this.opts.dataDir];
    for (const k of Object.keys(require.cache)) if (k.startsWith(OUT_MAIN)) delete require.cache[k];
    Module.createRequire(path.join(OUT_MAIN, 'index.js'))(path.join(OUT_MAIN, 'index.js'));
  }

  /** The first window, once its page has loaded the renderer. */
  async firstWindow(timeout = 20_000): Promise<ShimWindow> {
    const t0 = Date.now();
    while (!this.windows.length) {
      if (Date.now() - t0 > timeout) throw new Error('the main process opened no window');
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.windows[0].loaded;
    return this.windows[0];
  }

  get tray(): ShimTray {
    return this.trays[this.trays.length - 1];
  }

  /** Quits the main process (answering its question with "quit") and closes Chromium. */
  async stop(): Promise<void> {
    if (!this.quitRequested && this.exited === null && this.handlers.size) {
      this.answerNextMessageBox(0);
      (this.app as unknown as { quit(): void }).quit();
      const t0 = Date.now();
      while (!this.quitRequested && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 50));
    }
    process.argv = this.savedArgv;
    await this.browser?.close().catch(() => undefined);
  }

  private install() {
    const shim = this.module();
    const id = require.resolve('electron');
    const m = new Module(id);
    m.filename = id;
    m.loaded = true;
    m.exports = shim;
    require.cache[id] = m;
  }

  private module() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const h = this;
    const app = Object.assign(this.app, {
      isPackaged: false,
      requestSingleInstanceLock: () => (h.record('app.requestSingleInstanceLock'), true),
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (h.record('app.getPath', name), h.opts.dataDir),
      getLocale: () => h.opts.locale ?? 'zh-CN',
      setLoginItemSettings: (s: unknown) => h.record('app.setLoginItemSettings', s),
      setAppUserModelId: (id: string) => h.record('app.setAppUserModelId', id),
      relaunch: () => h.record('app.relaunch'),
      exit: (code = 0) => {
        h.record('app.exit', code);
        h.exited = code;
      },
      quit: () => {
        h.record('app.quit');
        let prevented = false;
        app.emit('before-quit', { preventDefault: () => (prevented = true) });
        if (prevented) return;
        h.quitRequested = true;
        app.emit('will-quit', { preventDefault: () => undefined });
        app.emit('quit');
        for (const w of h.windows) if (!w.isDestroyed()) w.destroy();
      },
    });
    const ipcMain = {
      handle: (channel: string, fn: (e: unknown, ...a: unknown[]) => unknown) => {
        h.record('ipcMain.handle', channel);
        h.handlers.set(channel, fn);
      },
    };
    const Menu = {
      buildFromTemplate: (template: MenuItem[]) => ({ template }),
      setApplicationMenu: (m: { template: MenuItem[] }) => {
        h.record('Menu.setApplicationMenu', m.template);
        h.applicationMenu = m;
      },
    };
    class Tray extends ShimTray {
      constructor(image: unknown) {
        super(h, image);
        h.trays.push(this);
      }
    }
    class Notification extends ShimNotification {
      static isSupported() {
        return true;
      }
      constructor(o: { title: string; body: string }) {
        super(h, o);
        h.notifications.push(this);
      }
    }
    class BrowserWindow extends ShimWindow {
      constructor(o: Record<string, unknown>) {
        super(h, o);
        h.windows.push(this);
      }
    }
    const dialog = {
      showMessageBox: async (...a: unknown[]) => {
        const opts = (a.length > 1 ? a[1] : a[0]) as { cancelId?: number };
        h.record('dialog.showMessageBox', opts);
        return { response: h.answers.length ? h.answers.shift()! : (opts.cancelId ?? 0), checkboxChecked: false };
      },
      showMessageBoxSync: (...a: unknown[]) => {
        const opts = (a.length > 1 ? a[1] : a[0]) as { cancelId?: number };
        h.record('dialog.showMessageBoxSync', opts);
        return h.answers.length ? h.answers.shift()! : (opts.cancelId ?? 0);
      },
      showErrorBox: (title: string, content: string) => h.record('dialog.showErrorBox', title, content),
    };
    const session = {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => h.record('session.setPermissionRequestHandler', fn),
        webRequest: { onHeadersReceived: (fn: unknown) => h.record('session.webRequest.onHeadersReceived', fn) },
      },
    };
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    const screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) };
    const nativeImage = { createFromPath: (p: string) => ({ path: p, isEmpty: () => !fs.existsSync(p) }) };
    const shell = { openPath: async (p: string) => (h.record('shell.openPath', p), '') };
    return { app, ipcMain, Menu, Tray, Notification, BrowserWindow, dialog, session, screen, nativeImage, shell, contextBridge: undefined, ipcRenderer: undefined };
  }

  /** A menu item by its labels, e.g. ['接报', '新接报']. */
  menuItem(labels: string[], template = this.applicationMenu?.template ?? []): MenuItem {
    let items = template;
    let found: MenuItem | undefined;
    for (const l of labels) {
      found = items.find((i) => i.label === l);
      if (!found) throw new Error(`no menu item ${labels.join(' > ')}; have ${items.map((i) => i.label).join(', ')}`);
      items = found.submenu ?? [];
    }
    return found!;
  }
}

let nextContentsId = 1;

export class ShimWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: unknown = null;
  constructor(private readonly h: DesktopHarness, private readonly w: ShimWindow) {
    super();
  }
  setWindowOpenHandler(fn: unknown) {
    this.windowOpenHandler = fn;
  }
  print() {
    this.h.record('webContents.print');
  }
  send(...a: unknown[]) {
    this.h.record('webContents.send', ...a);
  }
  getURL() {
    return this.w.page?.url() ?? '';
  }
}

export class ShimWindow extends EventEmitter {
  readonly webContents: ShimWebContents;
  page: Page | null = null;
  context: BrowserContext | null = null;
  readonly ready: Promise<Page>;
  loaded: Promise<void>;
  private markLoaded!: () => void;
  visible = false;
  focused = 0;
  maximized = false;
  private destroyed = false;
  private shownOnce = false;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(private readonly h: DesktopHarness, readonly options: Record<string, unknown>) {
    super();
    h.record('BrowserWindow.new', options);
    this.webContents = new ShimWebContents(h, this);
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    this.loaded = new Promise((r) => (this.markLoaded = r));
    this.ready = this.open();
  }

  private async open(): Promise<Page> {
    const prefs = (this.options.webPreferences ?? {}) as { preload?: string };
    this.context = await this.h.browser.newContext({
      viewport: { width: Math.min(this.bounds.width, 1440), height: Math.min(this.bounds.height, 900) },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await this.context.newPage();
    this.page = page;
    await page.exposeBinding('__electronShimIpc', async (source, channel: string, args: unknown[]) => {
      const fn = this.h.handlers.get(channel);
      // Electron's own answer when nothing handles the channel.
      if (!fn) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      return fn({ sender: this.webContents, senderFrame: { url: source.frame.url() } }, ...args);
    });
    if (prefs.preload) {
      let src = fs.readFileSync(prefs.preload, 'utf8');
      if (this.h.opts.preloadTransform) src = this.h.opts.preloadTransform(src);
      await page.addInitScript({ content: preloadWrapper(src) });
    }
    page.on('load', () => this.webContents.emit('did-finish-load'));
    page.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
    return page;
  }

  async loadFile(file: string, o: { hash?: string } = {}) {
    this.h.record('BrowserWindow.loadFile', file, o);
    const page = await this.ready;
    const url = pathToFileURL(file).href + (o.hash ? `#${o.hash}` : '');
    await page.goto(url);
    this.markLoaded();
    if (!this.shownOnce) {
      this.shownOnce = true;
      this.emit('ready-to-show');
    }
  }
  show() {
    this.h.record('BrowserWindow.show');
    this.visible = true;
  }
  hide() {
    this.h.record('BrowserWindow.hide');
    this.visible = false;
  }
  focus() {
    this.h.record('BrowserWindow.focus');
    this.focused++;
    void this.page?.bringToFront();
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  restore() {
    this.h.record('BrowserWindow.restore');
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** The user clicks the window's close button. */
  close() {
    this.h.record('BrowserWindow.close');
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    void this.context?.close().catch(() => undefined);
    this.emit('closed');
    if (this.h.windows.every((w) => w.isDestroyed())) this.h.app.emit('window-all-closed');
  }
}

export class ShimTray extends EventEmitter {
  tooltip = '';
  menu: MenuItem[] = [];
  private destroyed = false;
  constructor(private readonly h: DesktopHarness, readonly image: unknown) {
    super();
    h.record('Tray.new', image);
  }
  setToolTip(s: string) {
    this.h.record('Tray.setToolTip', s);
    this.tooltip = s;
  }
  setContextMenu(m: { template: MenuItem[] }) {
    this.h.record('Tray.setContextMenu', m.template);
    this.menu = m.template;
  }
  destroy() {
    this.h.record('Tray.destroy');
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  item(label: string | RegExp): MenuItem {
    const i = this.menu.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label ?? '')));
    if (!i) throw new Error(`no tray item ${label}; have ${this.menu.map((x) => x.label).join(', ')}`);
    return i;
  }
}

export class ShimNotification extends EventEmitter {
  shown = false;
  closed = false;
  constructor(private readonly h: DesktopHarness, readonly options: { title: string; body: string }) {
    super();
    h.record('Notification.new', options);
  }
  show() {
    this.h.record('Notification.show', this.options);
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
  /** The user clicks the notification. */
  click() {
    this.emit('click');
  }
}

/**
 * The built preload as Electron runs a sandboxed preload: a CommonJS body whose `require('electron')`
 * yields contextBridge and ipcRenderer. exposeInMainWorld puts a frozen API on window, as the
 * context bridge does; ipcRenderer.invoke crosses to ipcMain through the page binding.
 */
function preloadWrapper(src: string): string {
  return `(() => {
  const binding = window.__electronShimIpc;
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        const frozen = Object.freeze(Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v === 'function' ? (...a) => v(...a) : v])));
        Object.defineProperty(window, key, { value: frozen, enumerable: true, configurable: false, writable: false });
      },
    },
    ipcRenderer: { invoke: (channel, ...args) => (binding || window.__electronShimIpc)(channel, args) },
  };
  const require = (m) => { if (m === 'electron') return electron; throw new Error('Cannot find module ' + m + ' (sandboxed preload)'); };
  const unsupported = (name) => function () { throw new Error(name + '() is and will not be supported.'); };
  window.prompt = unsupported('prompt');
  window.confirm = unsupported('confirm');
  window.alert = unsupported('alert');
  const module = { exports: {} };
  (function (require, module, exports) {\n${src}\n})(require, module, module.exports);
})();`;
}
