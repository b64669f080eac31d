import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The desktop's own settings (not station data): LAN access, how often an unacknowledged alert is
 * repeated, start at login, the window's last state. One JSON file in the data folder, written
 * atomically; a damaged or missing file means the defaults (LAN access off).
 */
export const LanSettings = z.object({
  enabled: z.boolean(),
  /** 0.0.0.0 = every network card of this PC, or one address of it. */
  host: z.string().min(1).max(100),
  port: z.number().int().min(1024).max(65535),
});
export type LanSettings = z.infer<typeof LanSettings>;

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(200),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const DesktopSettings = z.object({
  lan: LanSettings,
  /** Minutes between repeats of an alert nobody has acknowledged; 0 = notify once. */
  repeatMinutes: z.number().int().min(0).max(240),
  startAtLogin: z.boolean(),
  window: WindowState.nullable(),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export const DEFAULT_SETTINGS: DesktopSettings = {
  lan: { enabled: false, host: '0.0.0.0', port: 8420 },
  repeatMinutes: 5,
  startAtLogin: false,
  window: null,
};

export const SETTINGS_FILE = 'desktop.json';

export function loadSettings(dataDir: string): DesktopSettings {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
    const merged = { ...DEFAULT_SETTINGS, ...raw, lan: { ...DEFAULT_SETTINGS.lan, ...(raw.lan as object) } };
    const r = DesktopSettings.safeParse(merged);
    if (r.success) return r.data;
    // Keep what is valid field by field; a bad window state is simply forgotten.
    return {
      lan: LanSettings.safeParse(merged.lan).data ?? DEFAULT_SETTINGS.lan,
      repeatMinutes: DesktopSettings.shape.repeatMinutes.safeParse(merged.repeatMinutes).data ?? DEFAULT_SETTINGS.repeatMinutes,
      startAtLogin: merged.startAtLogin === true,
      window: WindowState.safeParse(merged.window).data ?? null,
    };
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

export function saveSettings(dataDir: string, s: DesktopSettings): void {
  const file = path.join(dataDir, SETTINGS_FILE);
  const tmp = `${file}.tmp`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2));
  fs.renameSync(tmp, file);
}
