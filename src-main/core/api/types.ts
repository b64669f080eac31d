import type { DB } from '../db/open';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { Locale } from '../../contract/roles';
import type { MethodName, OutputOf, ParsedInputOf } from '../../contract';
import type { SessionUser } from '../../contract/auth';
import type { StationInfo } from '../../contract/station';
import type { DemoLoader } from '../devtools/demo';
import type { Board } from '../board/types';
import type { HubStore } from '../sync/store/hub-store';

export type Transport = 'ipc' | 'http' | 'cli' | 'test';

/** What a transport knows about a call before the registry looks at it. */
export interface CallMeta {
  token?: string | null;
  locale?: Locale;
  transport: Transport;
  /** Remote address (HTTP) or a fixed label; keys rate limits. */
  remote?: string;
  /**
   * Sent with a write so that a retry after a lost reply (network drop, crash) returns the first
   * outcome instead of writing twice. Per user; kept a day.
   */
  idempotencyKey?: string | null;
}

export interface AuditRecord {
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface Services {
  dataDir: string;
  backupDir: string;
  log: Logger;
  version: string;
  /** Demo data for `auth.setup { loadDemo }`, when the entry point supplies it. */
  demo?: DemoLoader;
  /** Set when the hub's registry and copies live elsewhere (PostgreSQL): hub methods then run their `hubHandler`. */
  hubStore?: HubStore;
}

export interface Ctx {
  db: DB;
  clock: Clock;
  locale: Locale;
  transport: Transport;
  user: SessionUser | null;
  /** SHA-256 of the caller's token, when signed in. */
  sessionHash: string | null;
  station: StationInfo | null;
  services: Services;
  /** The other domains' contributions (open matters, duty-log lines). */
  board: Board;
  /** Records what a mutation changed; dispatch writes the chained audit rows. */
  audit(rec: AuditRecord): void;
  /** Work that must persist even though the call fails (e.g. counting failed logins). */
  onFailure(fn: (db: DB) => void): void;
  /** The signed-in user, or UNAUTHENTICATED. */
  requireUser(): SessionUser;
  requireStation(): StationInfo;
}

/**
 * How the main process serves a method. Who may call it and whether it writes are part of the
 * method's spec in the contract (`query(access)` / `mutation(access)`), read by both processes.
 */
export interface Registration<M extends MethodName> {
  /** 'async' handlers (e.g. online backup) run outside a transaction. */
  mode?: 'sync' | 'async';
  /** Calls per minute per remote (public methods that guess secrets). */
  rateLimitPerMinute?: number;
  /** A query that must run on the writer's connection (it reads this process's state). */
  writerOnly?: boolean;
  /** Allowed before the user has changed an admin-issued password. */
  allowWithPendingPasswordChange?: boolean;
  handler: (ctx: Ctx, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
  /**
   * The same method when the hub store is not this SQLite file (services.hubStore): it awaits the
   * store's own transaction, then the audit row is written here as for 'async' handlers.
   */
  hubHandler?: (ctx: Ctx, input: ParsedInputOf<M>, hub: HubStore) => Promise<OutputOf<M>>;
}

export type Handlers<K extends MethodName> = { [M in K]: Registration<M> };
