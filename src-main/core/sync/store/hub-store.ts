import type { DB } from '../../db/open';
import type { DispatchRow, DistrictOverview, StationRegRow } from '../../../contract/sync';
import type { DispatchInput, StationReg } from '../hub';
import type { EnrollRequest, EnrollResponse, PullRequest, PullResponse, PushRequest, PushResponse } from '../protocol';

/** The district a hub serves: its station id and name travel in enrollment replies and dispatch orders. */
export interface HubIdentity {
  id: string;
  name: string;
  level: string;
}

export type StationLevel = 'township' | 'depot' | 'district';

/**
 * What the hub side of sync needs from its database, whichever engine holds it: the embedded
 * SQLite file of the district station (sqlite-store.ts, the default) or a PostgreSQL database
 * several hub processes share (pg/store.ts). Every method is one transaction of its own and
 * Promise-returning, because the pg client is asynchronous; the SQLite store runs each as one
 * IMMEDIATE transaction, exactly as before.
 */
export interface HubStore {
  readonly engine: 'sqlite' | 'pg';
  /** The district this hub serves, or null when it is not (yet) a hub. */
  identity(): Promise<HubIdentity | null>;
  /** Binds the store to the district station serving it (pg: refuses a database another district owns). */
  claim(hub: HubIdentity, now: number): Promise<void>;
  /** Fixed one-minute window per key; false when over `perMinute`. */
  takeRate(key: string, perMinute: number, now: number): Promise<boolean>;
  /** One-time code → credential (registry). */
  enroll(req: EnrollRequest, hub: HubIdentity, now: number): Promise<EnrollResponse>;
  /** Credential → registration; UNAUTHENTICATED when unknown or revoked. */
  authenticate(credential: string | null): Promise<StationReg>;
  /** Authenticates and applies one pushed batch idempotently, in one transaction. */
  push(credential: string | null, batch: PushRequest, now: number): Promise<PushResponse>;
  /** Authenticates and returns the down-flow after `cursor`. */
  pull(credential: string | null, req: PullRequest, now: number): Promise<PullResponse>;

  // ── the district's registry and views (sync.* methods at the hub) ──
  stations(): Promise<StationRegRow[]>;
  station(id: string): Promise<StationRegRow | null>;
  register(f: { name: string; code: string; level: StationLevel }, by: string, now: number): Promise<{ station: StationRegRow; secret: string }>;
  reissue(id: string, version: number, now: number): Promise<{ station: StationRegRow; secret: string }>;
  revoke(id: string, version: number, reason: string, by: string, now: number): Promise<StationRegRow>;
  /** Dispatch order with the next number of its year (unique under concurrency) and its down message. */
  createDispatch(input: DispatchInput, hub: { id: string; name: string }, user: { id: string; displayName: string }, now: number): Promise<DispatchRow>;
  dispatchList(): Promise<DispatchRow[]>;
  /** The consolidated view: `local` is the district station's own database (its own rows). */
  overview(hub: { id: string; name: string }, local: DB): Promise<DistrictOverview>;
  close(): Promise<void>;
}
