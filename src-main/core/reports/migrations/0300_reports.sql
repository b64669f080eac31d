-- Information reporting (信息报送). Times are UTC epoch ms. Nothing is hard-deleted.
-- A chain is one reporting process: an incident (chain id = incident id) or a standalone
-- disaster-statistics process. Reports in a chain: 初报 → 续报一… → 终报 / 核报, plus 日报.

CREATE TABLE report_chains (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL REFERENCES station(id),
  incident_id   TEXT UNIQUE REFERENCES incidents(id),
  template_id   TEXT NOT NULL,
  title         TEXT NOT NULL,
  -- Standalone chains carry their own facts; incident chains read them from the incident.
  class_code    TEXT,
  grade         TEXT CHECK (grade IN ('I', 'II', 'III', 'IV')),
  disaster_type TEXT,
  received_at   INTEGER NOT NULL,
  occurred_at   INTEGER,
  stabilised_at INTEGER,
  daily_mode    INTEGER NOT NULL DEFAULT 0,
  -- Set when the final / verified report is sent: no more obligations.
  done_at       INTEGER,
  next_no       INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX report_chains_open ON report_chains(created_at) WHERE done_at IS NULL;

CREATE TABLE reports (
  n                 INTEGER PRIMARY KEY,
  id                TEXT NOT NULL UNIQUE,
  station_id        TEXT NOT NULL REFERENCES station(id),
  chain_id          TEXT NOT NULL REFERENCES report_chains(id),
  incident_id       TEXT REFERENCES incidents(id),
  template_id       TEXT NOT NULL,
  template_version  INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  stage             TEXT NOT NULL CHECK (stage IN ('initial', 'followup', 'final', 'verified', 'daily')),
  seq               INTEGER NOT NULL DEFAULT 0,
  title             TEXT NOT NULL,
  no                TEXT,
  data              TEXT NOT NULL CHECK (json_valid(data)),
  explanation       TEXT,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'signed', 'sent', 'voided')),
  supersedes        TEXT REFERENCES reports(id),
  superseded_by     TEXT REFERENCES reports(id),
  correction_reason TEXT,
  return_note       TEXT,
  author_id         TEXT NOT NULL REFERENCES users(id),
  author_name       TEXT NOT NULL,
  submitted_at      INTEGER,
  signed_by         TEXT REFERENCES users(id),
  signed_by_name    TEXT,
  signed_at         INTEGER,
  sent_at           INTEGER,
  sent_via          TEXT CHECK (sent_via IN ('phone', 'fax', 'document', 'sync')),
  sent_to           TEXT,
  sent_by           TEXT REFERENCES users(id),
  sent_by_name      TEXT,
  sent_note         TEXT,
  outbox_ref        TEXT,
  due_at            INTEGER,
  late              INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  late_reason       TEXT,
  voided_at         INTEGER,
  voided_by         TEXT,
  void_reason       TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX reports_chain ON reports(chain_id, created_at);
CREATE INDEX reports_incident ON reports(incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX reports_created ON reports(created_at);
CREATE INDEX reports_status ON reports(status, created_at);
CREATE INDEX reports_stage ON reports(stage, created_at);
CREATE INDEX reports_sent ON reports(chain_id, sent_at) WHERE sent_at IS NOT NULL;

-- Signed = frozen, enforced by the database: the content of a signed or sent report never changes.
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports
WHEN OLD.status IN ('signed', 'sent') AND (
  NEW.data IS NOT OLD.data OR NEW.explanation IS NOT OLD.explanation OR NEW.no IS NOT OLD.no
  OR NEW.signed_by IS NOT OLD.signed_by OR NEW.signed_at IS NOT OLD.signed_at OR NEW.stage IS NOT OLD.stage
  OR NEW.seq IS NOT OLD.seq OR NEW.title IS NOT OLD.title OR NEW.status NOT IN ('signed', 'sent')
  OR (OLD.status = 'sent' AND (NEW.sent_at IS NOT OLD.sent_at OR NEW.sent_to IS NOT OLD.sent_to OR NEW.sent_via IS NOT OLD.sent_via
      OR NEW.late IS NOT OLD.late OR NEW.late_reason IS NOT OLD.late_reason)))
BEGIN SELECT RAISE(ABORT, 'a signed report is frozen'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;

-- Timeliness: one row per deadline met (or met late). A late mark is permanent (迟报).
CREATE TABLE report_timeliness (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL REFERENCES station(id),
  chain_id       TEXT NOT NULL REFERENCES report_chains(id),
  incident_id    TEXT REFERENCES incidents(id),
  report_id      TEXT REFERENCES reports(id),
  rule_id        TEXT NOT NULL,
  stage          TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  channel        TEXT NOT NULL,
  due_at         INTEGER NOT NULL,
  met_at         INTEGER NOT NULL,
  late           INTEGER NOT NULL CHECK (late IN (0, 1)),
  reason         TEXT,
  reason_by      TEXT REFERENCES users(id),
  reason_by_name TEXT,
  reason_at      INTEGER,
  created_at     INTEGER NOT NULL,
  CHECK (late = 0 OR reason IS NOT NULL)
) STRICT;
CREATE INDEX report_timeliness_due ON report_timeliness(due_at, stage);
CREATE INDEX report_timeliness_chain ON report_timeliness(chain_id);
CREATE TRIGGER report_timeliness_no_delete BEFORE DELETE ON report_timeliness
BEGIN SELECT RAISE(ABORT, 'timeliness records are permanent'); END;
CREATE TRIGGER report_timeliness_fixed BEFORE UPDATE ON report_timeliness
WHEN NEW.late IS NOT OLD.late OR NEW.due_at IS NOT OLD.due_at OR NEW.met_at IS NOT OLD.met_at OR NEW.report_id IS NOT OLD.report_id
BEGIN SELECT RAISE(ABORT, 'timeliness records are permanent'); END;

-- Station overrides of the national default deadline rules (resources/reports/deadline-rules.json).
CREATE TABLE report_rule_overrides (
  rule_id         TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL REFERENCES station(id),
  enabled         INTEGER,
  params          TEXT CHECK (params IS NULL OR json_valid(params)),
  note            TEXT,
  updated_by      TEXT NOT NULL REFERENCES users(id),
  version         INTEGER NOT NULL DEFAULT 1,
  updated_at      INTEGER NOT NULL
) STRICT;

-- Each time a signed report goes out: by phone first, then in writing (fax, document), or
-- through the sync outbox to the parent station. Append-only.
CREATE TABLE report_sends (
  id           TEXT PRIMARY KEY,
  station_id   TEXT NOT NULL REFERENCES station(id),
  report_id    TEXT NOT NULL REFERENCES reports(id),
  chain_id     TEXT NOT NULL REFERENCES report_chains(id),
  via          TEXT NOT NULL CHECK (via IN ('phone', 'fax', 'document', 'sync')),
  recipient    TEXT NOT NULL,
  sent_at      INTEGER NOT NULL,
  note         TEXT,
  outbox_ref   TEXT,
  late         INTEGER NOT NULL DEFAULT 0,
  late_reason  TEXT,
  by_id        TEXT NOT NULL REFERENCES users(id),
  by_name      TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX report_sends_report ON report_sends(report_id);
CREATE INDEX report_sends_chain ON report_sends(chain_id, sent_at);
CREATE TRIGGER report_sends_no_update BEFORE UPDATE ON report_sends
BEGIN SELECT RAISE(ABORT, 'report_sends is append-only'); END;
CREATE TRIGGER report_sends_no_delete BEFORE DELETE ON report_sends
BEGIN SELECT RAISE(ABORT, 'report_sends is append-only'); END;
