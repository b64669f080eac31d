-- Station calendar years: the State Council General Office's holiday notice for a year, imported by
-- the station (国务院办公厅关于YYYY年部分节假日安排的通知). One row per station and year; the parsed
-- days travel with the row (a district's rows go down to its townships by sync, kind 'holiday_calendar').
-- Re-importing a year replaces its days (version + 1, audited). Nothing is hard-deleted.
CREATE TABLE roster_calendar_years (
  id          TEXT PRIMARY KEY,              -- station_id || ':' || year (one key column for the down flow)
  station_id  TEXT NOT NULL REFERENCES station(id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- [{date, kind: 'holiday' | 'makeup', name}]
  days        TEXT NOT NULL CHECK (json_valid(days) AND json_type(days) = 'array'),
  source_text TEXT NOT NULL,
  imported_by TEXT NOT NULL REFERENCES users(id),
  imported_by_name TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (station_id, year)
) STRICT;
