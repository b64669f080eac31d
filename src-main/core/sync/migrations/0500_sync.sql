-- Offline-first sync (离线与上报): township → district outbox, hub registry, down-flow.
-- Times are UTC epoch ms. Nothing here is hard-deleted.
-- Capture triggers and the hub's read-only copies (sync_copy_<table>) are NOT created here: they are
-- derived at start-up from core/sync/travelling.ts + PRAGMA table_info (core/sync/capture.ts).

-- ── Station side ────────────────────────────────────────────────────────────────────────────
-- The transactional outbox: written by triggers in the same transaction as the change.
-- seq is the station's own sequence (AUTOINCREMENT: never reused, even after the newest rows go).
CREATE TABLE sync_outbox (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl  TEXT NOT NULL,
  pk   TEXT NOT NULL CHECK (json_valid(pk)),
  row  TEXT NOT NULL CHECK (json_valid(row)),
  at   INTEGER NOT NULL
) STRICT;
-- "has the hub acknowledged this record?" (reports: sent = acknowledged)
CREATE INDEX sync_outbox_key ON sync_outbox(tbl, pk, seq);

-- Which tables are captured, with the hash of the trigger text (reinstalled when it changes).
CREATE TABLE sync_capture (
  tbl          TEXT PRIMARY KEY,
  direction    TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  trigger_hash TEXT NOT NULL,
  installed_at INTEGER NOT NULL
) STRICT;

-- The link to the parent station (hub) and the pusher's persistent cursors.
CREATE TABLE sync_link (
  singleton         INTEGER PRIMARY KEY CHECK (singleton = 1),
  hub_url           TEXT,
  hub_name          TEXT,
  -- The station's own credential (a client secret it presents; the hub keeps only its hash).
  credential        TEXT,
  allow_plain_http  INTEGER NOT NULL DEFAULT 0,
  enrolled_at       INTEGER,
  acked_seq         INTEGER NOT NULL DEFAULT 0,
  pull_cursor       INTEGER NOT NULL DEFAULT 0,
  last_ok_at        INTEGER,
  last_attempt_at   INTEGER,
  last_error_key    TEXT,
  last_error_params TEXT,
  last_error_at     INTEGER,
  failures          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL
) STRICT;

-- Down-flow received from the hub: master data (read-only copies) ...
CREATE TABLE sync_master (
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  origin      TEXT NOT NULL,
  data        TEXT NOT NULL CHECK (json_valid(data)),
  down_seq    INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) STRICT;

-- ... and dispatch orders addressed to this station: expected inbound transfers (预计调入).
CREATE TABLE sync_inbound (
  id          TEXT PRIMARY KEY,
  origin      TEXT NOT NULL,
  origin_name TEXT NOT NULL,
  order_no    TEXT NOT NULL,
  from_name   TEXT NOT NULL,
  lines       TEXT NOT NULL CHECK (json_valid(lines)),
  deadline_at INTEGER,
  note        TEXT NOT NULL DEFAULT '',
  issued_at   INTEGER NOT NULL,
  down_seq    INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'received', 'void'))
) STRICT;
CREATE INDEX sync_inbound_list ON sync_inbound(status, issued_at DESC);

-- ── Hub side (district) ─────────────────────────────────────────────────────────────────────
-- Registered stations. Only hashes of the one-time code and of the credential are stored.
CREATE TABLE sync_stations (
  id                TEXT PRIMARY KEY,
  station_id        TEXT UNIQUE,            -- the township's own station.id, bound at enrollment
  name              TEXT NOT NULL,
  code              TEXT NOT NULL,
  level             TEXT NOT NULL CHECK (level IN ('township', 'depot', 'district')),
  otc_hash          TEXT,
  otc_expires_at    INTEGER,
  cred_hash         TEXT UNIQUE,
  -- Key for authenticating exported files: HMAC-SHA256(credential, 'watchroom-sync-file-v1').
  -- Derived, not the credential: it cannot be presented to the push endpoint.
  file_key          TEXT,
  enrolled_at       INTEGER,
  revoked_at        INTEGER,
  revoked_by        TEXT,
  revoke_reason     TEXT,
  applied_seq       INTEGER NOT NULL DEFAULT 0,
  pulled_seq        INTEGER NOT NULL DEFAULT 0,
  waiting           INTEGER NOT NULL DEFAULT 0,
  last_seen_at      INTEGER,
  last_push_at      INTEGER,
  created_by        TEXT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_stations_name ON sync_stations(name);

-- Every batch applied (idempotency keys): a replay is acknowledged without applying anything,
-- a different batch under a known key is refused as forged.
CREATE TABLE sync_batches (
  batch_id    TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  from_seq    INTEGER NOT NULL,
  to_seq      INTEGER NOT NULL,
  records     INTEGER NOT NULL,
  digest      TEXT NOT NULL,
  via         TEXT NOT NULL CHECK (via IN ('http', 'file')),
  applied_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_batches_station ON sync_batches(station_id, to_seq);

-- Imported files (same file twice = nothing changes, and the user is told so).
CREATE TABLE sync_files (
  digest      TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  records     INTEGER NOT NULL,
  applied     INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;

-- Down-flow messages, pulled by stations with a cursor. to_station NULL = every station.
CREATE TABLE sync_down (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  to_station TEXT,
  type       TEXT NOT NULL CHECK (type IN ('master', 'dispatch')),
  kind       TEXT NOT NULL,
  key        TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_down_to ON sync_down(to_station, seq);

-- Dispatch orders (调拨通知单) the district issues to a station.
CREATE TABLE sync_dispatch_orders (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,           -- the issuing (district) station
  order_no      TEXT NOT NULL UNIQUE,
  to_reg_id     TEXT NOT NULL REFERENCES sync_stations(id),
  from_name     TEXT NOT NULL,
  lines         TEXT NOT NULL CHECK (json_valid(lines)),
  deadline_at   INTEGER,
  note          TEXT NOT NULL DEFAULT '',
  down_seq      INTEGER NOT NULL,
  created_by    TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT
) STRICT;
CREATE INDEX sync_dispatch_list ON sync_dispatch_orders(created_at DESC);
CREATE INDEX sync_dispatch_to ON sync_dispatch_orders(to_reg_id, created_at DESC);
