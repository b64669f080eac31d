import type http from 'node:http';
import type { HubStore } from '../core/sync/store/hub-store';
import type { Clock } from '../core/util/clock';
import type { Logger } from '../core/util/logger';
import { HTTP_STATUS, type ApiResult } from '../contract/errors';
import type { Locale } from '../contract/roles';
import { translate } from '../core/i18n/messages';
import { ApiError } from '../core/util/errors';
import { checkVersions } from '../core/sync/hub';
import { EnrollRequest, PullRequest, PushRequest, Versions } from '../core/sync/protocol';

/**
 * Hub endpoints (district): POST /api/sync/enroll (one-time code → credential),
 * /api/sync/push (outbox batches up), /api/sync/pull (down-flow). Authenticated by the station
 * credential (`Authorization: Bearer wrs1.…`), never by a user session. Plain HTTP is served only
 * on loopback or when the server was started with --allow-plain-http.
 */
export interface SyncRouteInfo {
  secure: boolean;
  loopback: boolean;
  allowPlainHttp: boolean;
}

/** What the routes need: the hub store (SQLite or PostgreSQL), a clock and a log. */
export interface SyncHost {
  hub: HubStore;
  clock: Clock;
  log: Logger;
}

export const SYNC_BODY_LIMIT = 16 * 1024 * 1024;

function locale(req: http.IncomingMessage): Locale {
  return req.headers['x-watchroom-locale'] === 'en' ? 'en' : 'zh-CN';
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** Errors carry the message key and params, so the station can say them in its own user's language. */
function sendError(res: http.ServerResponse, loc: Locale, e: ApiError) {
  const extra = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  const body: ApiResult<never> = {
    ok: false,
    error: { code: e.code, message: translate(loc, e.key, e.params), details: { ...extra, key: e.key, params: e.params } },
  };
  send(res, HTTP_STATUS[e.code], body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new ApiError('PAYLOAD_TOO_LARGE', 'payloadTooLarge', { limit }));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new ApiError('PAYLOAD_TOO_LARGE', 'payloadTooLarge', { limit }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T {
  // Versions first: a different protocol/schema is the clearest error there is.
  const ver = Versions.safeParse(v);
  if (ver.success) checkVersions(ver.data);
  const r = schema.safeParse(v);
  if (!r.success) throw new ApiError('VALIDATION', 'sync.badBatch', { why: 'shape' });
  return r.data;
}

export async function handleSyncRoute(host: SyncHost, req: http.IncomingMessage, res: http.ServerResponse, url: string, info: SyncRouteInfo): Promise<void> {
  const loc = locale(req);
  const { hub, clock, log } = host;
  try {
    if (!info.secure && !info.loopback && !info.allowPlainHttp) throw new ApiError('FORBIDDEN', 'sync.httpsRequired');
    if (req.method !== 'POST') throw new ApiError('VALIDATION', 'badJson');
    const path = url.split('?')[0];
    const remote = req.socket.remoteAddress ?? 'unknown';
    const auth = String(req.headers.authorization ?? '');
    const credential = auth.startsWith('Bearer ') ? auth.slice(7).trim() : null;
    // Push and pull: the credential is checked before a byte of the body is read.
    if (path !== '/api/sync/enroll') await hub.authenticate(credential);
    let raw: unknown;
    const body = await readBody(req, SYNC_BODY_LIMIT);
    try {
      raw = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new ApiError('VALIDATION', 'badJson');
    }
    const station = await hub.identity();
    if (!station || station.level !== 'district') throw new ApiError('FORBIDDEN', 'sync.notHub');

    if (path === '/api/sync/enroll') {
      if (!(await hub.takeRate(`sync.enroll|${remote}`, 10, clock.now()))) throw new ApiError('RATE_LIMITED', 'rateLimited');
      const input = parse(EnrollRequest, raw);
      const value = await hub.enroll(input, station, clock.now());
      log.info('station enrolled', { registration: value.registrationId, station: input.stationId, remote });
      return send(res, 200, { ok: true, value });
    }
    if (path === '/api/sync/push') {
      const input = parse(PushRequest, raw);
      return send(res, 200, { ok: true, value: await hub.push(credential, input, clock.now()) });
    }
    if (path === '/api/sync/pull') {
      const input = parse(PullRequest, raw);
      return send(res, 200, { ok: true, value: await hub.pull(credential, input, clock.now()) });
    }
    throw new ApiError('NOT_FOUND', 'unknownMethod', { method: path.slice(0, 100) });
  } catch (e) {
    if (e instanceof ApiError) return sendError(res, loc, e);
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') return sendError(res, loc, new ApiError('UNAVAILABLE', 'db.busy'));
    if (code === 'SQLITE_FULL') return sendError(res, loc, new ApiError('UNAVAILABLE', 'db.full'));
    // PostgreSQL: serialization failure / deadlock / unique race / connection gone — the station retries.
    if (['40001', '40P01', '23505', '57P01', 'ECONNREFUSED', 'ECONNRESET'].includes(code)) return sendError(res, loc, new ApiError('UNAVAILABLE', 'db.busy'));
    log.error('sync route failed', { url, error: e instanceof Error ? e.stack : String(e) });
    return sendError(res, loc, new ApiError('INTERNAL', 'internal', { ref: 'sync' }));
  }
}
