-- 零报告 (zero reporting, standards §6): periods the district defines (sent down, kind
-- 'zero_report_period'), per-township deadline overrides (sent down, kind 'zero_report_rule'),
-- the townships' daily reports (travel up), the district's manual entries and reminders.
-- Times UTC epoch ms; dates are the station's local dates. Nothing is hard-deleted.

CREATE TABLE zr_periods (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  kind            TEXT NOT NULL CHECK (kind IN ('flood', 'holiday', 'event')),
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  deadline_minute INTEGER NOT NULL CHECK (deadline_minute BETWEEN 0 AND 1439),
  note            TEXT NOT NULL DEFAULT '',
  origin_name     TEXT NOT NULL,
  voided_at       INTEGER,
  voided_by       TEXT,
  void_reason     TEXT,
  created_by      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK (end_date >= start_date)
) STRICT;

-- A township's own deadline in a period (deadline_minute NULL: the override was lifted).
CREATE TABLE zr_rules (
  id                 TEXT PRIMARY KEY,
  station_id         TEXT NOT NULL,
  period_id          TEXT NOT NULL REFERENCES zr_periods(id),
  reg_id             TEXT NOT NULL,
  target_station_id  TEXT,
  deadline_minute    INTEGER CHECK (deadline_minute BETWEEN 0 AND 1439),
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (period_id, reg_id)
) STRICT;

-- A daily report. At a township: its own (station_id = for_station, for_reg_id ''), travels up.
-- At the district: one taken by phone for a township (for_reg_id = its registration), stays there.
CREATE TABLE zr_reports (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  for_reg_id      TEXT NOT NULL DEFAULT '',
  period_id       TEXT NOT NULL,
  day             TEXT NOT NULL,
  content         TEXT NOT NULL CHECK (content IN ('none', 'incidents')),
  incidents       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(incidents)),
  note            TEXT NOT NULL DEFAULT '',
  filed_at        INTEGER NOT NULL,
  filed_by        TEXT NOT NULL,
  filed_by_name   TEXT NOT NULL,
  due_at          INTEGER NOT NULL,
  late            INTEGER NOT NULL CHECK (late IN (0, 1)),
  late_reason     TEXT,
  via             TEXT NOT NULL CHECK (via IN ('app', 'phone')),
  caller          TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK (late = 0 OR length(coalesce(late_reason, '')) > 0),
  UNIQUE (station_id, for_reg_id, period_id, day)
) STRICT;

CREATE TABLE zr_reminders (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  period_id   TEXT NOT NULL REFERENCES zr_periods(id),
  reg_id      TEXT NOT NULL,
  day         TEXT NOT NULL,
  at          INTEGER NOT NULL,
  by_id       TEXT NOT NULL,
  by_name     TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX zr_reminders_cell ON zr_reminders(period_id, reg_id, day);
