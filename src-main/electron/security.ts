import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

/** Window geometry; the security-relevant webPreferences are written inline in index.ts so static checkers see them. */
export const WINDOW_BOUNDS: BrowserWindowConstructorOptions = {
  width: 1440,
  height: 900,
  minWidth: 1100,
  minHeight: 700,
  title: 'Watchroom 应急值守台',
  show: false,
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

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
