import type { DB } from '../db/open';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { getStation } from '../station/repo';
import { adoptHubCursor, applyDown, getLink, maxOutboxSeq, readBatch, setLink, versions } from './link';
import type { PullResponse, PushRequest, PushResponse } from './protocol';

/**
 * The pusher: sends the outbox to the hub in order, one contiguous batch at a time, with the
 * batch's idempotency key; moves the cursor only on acknowledgement (so a restart, a cut line or
 * a killed process resumes from the acknowledged position); then pulls the down-flow. Failures
 * back off exponentially with jitter. Plain fetch: HTTPS trusts the system store (plus
 * NODE_EXTRA_CA_CERTS for a district's own certificate authority).
 */
export interface PusherOptions {
  intervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  batchSize?: number;
  timeoutMs?: number;
  random?: () => number;
}

export interface CycleResult {
  state: 'idle' | 'ok' | 'error';
  pushed: number;
  pulled: number;
  errorKey?: string;
}

export class SyncFailure extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

export function checkHubUrl(url: string, allowPlainHttp: boolean): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SyncFailure('sync.badUrl', { url: url.slice(0, 100) });
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && (LOOPBACK.test(u.hostname) || allowPlainHttp)) return u;
  if (u.protocol === 'http:') throw new SyncFailure('sync.plainHttpRefused', { host: u.host });
  throw new SyncFailure('sync.badUrl', { url: url.slice(0, 100) });
}

/** One call to the hub; every failure becomes a SyncFailure with a key the status bar can say in plain words. */
export async function hubCall<T>(base: string, path: string, body: unknown, credential: string | null, timeoutMs = 30_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(credential ? { Authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new SyncFailure('sync.err.timeout', { host: new URL(base).host });
    const code = err.cause?.code ?? '';
    if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) throw new SyncFailure('sync.err.tls', { host: new URL(base).host, code });
    throw new SyncFailure('sync.err.unreachable', { host: new URL(base).host });
  }
  let json: { ok: boolean; value?: T; error?: { code: string; message: string; details?: { key?: string; params?: Record<string, string | number> } & Record<string, unknown> } };
  try {
    json = (await res.json()) as typeof json;
  } catch {
    throw new SyncFailure('sync.err.badResponse', { status: res.status });
  }
  if (json.ok) return json.value as T;
  const d = json.error?.details ?? {};
  throw new SyncFailure(d.key ?? 'sync.err.hub', d.params ?? { message: json.error?.message ?? String(res.status) }, d);
}

export class Pusher {
  private inflight: Promise<CycleResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  opts: Required<PusherOptions>;

  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: PusherOptions = {},
  ) {
    this.opts = {
      intervalMs: opts.intervalMs ?? 20_000,
      baseBackoffMs: opts.baseBackoffMs ?? 2_000,
      maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
      batchSize: opts.batchSize ?? 500,
      timeoutMs: opts.timeoutMs ?? 30_000,
      random: opts.random ?? Math.random,
    };
  }

  /** Exponential backoff with jitter: half fixed, half random, capped. */
  backoff(failures: number): number {
    const d = Math.min(this.opts.maxBackoffMs, this.opts.baseBackoffMs * 2 ** Math.max(0, failures - 1));
    return Math.round(d / 2 + (this.opts.random() * d) / 2);
  }

  /** Runs a cycle now (after the one in flight, if any). */
  async syncNow(): Promise<CycleResult> {
    if (this.inflight) await this.inflight.catch(() => undefined);
    return this.cycle();
  }

  cycle(): Promise<CycleResult> {
    if (this.inflight) return this.inflight;
    this.inflight = this.run()
      .catch((e: unknown): CycleResult => {
        // e.g. the database closed under a cycle at shutdown: nothing was acknowledged, nothing lost.
        if (!this.stopped) this.log.error('sync cycle aborted', { error: String(e) });
        return { state: 'error', pushed: 0, pulled: 0, errorKey: 'sync.err.internal' };
      })
      .finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async run(): Promise<CycleResult> {
    const db = this.db;
    const link = getLink(db);
    const station = getStation(db);
    if (!link.hub_url || !link.credential || !station) return { state: 'idle', pushed: 0, pulled: 0 };
    const base = link.hub_url;
    const cred = link.credential;
    db.transaction(() => setLink(db, { last_attempt_at: this.clock.now() }, this.clock.now())).immediate();
    let pushed = 0;
    let pulled = 0;
    try {
      checkHubUrl(base, !!link.allow_plain_http);
      let gaps = 0;
      for (;;) {
        const acked = getLink(db).acked_seq;
        const records = readBatch(db, acked, this.opts.batchSize);
        if (!records.length) break;
        const fromSeq = acked + 1;
        const toSeq = records[records.length - 1][0];
        const req: PushRequest = {
          ...versions(),
          stationId: station.id,
          batchId: `${station.id}:${fromSeq}-${toSeq}`,
          fromSeq,
          toSeq,
          waiting: Math.max(0, maxOutboxSeq(db) - toSeq),
          records,
        };
        let res: PushResponse;
        try {
          res = await hubCall<PushResponse>(base, '/api/sync/push', req, cred, this.opts.timeoutMs);
        } catch (e) {
          // The hub holds less than we think (it was restored, or an earlier ack was lost): resend from there.
          if (e instanceof SyncFailure && e.key === 'sync.gap' && typeof e.details.appliedSeq === 'number' && gaps++ < 3) {
            const at = e.details.appliedSeq;
            db.transaction(() => adoptHubCursor(db, at, this.clock.now())).immediate();
            continue;
          }
          throw e;
        }
        db.transaction(() => adoptHubCursor(db, res.appliedSeq, this.clock.now())).immediate();
        pushed += res.applied;
        if (res.appliedSeq < toSeq && !res.duplicate) break; // defensive: never loop on a hub that does not advance
      }
      for (let i = 0; i < 1000; i++) {
        const cursor = getLink(db).pull_cursor;
        const res = await hubCall<PullResponse>(base, '/api/sync/pull', { ...versions(), stationId: station.id, cursor, limit: 500 }, cred, this.opts.timeoutMs);
        db.transaction(() => applyDown(db, res.messages, res.cursor, this.clock.now())).immediate();
        pulled += res.messages.length;
        // One more (empty) page after new messages, so the hub learns the cursor we reached.
        if (!res.more && !res.messages.length) break;
      }
      const now = this.clock.now();
      db.transaction(() =>
        setLink(db, { last_ok_at: now, failures: 0, last_error_key: null, last_error_params: null, next_attempt_at: now + this.opts.intervalMs }, now),
      ).immediate();
      return { state: 'ok', pushed, pulled };
    } catch (e) {
      const f = e instanceof SyncFailure ? e : new SyncFailure('sync.err.internal', { message: String(e).slice(0, 200) });
      if (!(e instanceof SyncFailure)) this.log.error('sync cycle failed', { error: e instanceof Error ? e.stack : String(e) });
      const now = this.clock.now();
      const failures = getLink(db).failures + 1;
      db.transaction(() =>
        setLink(
          db,
          {
            failures,
            last_error_key: f.key,
            last_error_params: JSON.stringify(f.params),
            last_error_at: now,
            next_attempt_at: now + this.backoff(failures),
          },
          now,
        ),
      ).immediate();
      return { state: 'error', pushed, pulled, errorKey: f.key };
    }
  }

  /** Timer-driven: runs when the next attempt is due (interval when healthy, backoff after failures). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      let delay = this.opts.intervalMs;
      try {
        const link = getLink(this.db);
        const due = link.next_attempt_at ?? 0;
        const now = this.clock.now();
        if (link.hub_url && link.credential && due <= now) {
          void this.cycle().finally(() => this.schedule(tick, this.nextDelay()));
          return;
        }
        if (link.hub_url && link.credential) delay = Math.min(this.opts.intervalMs, Math.max(50, due - now));
      } catch (e) {
        this.log.error('sync timer failed', { error: String(e) });
      }
      this.schedule(tick, delay);
    };
    this.schedule(tick, 1_000);
  }

  private nextDelay(): number {
    try {
      const l = getLink(this.db);
      return Math.max(50, Math.min(this.opts.maxBackoffMs, (l.next_attempt_at ?? 0) - this.clock.now()));
    } catch {
      return this.opts.intervalMs;
    }
  }

  private schedule(fn: () => void, ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(fn, ms);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves when the cycle in flight (if any) is done; used before closing the database. */
  async idle(): Promise<void> {
    if (this.inflight) await this.inflight.catch(() => undefined);
  }
}

const pushers = new WeakMap<DB, Pusher>();
export function pusherFor(db: DB, clock: Clock, log: Logger, opts?: PusherOptions): Pusher {
  let p = pushers.get(db);
  if (!p) pushers.set(db, (p = new Pusher(db, clock, log, opts)));
  else if (opts) for (const [k, v] of Object.entries(opts)) if (v !== undefined) (p.opts as unknown as Record<string, unknown>)[k] = v;
  return p;
}
