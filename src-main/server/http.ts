import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { App } from '../core/app';
import { HTTP_STATUS, type ApiResult } from '../contract/errors';
import type { Locale } from '../contract/roles';
import { translate } from '../core/i18n/messages';
import { ApiError } from '../core/util/errors';
import { handleSyncRoute } from './sync-routes';

export interface ServerOptions {
  app: App;
  host?: string;
  port?: number;
  /** Built renderer (out/renderer); null serves the API only. */
  staticDir?: string | null;
  bodyLimit?: number;
  /** HTTPS with a configured certificate (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  /** Serve the sync (hub) endpoints over plain HTTP on a non-loopback address. */
  allowPlainHttp?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Same policy as the Electron window: only our own scripts, no inline script, no framing. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // AG Grid's theming injects <style> elements
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function pickLocale(req: http.IncomingMessage): Locale | undefined {
  const explicit = req.headers['x-watchroom-locale'];
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  const al = String(req.headers['accept-language'] ?? '');
  if (!al) return undefined;
  return /^\s*en/i.test(al) ? 'en' : 'zh-CN';
}

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(json),
    ...extra,
  });
  res.end(json);
}

function sendError(res: http.ServerResponse, locale: Locale, e: ApiError) {
  const result: ApiResult<never> = { ok: false, error: { code: e.code, message: translate(locale, e.key, e.params), details: e.details } };
  send(res, HTTP_STATUS[e.code], result);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new ApiError('PAYLOAD_TOO_LARGE', 'payloadTooLarge', { limit }));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // drain, so the 413 reaches the client
        reject(new ApiError('PAYLOAD_TOO_LARGE', 'payloadTooLarge', { limit }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleRpc(app: App, req: http.IncomingMessage, res: http.ServerResponse, method: string, limit: number) {
  const locale = pickLocale(req) ?? 'zh-CN';
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return send(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'POST only' } });
  }
  let input: unknown = {};
  try {
    const body = await readBody(req, limit);
    if (body.length) input = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return sendError(res, locale, e instanceof ApiError ? e : new ApiError('VALIDATION', 'badJson'));
  }
  const auth = String(req.headers.authorization ?? '');
  const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : null;
  const result = await app.call(method, input, {
    token,
    locale: pickLocale(req),
    transport: 'http',
    remote: req.socket.remoteAddress ?? 'unknown',
    idempotencyKey: typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null,
  });
  send(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
    return res.end();
  }
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, SECURITY_HEADERS);
    return res.end();
  }
  // Resolve inside root only: '..', absolute paths and NUL bytes never escape it.
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (rel.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
    res.writeHead(404, SECURITY_HEADERS);
    return res.end();
  }
  let target = file;
  // ENOTDIR (/index.html/x), ENAMETOOLONG…: a path that cannot exist is a missing file, not a crash.
  let st = statOrNull(target);
  if (!st || st.isDirectory()) {
    // Client-side routes fall back to the app shell; missing assets are plain 404s.
    if (path.extname(rel)) {
      res.writeHead(404, SECURITY_HEADERS);
      return res.end();
    }
    target = path.join(root, 'index.html');
    st = statOrNull(target);
    if (!st) {
      res.writeHead(404, SECURITY_HEADERS);
      return res.end('renderer not built: run npm run build');
    }
  }
  const immutable = target.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream',
    'Content-Length': st.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res);
}

function statOrNull(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A malformed %-escape in a method name is an unknown method, not an exception. */
function decodeName(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { app } = opts;
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const root = opts.staticDir ? path.resolve(opts.staticDir) : null;
  const host0 = opts.host ?? '127.0.0.1';
  const syncInfo = { secure: !!opts.tls, loopback: ['127.0.0.1', 'localhost', '::1'].includes(host0), allowPlainHttp: !!opts.allowPlainHttp };
  const handler: http.RequestListener = (req, res) => {
    const url = req.url ?? '/';
    const m = /^\/api\/rpc\/([^/?#]{1,100})(?:\?.*)?$/.exec(url);
    const done = (p: unknown) =>
      Promise.resolve(p).catch((e) => {
        app.services.log.error('http handler failed', { url, error: String(e) });
        if (!res.headersSent) sendError(res, 'zh-CN', new ApiError('INTERNAL', 'internal', { ref: 'http' }));
        else res.destroy();
      });
    // Anything thrown synchronously becomes a 500 for this request; it never takes the server down.
    try {
      if (m) return done(handleRpc(app, req, res, decodeName(m[1]), limit));
      if (url.startsWith('/api/sync/')) return done(handleSyncRoute({ hub: app.hub, clock: app.clock, log: app.services.log }, req, res, url, syncInfo));
      if (url.startsWith('/api/')) return done(sendError(res, pickLocale(req) ?? 'zh-CN', new ApiError('NOT_FOUND', 'unknownMethod', { method: url.slice(0, 100) })));
      if (!root) return done(sendError(res, 'zh-CN', new ApiError('NOT_FOUND', 'notFound', { entity: url.slice(0, 100) })));
      return done(serveStatic(root, req, res));
    } catch (e) {
      return done(Promise.reject(e));
    }
  };
  const server: http.Server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : http.createServer(handler);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const addr = server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `${opts.tls ? 'https' : 'http'}://${host}:${addr.port}`,
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
