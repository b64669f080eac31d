-- Early warnings (预警). Times are UTC epoch ms. Nothing is hard-deleted; the timeline is append-only.
-- Deadlines are fixed at receipt from the rule set then in force (a later rule change does not
-- move a deadline already running, as with reports' timeliness records).

CREATE TABLE warnings (
  n                   INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  station_id          TEXT NOT NULL REFERENCES station(id),
  year                INTEGER NOT NULL,
  seq                 INTEGER NOT NULL,
  issuer              TEXT NOT NULL CHECK (length(issuer) > 0),
  kind                TEXT NOT NULL CHECK (length(kind) > 0),
  level               INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  doc_no              TEXT,
  valid_from          INTEGER NOT NULL,
  valid_until         INTEGER,
  received_at         INTEGER NOT NULL,
  text                TEXT NOT NULL CHECK (length(text) > 0),
  lifted_at           INTEGER,
  leader_due_at       INTEGER,
  leader_notified_at  INTEGER,
  leader_via          TEXT CHECK (leader_via IN ('app', 'phone')),
  leader_name         TEXT,
  leader_instruction  TEXT,
  leader_late_reason  TEXT,
  leader_recorded_by  TEXT REFERENCES users(id),
  forward_due_at      INTEGER,
  created_by          TEXT NOT NULL REFERENCES users(id),
  created_by_name     TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  UNIQUE (year, seq)
) STRICT;
CREATE INDEX warnings_received ON warnings(received_at);
CREATE INDEX warnings_active ON warnings(received_at) WHERE lifted_at IS NULL;

-- The area: townships and villages of the station's divisions.
CREATE TABLE warning_areas (
  warning_id  TEXT NOT NULL REFERENCES warnings(id),
  place_code  TEXT NOT NULL REFERENCES places(code),
  PRIMARY KEY (warning_id, place_code)
) STRICT;

CREATE TABLE warning_entries (
  n           INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  station_id  TEXT NOT NULL REFERENCES station(id),
  warning_id  TEXT NOT NULL REFERENCES warnings(id),
  kind        TEXT NOT NULL CHECK (kind IN ('intake', 'leader', 'recipients', 'notified', 'confirmed',
                'upgrade', 'downgrade', 'extend', 'lift', 'attachment', 'note')),
  at          INTEGER NOT NULL,
  body        TEXT NOT NULL,
  level       INTEGER CHECK (level BETWEEN 1 AND 4),
  valid_until INTEGER,
  author_id   TEXT NOT NULL REFERENCES users(id),
  author_name TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX warning_entries_warning ON warning_entries(warning_id, at);
CREATE INDEX warning_entries_at ON warning_entries(at);
CREATE TRIGGER warning_entries_no_update BEFORE UPDATE ON warning_entries
BEGIN SELECT RAISE(ABORT, 'warning_entries is append-only'); END;
CREATE TRIGGER warning_entries_no_delete BEFORE DELETE ON warning_entries
BEGIN SELECT RAISE(ABORT, 'warning_entries is append-only'); END;

-- The forwarding list: one row per recipient, 待通知 → 已通知 → 已回执.
CREATE TABLE warning_recipients (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL REFERENCES station(id),
  warning_id       TEXT NOT NULL REFERENCES warnings(id),
  sort             INTEGER NOT NULL,
  name             TEXT NOT NULL CHECK (length(name) > 0),
  unit             TEXT NOT NULL DEFAULT '',
  township_code    TEXT REFERENCES places(code),
  phone            TEXT NOT NULL DEFAULT '',
  channel          TEXT NOT NULL CHECK (channel IN ('phone', 'fax', 'sms')),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'notified', 'confirmed')),
  notified_at      INTEGER,
  notified_by      TEXT REFERENCES users(id),
  notified_by_name TEXT,
  late_reason      TEXT,
  confirmed_at     INTEGER,
  confirmed_name   TEXT,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT,
  created_by       TEXT NOT NULL REFERENCES users(id),
  created_at       INTEGER NOT NULL,
  CHECK (status = 'pending' OR notified_at IS NOT NULL),
  CHECK (status <> 'confirmed' OR confirmed_at IS NOT NULL)
) STRICT;
CREATE INDEX warning_recipients_warning ON warning_recipients(warning_id, sort);
-- A receipt once recorded stays: status only moves forward.
CREATE TRIGGER warning_recipients_forward BEFORE UPDATE ON warning_recipients
WHEN (OLD.status = 'notified' AND NEW.status = 'pending') OR (OLD.status = 'confirmed' AND NEW.status <> 'confirmed')
BEGIN SELECT RAISE(ABORT, 'receipt status only moves forward'); END;
CREATE TRIGGER warning_recipients_no_delete BEFORE DELETE ON warning_recipients
BEGIN SELECT RAISE(ABORT, 'warning_recipients are permanent'); END;

-- Station overrides of the default deadline rules (resources/warnings/deadline-rules.json).
CREATE TABLE warning_rule_overrides (
  rule_id     TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  enabled     INTEGER,
  minutes     INTEGER CHECK (minutes IS NULL OR minutes > 0),
  note        TEXT,
  updated_by  TEXT NOT NULL REFERENCES users(id),
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  INTEGER NOT NULL
) STRICT;

-- Files kept with a warning (the issuer's notice, a chart), content-addressed under attachments/.
CREATE TABLE warning_attachments (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL REFERENCES station(id),
  warning_id      TEXT NOT NULL REFERENCES warnings(id),
  sha256          TEXT NOT NULL,
  name            TEXT NOT NULL,
  mime            TEXT NOT NULL,
  size            INTEGER NOT NULL CHECK (size > 0),
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX warning_attachments_warning ON warning_attachments(warning_id);
