-- The PostgreSQL hub store (issue 18). Same registry and protocol state as the SQLite hub
-- (core/sync/migrations/0500_sync.sql), but copies of station rows live in ONE jsonb row store
-- keyed by (origin station, table, key): a new travelling table needs no DDL here.
-- Times are UTC epoch ms (bigint). Nothing is hard-deleted.

-- The district this hub database serves (written by the district station that first runs on it).
CREATE TABLE hub_identity (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  station_id text NOT NULL,
  name       text NOT NULL,
  level      text NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE hub_stations (
  id             text PRIMARY KEY,
  station_id     text UNIQUE,
  name           text NOT NULL,
  code           text NOT NULL,
  level          text NOT NULL CHECK (level IN ('township', 'depot', 'district')),
  otc_hash       text UNIQUE,
  otc_expires_at bigint,
  cred_hash      text UNIQUE,
  file_key       text,
  enrolled_at    bigint,
  revoked_at     bigint,
  revoked_by     text,
  revoke_reason  text,
  applied_seq    bigint NOT NULL DEFAULT 0,
  pulled_seq     bigint NOT NULL DEFAULT 0,
  waiting        bigint NOT NULL DEFAULT 0,
  last_seen_at   bigint,
  last_push_at   bigint,
  created_by     text NOT NULL,
  version        bigint NOT NULL DEFAULT 1,
  created_at     bigint NOT NULL,
  updated_at     bigint NOT NULL
);
CREATE INDEX hub_stations_name ON hub_stations(name);

CREATE TABLE hub_batches (
  batch_id   text PRIMARY KEY,
  station_id text NOT NULL,
  from_seq   bigint NOT NULL,
  to_seq     bigint NOT NULL,
  records    integer NOT NULL,
  digest     text NOT NULL,
  via        text NOT NULL CHECK (via IN ('http', 'file')),
  applied_at bigint NOT NULL
);
CREATE INDEX hub_batches_station ON hub_batches(station_id, to_seq);

-- Copies of station rows. seq = the owner's outbox sequence of this snapshot (a newer one wins).
-- xid = the transaction that wrote this version: the commit-safe change feed (store.ts, changesSince).
-- ord = the record's place within that transaction, so a page may end inside one.
CREATE TABLE hub_copies (
  origin      text NOT NULL,
  tbl         text NOT NULL,
  key         text NOT NULL,
  seq         bigint NOT NULL,
  row         jsonb NOT NULL,
  received_at bigint NOT NULL,
  xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ord         integer NOT NULL,
  PRIMARY KEY (origin, tbl, key)
);
CREATE INDEX hub_copies_feed ON hub_copies(xid, ord);
CREATE INDEX hub_copies_tbl ON hub_copies(tbl, origin);

-- Down-flow (master data, dispatch orders). seq comes from hub_down_clock under its row lock,
-- held to commit: numbers are handed out in commit order (see store.ts, nextDownSeq).
CREATE TABLE hub_down (
  seq        bigint PRIMARY KEY,
  to_station text,
  type       text NOT NULL CHECK (type IN ('master', 'dispatch')),
  kind       text NOT NULL,
  key        text NOT NULL,
  data       jsonb NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX hub_down_to ON hub_down(to_station, seq);
CREATE TABLE hub_down_clock (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq       bigint NOT NULL
);
INSERT INTO hub_down_clock (seq) VALUES (0);

CREATE TABLE hub_dispatch_orders (
  id              text PRIMARY KEY,
  station_id      text NOT NULL,
  order_no        text NOT NULL UNIQUE,
  to_reg_id       text NOT NULL REFERENCES hub_stations(id),
  from_name       text NOT NULL,
  lines           jsonb NOT NULL,
  deadline_at     bigint,
  note            text NOT NULL DEFAULT '',
  down_seq        bigint NOT NULL,
  created_by      text NOT NULL,
  created_by_name text NOT NULL,
  created_at      bigint NOT NULL,
  voided_at       bigint,
  voided_by       text,
  void_reason     text
);
CREATE INDEX hub_dispatch_list ON hub_dispatch_orders(created_at DESC);

-- Named counters (dispatch order numbers per year): one UPDATE … RETURNING each, no gaps, no races.
CREATE TABLE hub_counters (
  name text PRIMARY KEY,
  n    bigint NOT NULL
);

-- Rate-limit windows shared by every hub process on this database.
CREATE TABLE hub_rate_limits (
  key          text PRIMARY KEY,
  window_start bigint NOT NULL,
  count        integer NOT NULL
);

CREATE TABLE hub_files (
  digest      text PRIMARY KEY,
  station_id  text NOT NULL,
  records     integer NOT NULL,
  applied     integer NOT NULL,
  imported_at bigint NOT NULL,
  imported_by text NOT NULL
);

-- Master data the district captures in its own SQLite file (sync_down, type 'master') is relayed
-- here once: the highest local sequence already copied.
CREATE TABLE hub_relay (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  local_seq  bigint NOT NULL
);
INSERT INTO hub_relay (local_seq) VALUES (0);
