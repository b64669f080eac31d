import { METHODS, type InputOf, type MethodName, type OutputOf } from '@contract/index';
import type { ApiErrorBody, ApiResult } from '@contract/errors';

/** How a call leaves the renderer. Chosen once at start-up; features never know which. */
export interface Transport {
  kind: 'ipc' | 'http';
  invoke(method: string, input: unknown, locale: string, token: string | null, meta: CallMeta): Promise<ApiResult<unknown>>;
}

/** What travels with a call besides its input. */
export interface CallMeta {
  /** Sent with every write; a retry of the same call reuses it so the station writes once (issue 19). */
  idempotencyKey?: string;
}

declare global {
  interface Window {
    watchroom?: { invoke(method: string, input: unknown, locale?: string, meta?: CallMeta): Promise<ApiResult<unknown>> };
  }
}

const ipcTransport = (bridge: NonNullable<Window['watchroom']>): Transport => ({
  kind: 'ipc',
  invoke: (method, input, locale, _token, meta) => bridge.invoke(method, input, locale, meta),
});

/** Waits before each retry of a call whose reply was lost (the request may have arrived). */
export const RETRY_DELAYS_MS = [300, 1000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const httpTransport: Transport = {
  kind: 'http',
  async invoke(method, input, locale, token, meta) {
    let res: Response | null = null;
    const init: RequestInit = {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Watchroom-Locale': locale,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(meta.idempotencyKey ? { 'Idempotency-Key': meta.idempotencyKey } : {}),
      },
      body: JSON.stringify(input ?? {}),
    };
    // A dropped connection is retried with the same request — for a write, the same
    // Idempotency-Key, so the station answers a retry with its first outcome instead of writing twice.
    // A write without a key is never retried.
    const mayRetry = !METHODS[method as MethodName]?.mutates || !!meta.idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await fetch(`/api/rpc/${encodeURIComponent(method)}`, init);
        break;
      } catch {
        if (!mayRetry || attempt >= RETRY_DELAYS_MS.length) break;
        await sleep(RETRY_DELAYS_MS[attempt]);
      }
    }
    if (!res) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: locale === 'en' ? 'The station server cannot be reached.' : '无法连接本站服务。' } };
    }
    try {
      return (await res.json()) as ApiResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${res.status}` } };
    }
  },
};

export class ApiCallError extends Error {
  constructor(readonly error: ApiErrorBody) {
    super(error.message);
  }
  get code() {
    return this.error.code;
  }
  /** Field path → message, for forms. */
  fieldErrors(): Record<string, string> {
    const d = this.error.details as { issues?: { path: string[]; message: string }[] } | undefined;
    const out: Record<string, string> = {};
    for (const i of d?.issues ?? []) out[i.path.join('.')] ??= i.message;
    return out;
  }
}

export const errorText = (e: unknown) => (e instanceof ApiCallError ? e.message : String(e));

/** A fresh key per write call: 32 hex digits from the platform's CSPRNG (works over plain HTTP too). */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const TOKEN_KEY = 'watchroom.token';
const transport: Transport = window.watchroom ? ipcTransport(window.watchroom) : httpTransport;
let locale = 'zh-CN';
let onUnauthenticated: () => void = () => {};
const onWrite = new Set<(method: MethodName) => void>();

export const api = {
  transport: transport.kind,
  setLocale(l: string) {
    locale = l;
  },
  onUnauthenticated(fn: () => void) {
    onUnauthenticated = fn;
  },
  /** Called after every successful write (the data layer refreshes cached reads). Returns an unsubscribe. */
  onWrite(fn: (method: MethodName) => void) {
    onWrite.add(fn);
    return () => void onWrite.delete(fn);
  },
  /** Web mode keeps the token for this tab only; in Electron the main process holds it. */
  setToken(t: string | null) {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  hasToken: () => transport.kind === 'ipc' || !!sessionStorage.getItem(TOKEN_KEY),
  /** Typed call: resolves with the value or throws ApiCallError with a translated message. */
  async send<M extends MethodName>(method: M, input?: InputOf<M>): Promise<OutputOf<M>> {
    const mutates = METHODS[method].mutates;
    const meta: CallMeta = mutates ? { idempotencyKey: newIdempotencyKey() } : {};
    const r = await transport.invoke(method, input ?? {}, locale, sessionStorage.getItem(TOKEN_KEY), meta);
    if (!r.ok) {
      if (r.error.code === 'UNAUTHENTICATED' && method !== 'auth.login') onUnauthenticated();
      throw new ApiCallError(r.error);
    }
    if (mutates) for (const fn of onWrite) fn(method);
    return r.value as OutputOf<M>;
  },
};
