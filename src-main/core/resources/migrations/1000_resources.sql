-- Emergency resources directory (应急资源): rescue teams, experts, shelters and evacuation sites,
-- hazard sources and key protected sites. Owned by the station that records them; they travel up
-- by sync (core/sync/travelling.ts). Records are voided with who/when/why, never deleted.
-- Coordinates are WGS-84 degrees; both or neither.

CREATE TABLE res_teams (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  strength      INTEGER NOT NULL CHECK (strength >= 0),
  equipment     TEXT,
  leader        TEXT NOT NULL,
  phone         TEXT NOT NULL,
  township_code TEXT,
  address       TEXT,
  lat           REAL,
  lng           REAL,
  note          TEXT,
  created_by    TEXT NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL))
) STRICT;
CREATE INDEX res_teams_station ON res_teams(station_id, name);

CREATE TABLE res_experts (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  field         TEXT NOT NULL,
  unit          TEXT,
  title         TEXT,
  phone         TEXT NOT NULL,
  township_code TEXT,
  note          TEXT,
  created_by    TEXT NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX res_experts_station ON res_experts(station_id, name);

CREATE TABLE res_shelters (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  capacity      INTEGER NOT NULL CHECK (capacity >= 0),
  facilities    TEXT,
  manager       TEXT NOT NULL,
  phone         TEXT NOT NULL,
  township_code TEXT,
  address       TEXT NOT NULL,
  lat           REAL,
  lng           REAL,
  note          TEXT,
  created_by    TEXT NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL))
) STRICT;
CREATE INDEX res_shelters_station ON res_shelters(station_id, name);

CREATE TABLE res_hazards (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  monitor       TEXT NOT NULL,
  phone         TEXT NOT NULL,
  township_code TEXT,
  address       TEXT NOT NULL,
  lat           REAL,
  lng           REAL,
  note          TEXT,
  created_by    TEXT NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL))
) STRICT;
CREATE INDEX res_hazards_station ON res_hazards(station_id, name);
