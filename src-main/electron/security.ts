import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

/** The renderer runs with no Node, isolated from the preload, sandboxed. */
export function secureWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'Watchroom 应急值守台',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** No navigation away from the app, no new windows, no webviews. */
export function lockDown(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(appOrigin)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!url.startsWith(appOrigin)) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
}
