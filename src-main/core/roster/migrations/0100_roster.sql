-- Duty roster (排班), on-duty sign-in/out, handover (交接班) and the duty log (值班日志).
-- Times are UTC epoch ms; calendar dates are the station's local 'YYYY-MM-DD'. Nothing is hard-deleted.

-- People who can take duty, and the duty phone list (通讯录).
CREATE TABLE roster_people (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL REFERENCES station(id),
  name            TEXT NOT NULL,
  unit            TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL DEFAULT '',
  mobile          TEXT NOT NULL DEFAULT '',
  office_phone    TEXT NOT NULL DEFAULT '',
  duty_roles      TEXT NOT NULL CHECK (json_valid(duty_roles) AND json_type(duty_roles) = 'array'),
  user_id         TEXT REFERENCES users(id),
  note            TEXT NOT NULL DEFAULT '',
  sort            INTEGER NOT NULL DEFAULT 0,
  disabled_at     INTEGER,
  disabled_by     TEXT,
  disabled_reason TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX roster_people_user ON roster_people(user_id) WHERE user_id IS NOT NULL AND disabled_at IS NULL;
CREATE INDEX roster_people_list ON roster_people(station_id, unit, sort, name);

CREATE TABLE roster_contacts (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  category    TEXT NOT NULL CHECK (category IN ('unit', 'leader', 'hotline')),
  org         TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  mobile      TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  voided_at   INTEGER,
  voided_by   TEXT,
  void_reason TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX roster_contacts_list ON roster_contacts(station_id, category, org);

-- Shift pattern: the shifts of a day (start minute in local time, duration). They never overlap.
CREATE TABLE roster_shifts (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL REFERENCES station(id),
  name             TEXT NOT NULL,
  start_minute     INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 60 AND 1440),
  sort             INTEGER NOT NULL DEFAULT 0,
  voided_at        INTEGER,
  voided_by        TEXT,
  void_reason      TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;

-- Positions every shift needs (带班领导 1, 值班员 1–2 ...).
CREATE TABLE roster_positions (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  name        TEXT NOT NULL,
  duty_role   TEXT NOT NULL CHECK (duty_role IN ('leader', 'operator')),
  min_count   INTEGER NOT NULL CHECK (min_count BETWEEN 0 AND 5),
  max_count   INTEGER NOT NULL CHECK (max_count BETWEEN 1 AND 5 AND max_count >= min_count),
  sort        INTEGER NOT NULL DEFAULT 0,
  voided_at   INTEGER,
  voided_by   TEXT,
  void_reason TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE roster_rules (
  station_id      TEXT PRIMARY KEY REFERENCES station(id),
  min_rest_hours  INTEGER NOT NULL DEFAULT 12,
  max_consecutive INTEGER NOT NULL DEFAULT 2,
  version         INTEGER NOT NULL DEFAULT 1,
  updated_at      INTEGER NOT NULL
) STRICT;

-- Station corrections to the official holiday / make-up workday calendar (chinese-days package).
CREATE TABLE roster_calendar (
  station_id TEXT NOT NULL REFERENCES station(id),
  date       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('auto', 'workday', 'weekend', 'holiday', 'makeup')),
  name       TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (station_id, date)
) STRICT;

CREATE TABLE roster_leave (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  person_id   TEXT NOT NULL REFERENCES roster_people(id),
  from_date   TEXT NOT NULL,
  to_date     TEXT NOT NULL CHECK (to_date >= from_date),
  kind        TEXT NOT NULL CHECK (kind IN ('leave', 'unavailable', 'training', 'trip')),
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  voided_at   INTEGER,
  voided_by   TEXT,
  void_reason TEXT
) STRICT;
CREATE INDEX roster_leave_dates ON roster_leave(station_id, to_date, from_date) WHERE voided_at IS NULL;

-- A month: draft until published, then frozen (changes only through swaps/substitutions).
CREATE TABLE roster_months (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL REFERENCES station(id),
  month            TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  published_at     INTEGER,
  published_by     TEXT,
  accepted_reason  TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (station_id, month)
) STRICT;

-- One person in one slot of one position of one shift on one date. Replaced rows are voided.
CREATE TABLE roster_assignments (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  date        TEXT NOT NULL,
  shift_id    TEXT NOT NULL REFERENCES roster_shifts(id),
  position_id TEXT NOT NULL REFERENCES roster_positions(id),
  slot        INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 4),
  person_id   TEXT NOT NULL REFERENCES roster_people(id),
  start_at    INTEGER NOT NULL,
  end_at      INTEGER NOT NULL CHECK (end_at > start_at),
  source      TEXT NOT NULL CHECK (source IN ('manual', 'generated', 'swap', 'substitute')),
  change_id   TEXT,
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  voided_at   INTEGER,
  voided_by   TEXT,
  void_reason TEXT
) STRICT;
CREATE UNIQUE INDEX roster_assign_cell ON roster_assignments(station_id, date, shift_id, position_id, slot) WHERE voided_at IS NULL;
CREATE INDEX roster_assign_start ON roster_assignments(start_at) WHERE voided_at IS NULL;
CREATE INDEX roster_assign_person ON roster_assignments(person_id, start_at) WHERE voided_at IS NULL;

-- Swaps and substitutions after publishing: who, whom, why, approved by.
CREATE TABLE roster_changes (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL REFERENCES station(id),
  kind           TEXT NOT NULL CHECK (kind IN ('swap', 'substitute')),
  month          TEXT NOT NULL,
  assignment_a   TEXT NOT NULL,
  assignment_b   TEXT,
  person_from    TEXT NOT NULL REFERENCES roster_people(id),
  person_to      TEXT NOT NULL REFERENCES roster_people(id),
  reason         TEXT NOT NULL,
  approved_by    TEXT NOT NULL,
  created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX roster_changes_month ON roster_changes(station_id, month);

CREATE TABLE roster_signins (
  id                 TEXT PRIMARY KEY,
  station_id         TEXT NOT NULL REFERENCES station(id),
  assignment_id      TEXT NOT NULL REFERENCES roster_assignments(id),
  person_id          TEXT NOT NULL REFERENCES roster_people(id),
  user_id            TEXT NOT NULL REFERENCES users(id),
  start_at           INTEGER NOT NULL,
  end_at             INTEGER NOT NULL,
  substitute_for     TEXT REFERENCES roster_people(id),
  substitute_reason  TEXT,
  signed_in_at       INTEGER NOT NULL,
  signed_out_at      INTEGER,
  sign_out_reason    TEXT,
  flagged            INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX roster_signins_start ON roster_signins(start_at);
CREATE INDEX roster_signins_user ON roster_signins(user_id, signed_out_at);

CREATE TABLE roster_handovers (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL REFERENCES station(id),
  date             TEXT NOT NULL,
  shift_id         TEXT NOT NULL REFERENCES roster_shifts(id),
  start_at         INTEGER NOT NULL,
  end_at           INTEGER NOT NULL,
  situation        TEXT NOT NULL,
  problems         TEXT NOT NULL,
  tasks            TEXT NOT NULL,
  open_matters     TEXT NOT NULL CHECK (json_valid(open_matters)),
  outgoing_user_id TEXT NOT NULL REFERENCES users(id),
  incoming_user_id TEXT REFERENCES users(id),
  acknowledged_at  INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'acknowledged')),
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (station_id, date, shift_id)
) STRICT;

CREATE TABLE roster_log_entries (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  date        TEXT NOT NULL,
  shift_id    TEXT NOT NULL REFERENCES roster_shifts(id),
  at          INTEGER NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id),
  text        TEXT NOT NULL,
  voided_at   INTEGER,
  voided_by   TEXT,
  void_reason TEXT
) STRICT;
CREATE INDEX roster_log_shift ON roster_log_entries(station_id, date, shift_id);

-- The duty log reads the audit chain by time window.
CREATE INDEX IF NOT EXISTS audit_at ON audit_log(at);
