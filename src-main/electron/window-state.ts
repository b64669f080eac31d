import type { WindowState } from './settings';

export interface Rect { x: number; y: number; width: number; height: number }

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 1100, height: 700 };

/**
 * Where the window opens: the remembered bounds when they still fit a display that exists now;
 * otherwise the remembered size (shrunk to the primary work area) centred on the primary display.
 * A window remembered on an unplugged second monitor must never open off-screen.
 */
export function restoreBounds(saved: WindowState | null, workAreas: Rect[], primary: Rect): Rect & { maximized: boolean } {
  const fit = (w: number, h: number, area: Rect) => ({
    width: Math.max(Math.min(w, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(h, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  const centred = (w: number, h: number) => {
    const s = fit(w, h, primary);
    return { ...s, x: primary.x + Math.round((primary.width - s.width) / 2), y: primary.y + Math.round((primary.height - s.height) / 2) };
  };
  if (!saved) return { ...centred(DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  // The title bar (top 40 px, at least 100 px of it) must be on a display that exists now.
  const visible = workAreas.find((a) => {
    const overlapX = Math.min(saved.x + saved.width, a.x + a.width) - Math.max(saved.x, a.x);
    const titleY = saved.y;
    return overlapX >= 100 && titleY >= a.y && titleY + 40 <= a.y + a.height;
  });
  if (visible) {
    const s = fit(saved.width, saved.height, visible);
    return { x: saved.x, y: saved.y, ...s, maximized: saved.maximized };
  }
  return { ...centred(saved.width, saved.height), maximized: saved.maximized };
}
