/**
 * Electron entry. Thin: lifecycle, single-instance lock, one secure window, one IPC channel.
 * Everything else is in core/, which runs under plain Node as well.
 */
import path from 'node:path';
import { app as electronApp, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createApp, type App } from './core/app';
import { loadDemoData } from './core/devtools/parts';
import { WINDOW_BOUNDS, CSP, lockDown } from './electron/security';
import { wireIpc } from './electron/ipc';
import { readArgs } from './args';
import { handleStartupError } from './electron/startup-error';

let core: App | null = null;
let win: BrowserWindow | null = null;

function createWindow() {
  // The renderer: no Node, isolated from the preload, sandboxed, no middle-click windows.
  win = new BrowserWindow({
    ...WINDOW_BOUNDS,
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
  const indexFile = path.join(__dirname, '../renderer/index.html');
  lockDown(win.webContents, 'file://');
  win.once('ready-to-show', () => win?.show());
  void win.loadFile(indexFile);
}

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  electronApp.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  electronApp.whenReady().then(() => {
    const args = readArgs(process.argv.slice(electronApp.isPackaged ? 1 : 2));
    const dataDir = process.argv.some((a) => a.startsWith('--data-dir')) ? args.dataDir : electronApp.getPath('userData');
    try {
      core = createApp({ dataDir, demo: loadDemoData });
    } catch (e) {
      if (handleStartupError(e, dataDir, dialog)) electronApp.relaunch();
      electronApp.exit(2);
      return;
    }
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
      cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
    );
    wireIpc(ipcMain, core, (e) => e.senderFrame?.url.startsWith('file://') === true);
    createWindow();
  });
  electronApp.on('window-all-closed', () => electronApp.quit());
  electronApp.on('before-quit', () => core?.close());
}
