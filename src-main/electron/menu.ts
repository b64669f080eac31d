import type { MenuItemConstructorOptions } from 'electron';
import { shellText, type ShellLocale } from './messages';

/** What the menu's items do; index.ts wires them to the window, the shell and the quit question. */
export interface MenuActions {
  go(route: string): void;
  print(): void;
  quit(): void;
  about(): void;
  openLogs(): void;
  openData(): void;
}

/**
 * The application menu in the duty officer's words (zh-CN, or English on an English PC):
 * 文件 (导入, 导出, 打印, 退出), 接报 (新接报 F2, …), 视图, 帮助 (关于, 打开日志文件夹, 打开数据文件夹).
 * Reload and developer tools exist only in development.
 */
export function menuTemplate(locale: ShellLocale, dev: boolean, a: MenuActions): MenuItemConstructorOptions[] {
  const t = (k: Parameters<typeof shellText>[1]) => shellText(locale, k);
  const view: MenuItemConstructorOptions[] = [
    { label: t('menu.board'), accelerator: 'CmdOrCtrl+Home', click: () => a.go('/') },
    { type: 'separator' },
    { label: t('menu.zoomIn'), role: 'zoomIn' },
    { label: t('menu.zoomOut'), role: 'zoomOut' },
    { label: t('menu.zoomReset'), role: 'resetZoom' },
    { type: 'separator' },
    { label: t('menu.fullscreen'), role: 'togglefullscreen' },
  ];
  if (dev) view.push({ type: 'separator' }, { label: t('menu.reload'), role: 'reload' }, { label: t('menu.devtools'), role: 'toggleDevTools' });
  return [
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.import'), click: () => a.go('/materials') },
        { label: t('menu.export'), click: () => a.go('/reports/register') },
        { label: t('menu.print'), accelerator: 'CmdOrCtrl+P', click: () => a.print() },
        { type: 'separator' },
        { label: t('menu.quit'), accelerator: 'CmdOrCtrl+Q', click: () => a.quit() },
      ],
    },
    {
      label: t('menu.intake'),
      submenu: [
        // F2 is also caught by the page itself; the menu shows it and works when focus is elsewhere.
        { label: t('menu.newCall'), accelerator: 'F2', click: () => a.go('/incidents/new') },
        { label: t('menu.incidents'), click: () => a.go('/incidents') },
        { label: t('menu.reportsDue'), click: () => a.go('/reports/due') },
      ],
    },
    { label: t('menu.view'), submenu: view },
    {
      label: t('menu.help'),
      submenu: [
        { label: t('menu.about'), click: () => a.about() },
        { type: 'separator' },
        { label: t('menu.logs'), click: () => a.openLogs() },
        { label: t('menu.data'), click: () => a.openData() },
      ],
    },
  ];
}
