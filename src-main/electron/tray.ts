import type { MenuItemConstructorOptions } from 'electron';
import { shellText, type ShellLocale } from './messages';

export type SyncState = 'synced' | 'offline' | 'standalone';

export interface TrayState {
  sync: SyncState;
  overdue: number;
  lanUrls: string[];
}

/** The tray icon's tooltip: the app, sync state, overdue count, LAN access — one line each. */
export function trayTooltip(locale: ShellLocale, s: TrayState): string {
  const lines = [
    shellText(locale, 'appName'),
    shellText(locale, `tray.${s.sync}`),
    s.overdue ? shellText(locale, 'tray.overdue', { n: s.overdue }) : shellText(locale, 'tray.noOverdue'),
  ];
  if (s.lanUrls.length) lines.push(shellText(locale, 'tray.lan', { urls: s.lanUrls.join(' ') }));
  return lines.join('\n');
}

export function trayMenu(locale: ShellLocale, s: TrayState, a: { open(): void; openOverdue(): void; quit(): void }): MenuItemConstructorOptions[] {
  const t = (k: Parameters<typeof shellText>[1], p?: Record<string, string | number>) => shellText(locale, k, p);
  const items: MenuItemConstructorOptions[] = [
    { label: t('tray.open'), click: () => a.open() },
    { type: 'separator' },
    { label: t(`tray.${s.sync}`), enabled: false },
    s.overdue ? { label: t('tray.overdue', { n: s.overdue }), click: () => a.openOverdue() } : { label: t('tray.noOverdue'), enabled: false },
  ];
  if (s.lanUrls.length) items.push({ label: t('tray.lan', { urls: s.lanUrls.join(' ') }), enabled: false });
  items.push({ type: 'separator' }, { label: t('tray.quit'), click: () => a.quit() });
  return items;
}

/** From the sync link: no parent station → standalone; failures since the last success → offline. */
export function syncState(link: { hub_url: string | null; failures: number; last_ok_at: number | null }): SyncState {
  if (!link.hub_url) return 'standalone';
  return link.failures > 0 || link.last_ok_at === null ? 'offline' : 'synced';
}

/** What stops on quit, for the confirmation. */
export function quitDetail(locale: ShellLocale, s: TrayState): string {
  const t = (k: Parameters<typeof shellText>[1], p?: Record<string, string | number>) => shellText(locale, k, p);
  const lines = [t('quit.message')];
  if (s.sync !== 'standalone') lines.push(`· ${t('quit.sync')}`);
  lines.push(`· ${t('quit.alerts')}`);
  if (s.lanUrls.length) lines.push(`· ${t('quit.lan', { urls: s.lanUrls.join(' ') })}`);
  return lines.join('\n');
}
