import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { HubStore } from '../core/sync/store/hub-store';
import type { Clock } from '../core/util/clock';
import type { Logger } from '../core/util/logger';
import { systemClock } from '../core/util/clock';
import { handleSyncRoute } from './sync-routes';
import type { RunningServer } from './http';

export interface HubServerOptions {
  hub: HubStore;
  log: Logger;
  clock?: Clock;
  host?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  allowPlainHttp?: boolean;
}

/**
 * A sync-only hub process (`npm run hub -- --pg URL`): /api/sync/* from a shared PostgreSQL hub
 * store and nothing else — no users, no screens, no local database. Several of these behind one
 * address share the load; the district station (with its users and views) runs `serve --hub-pg`.
 */
export function startHubServer(o: HubServerOptions): Promise<RunningServer> {
  const host0 = o.host ?? '127.0.0.1';
  const info = { secure: !!o.tls, loopback: ['127.0.0.1', 'localhost', '::1'].includes(host0), allowPlainHttp: !!o.allowPlainHttp };
  const host = { hub: o.hub, clock: o.clock ?? systemClock, log: o.log };
  const handler: http.RequestListener = (req, res) => {
    const url = req.url ?? '/';
    const fail = (e: unknown) => {
      o.log.error('hub handler failed', { url, error: String(e) });
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end('{"ok":false}');
      } else res.destroy();
    };
    if (url.startsWith('/api/sync/')) return void handleSyncRoute(host, req, res, url, info).catch(fail);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('Watchroom hub: /api/sync/* only');
  };
  const server = o.tls ? https.createServer({ cert: o.tls.cert, key: o.tls.key }, handler) : http.createServer(handler);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host0, () => {
      const addr = server.address() as AddressInfo;
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `${o.tls ? 'https' : 'http'}://${h}:${addr.port}`,
        port: addr.port,
        server,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
