import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { METHODS, accessAllows, type MethodName } from '../../contract';
import type { ApiResult } from '../../contract/errors';
import type { Locale } from '../../contract/roles';
import type { DB } from '../db/open';
import { ApiError } from '../util/errors';
import { translate } from '../i18n/messages';
import { appendAudit, digest, redact } from '../audit/chain';
import { resolveSession } from '../auth/sessions';
import { toSessionUser } from '../users/repo';
import { getStation } from '../station/repo';
import type { Clock } from '../util/clock';
import type { AuditRecord, CallMeta, Ctx, Registration, Services } from './types';
import { HANDLERS } from './handlers';
import { RateLimiter } from './rate-limit';
import type { Board } from '../board/types';
import { isIdempotencyKey, storeReply, storedReply } from './idempotency';

export interface Core {
  db: DB;
  clock: Clock;
  services: Services;
  limiter: RateLimiter;
  /** Every module's open matters and duty-log lines (core/modules.ts). */
  board: Board;
  /** A read-pool connection: a call that tries to write is handed back to the writer (NeedsWriter). */
  readOnly?: boolean;
}

/** Thrown (not answered) by a read connection when a query turned out to write. */
export class NeedsWriter extends Error {
  constructor(readonly method: string) {
    super(`${method} wrote on a read connection`);
  }
}

const zodLocales: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
};

/** Our own refinement messages are keys into the message table; zod's built-ins come localised. */
function issueMessage(locale: Locale, iss: z.core.$ZodIssue): string {
  const key = `field.${iss.message}`;
  const t = translate(locale, key);
  return t === key ? iss.message : t;
}

function fail(locale: Locale, e: ApiError): ApiResult<never> {
  return { ok: false, error: { code: e.code, message: translate(locale, e.key, e.params), details: e.details } };
}

function isSqliteError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && (e as unknown as { code: string }).code.startsWith('SQLITE_');
}

/** Maps storage failures the user can act on; everything else is INTERNAL. */
export function mapError(e: unknown): ApiError | null {
  if (e instanceof ApiError) return e;
  if (isSqliteError(e)) {
    if (e.code === 'SQLITE_FULL') return new ApiError('UNAVAILABLE', 'db.full');
    if (e.code === 'SQLITE_BUSY') return new ApiError('UNAVAILABLE', 'db.busy');
    // A failed read or write of the file (failing disk, removed drive): the transaction rolled back.
    if (e.code.startsWith('SQLITE_IOERR') || e.code === 'SQLITE_CANTOPEN' || e.code === 'SQLITE_READONLY') return new ApiError('UNAVAILABLE', 'db.ioError');
    // Damage the start-up check did not see (it may skip large, cleanly closed files).
    if (e.code === 'SQLITE_CORRUPT' || e.code === 'SQLITE_NOTADB') return new ApiError('UNAVAILABLE', 'db.corrupt');
    if (e.code.startsWith('SQLITE_CONSTRAINT')) return new ApiError('CONFLICT', 'constraint');
  }
  return null;
}

/**
 * The one path every call takes, whatever the transport:
 * parse input → check session and role → run in one transaction → audit → typed result.
 */
export async function dispatch(core: Core, name: string, rawInput: unknown, meta: CallMeta): Promise<ApiResult<unknown>> {
  const { db, clock, services } = core;
  let locale: Locale = meta.locale ?? 'zh-CN';
  if (!Object.prototype.hasOwnProperty.call(HANDLERS, name)) {
    return fail(locale, new ApiError('NOT_FOUND', 'unknownMethod', { method: String(name).slice(0, 100) }));
  }
  // A call that arrives while the station shuts down (a window still polling) is refused in words.
  if (!db.open) return fail(locale, new ApiError('UNAVAILABLE', 'app.closed'));
  const method = name as MethodName;
  const spec = METHODS[method];
  const reg = HANDLERS[method] as Registration<MethodName>;
  const failures: ((db: DB) => void)[] = [];
  try {
    if (reg.rateLimitPerMinute && !core.limiter.take(`${method}|${meta.remote ?? meta.transport}`, reg.rateLimitPerMinute, clock.now())) {
      throw new ApiError('RATE_LIMITED', 'rateLimited');
    }

    // Who is calling. Public methods still see the user when a valid token is sent.
    let session: ReturnType<typeof resolveSession> = null;
    if (meta.token) session = resolveSession(db, meta.token, clock.now());
    const user = session ? toSessionUser(session.user) : null;
    if (!meta.locale && user) locale = user.locale;
    if (spec.access !== 'public') {
      if (!user) throw new ApiError('UNAUTHENTICATED', 'unauthenticated');
      if (!accessAllows(spec.access, user.roles)) {
        throw new ApiError('FORBIDDEN', 'forbiddenRole', { roles: (spec.access as readonly string[]).join(', ') });
      }
      if (user.mustChangePassword && !reg.allowWithPendingPasswordChange) throw new ApiError('FORBIDDEN', 'mustChangePassword');
    }

    const parsed = spec.input.safeParse(rawInput ?? {}, { error: zodLocales[locale] });
    if (!parsed.success) {
      throw new ApiError('VALIDATION', 'validation', {}, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: issueMessage(locale, i) })),
      });
    }
    const input = parsed.data;
    // Keys are per user; sign-in and setup (no user yet) are guarded by their own rules.
    const remoteHub = reg.hubHandler && services.hubStore ? services.hubStore : null;
    const idemKey = spec.mutates && reg.mode !== 'async' && !remoteHub && user ? (meta.idempotencyKey ?? null) : null;
    if (idemKey !== null && !isIdempotencyKey(idemKey)) throw new ApiError('VALIDATION', 'idempotency.badKey');

    const audits: AuditRecord[] = [];
    const ctx: Ctx = {
      db,
      clock,
      locale,
      transport: meta.transport,
      user,
      sessionHash: session?.tokenHash ?? null,
      station: getStation(db),
      services,
      board: core.board,
      audit: (rec) => audits.push(rec),
      onFailure: (fn) => failures.push(fn),
      requireUser: () => {
        if (!user) throw new ApiError('UNAUTHENTICATED', 'unauthenticated');
        return user;
      },
      requireStation: () => {
        const s = ctx.station;
        if (!s) throw new ApiError('UNAVAILABLE', 'station.notSetUp');
        return s;
      },
    };

    const writeAudit = () => {
      const actor = ctx.user; // auth.login/setup set ctx.user to the new session's user
      const base = {
        at: clock.now(),
        userId: actor?.id ?? null,
        username: actor?.username ?? null,
        method,
        inputDigest: digest(redact(input))!,
      };
      if (!audits.length) audits.push({ entity: '', entityId: '' });
      for (const a of audits) {
        appendAudit(db, {
          ...base,
          entity: a.entity || null,
          entityId: a.entityId || null,
          beforeDigest: digest(a.before),
          afterDigest: digest(a.after),
        });
      }
    };

    let value: unknown;
    if (remoteHub) {
      value = await reg.hubHandler!(ctx, input, remoteHub);
      if (spec.mutates) db.transaction(writeAudit).immediate();
    } else if (reg.mode === 'async') {
      value = await reg.handler(ctx, input);
      if (spec.mutates) db.transaction(writeAudit).immediate();
    } else if (spec.mutates) {
      const inputDigest = idemKey ? digest(input)! : '';
      value = db
        .transaction(() => {
          if (idemKey) {
            // A retry of a write whose reply was lost: answer with the first outcome, write nothing.
            const prior = storedReply(db, user!.id, idemKey);
            if (prior) {
              if (prior.method !== method || prior.input_digest !== inputDigest) throw new ApiError('CONFLICT', 'idempotency.reused');
              return JSON.parse(prior.reply) as unknown;
            }
          }
          const v = reg.handler(ctx, input);
          if (v instanceof Promise) throw new Error(`${method}: sync handler returned a promise`);
          writeAudit();
          if (idemKey) storeReply(db, user!.id, idemKey, method, inputDigest, v, clock.now());
          return v;
        })
        .immediate();
    } else {
      value = db.transaction(() => reg.handler(ctx, input)).deferred();
    }
    return { ok: true, value };
  } catch (e) {
    if (core.readOnly && isSqliteError(e) && e.code.startsWith('SQLITE_READONLY')) throw new NeedsWriter(method);
    if (failures.length) {
      try {
        db.transaction(() => failures.forEach((f) => f(db))).immediate();
      } catch (e2) {
        services.log.error('onFailure hook failed', { method, error: String(e2) });
      }
    }
    const mapped = mapError(e);
    if (mapped) {
      if (mapped.code === 'UNAVAILABLE') services.log.warn('unavailable', { method, key: mapped.key });
      return fail(locale, mapped);
    }
    const ref = randomBytes(4).toString('hex');
    services.log.error('internal error', { ref, method, error: e instanceof Error ? e.stack : String(e) });
    return fail(locale, new ApiError('INTERNAL', 'internal', { ref }));
  }
}
