-- Foundation: the station, people who sign in, their sessions, the audit chain, settings.
-- Times are UTC epoch milliseconds. Nothing here is ever hard-deleted.

CREATE TABLE station (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  code        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('district', 'township', 'depot')),
  time_zone   TEXT NOT NULL,
  singleton   INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  station_id           TEXT NOT NULL REFERENCES station(id),
  username             TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name         TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  roles                TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
  locale               TEXT NOT NULL DEFAULT 'zh-CN',
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER,
  disabled_at          INTEGER,
  disabled_by          TEXT,
  disabled_reason      TEXT,
  last_login_at        INTEGER,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
) STRICT;

-- The token itself is never stored: only its SHA-256, so a copied database grants no session.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  transport    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  revoked_at   INTEGER
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  user_id       TEXT,
  username      TEXT,
  method        TEXT NOT NULL,
  entity        TEXT,
  entity_id     TEXT,
  input_digest  TEXT NOT NULL,
  before_digest TEXT,
  after_digest  TEXT,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- The chain's head, so truncating the newest rows is detected too.
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  seq       INTEGER NOT NULL,
  hash      TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL
) STRICT;
