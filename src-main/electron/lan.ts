import os from 'node:os';
import type { App } from '../core/app';
import { startServer, type RunningServer } from '../server/http';
import type { LanSettings } from './settings';

/**
 * LAN access from the desktop app: the same HTTP server module `serve` uses (authentication,
 * lockout, CSP, body limits), against the same core and database (one writer), on the chosen
 * address and port. Off by default; stopped on quit or when switched off.
 */
export interface LanStatus {
  enabled: boolean;
  host: string;
  port: number;
  /** What the other PCs open in their browser. */
  urls: string[];
  /** Why it could not start, in the shell's words. */
  error: string | null;
}

/** The addresses other PCs can use: every IPv4 address of this PC for 0.0.0.0, else the one chosen. */
export function lanUrls(host: string, port: number, interfaces = os.networkInterfaces()): string[] {
  if (host !== '0.0.0.0') return [`http://${host}:${port}/`];
  const out: string[] = [];
  for (const list of Object.values(interfaces)) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}/`);
  return out.length ? out : [`http://127.0.0.1:${port}/`];
}

export class LanAccess {
  private running: RunningServer | null = null;
  private last: LanStatus;
  constructor(private readonly app: App, private readonly staticDir: string, private readonly describeError: (e: NodeJS.ErrnoException, s: LanSettings) => string) {
    this.last = { enabled: false, host: '0.0.0.0', port: 0, urls: [], error: null };
  }

  status(): LanStatus {
    return { ...this.last, urls: [...this.last.urls] };
  }

  /** Applies the setting: starts, restarts on a new address/port, or stops. */
  async apply(s: LanSettings): Promise<LanStatus> {
    await this.stop();
    if (!s.enabled) {
      this.last = { enabled: false, host: s.host, port: s.port, urls: [], error: null };
      return this.status();
    }
    try {
      this.running = await startServer({ app: this.app, host: s.host, port: s.port, staticDir: this.staticDir });
      this.app.services.log.warn('LAN access on', { host: s.host, port: this.running.port });
      this.last = { enabled: true, host: s.host, port: this.running.port, urls: lanUrls(s.host, this.running.port), error: null };
    } catch (e) {
      this.app.services.log.error('LAN access failed to start', { host: s.host, port: s.port, error: String(e) });
      this.last = { enabled: false, host: s.host, port: s.port, urls: [], error: this.describeError(e as NodeJS.ErrnoException, s) };
    }
    return this.status();
  }

  async stop(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (r) {
      await r.close();
      this.app.services.log.info('LAN access off', {});
    }
    this.last = { ...this.last, enabled: false, urls: [] };
  }
}
