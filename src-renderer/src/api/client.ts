import type { InputOf, MethodName, OutputOf } from '@contract/index';
import type { ApiErrorBody, ApiResult } from '@contract/errors';

/** How a call leaves the renderer. Chosen once at start-up; features never know which. */
export interface Transport {
  kind: 'ipc' | 'http';
  invoke(method: string, input: unknown, locale: string, token: string | null): Promise<ApiResult<unknown>>;
}

declare global {
  interface Window {
    watchroom?: { invoke(method: string, input: unknown, locale?: string): Promise<ApiResult<unknown>> };
  }
}

const ipcTransport = (bridge: NonNullable<Window['watchroom']>): Transport => ({
  kind: 'ipc',
  invoke: (method, input, locale) => bridge.invoke(method, input, locale),
});

const httpTransport: Transport = {
  kind: 'http',
  async invoke(method, input, locale, token) {
    let res: Response;
    try {
      res = await fetch(`/api/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Watchroom-Locale': locale,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
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

const TOKEN_KEY = 'watchroom.token';
const transport: Transport = window.watchroom ? ipcTransport(window.watchroom) : httpTransport;
let locale = 'zh-CN';
let onUnauthenticated: () => void = () => {};

export const api = {
  transport: transport.kind,
  setLocale(l: string) {
    locale = l;
  },
  onUnauthenticated(fn: () => void) {
    onUnauthenticated = fn;
  },
  /** Web mode keeps the token for this tab only; in Electron the main process holds it. */
  setToken(t: string | null) {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  hasToken: () => transport.kind === 'ipc' || !!sessionStorage.getItem(TOKEN_KEY),
  /** Typed call: resolves with the value or throws ApiCallError with a translated message. */
  async send<M extends MethodName>(method: M, input?: InputOf<M>): Promise<OutputOf<M>> {
    const r = await transport.invoke(method, input ?? {}, locale, sessionStorage.getItem(TOKEN_KEY));
    if (!r.ok) {
      if (r.error.code === 'UNAUTHENTICATED' && method !== 'auth.login') onUnauthenticated();
      throw new ApiCallError(r.error);
    }
    return r.value as OutputOf<M>;
  },
};
