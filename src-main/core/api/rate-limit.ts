/** Fixed one-minute windows per key; enough to blunt password guessing over the LAN. */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  take(key: string, perMinute: number, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= perMinute;
  }
}
