-- Incident log (接报登记). Times are UTC epoch ms. Nothing is hard-deleted; the timeline is append-only.
-- `n` is a stable integer key (FTS rowid; VACUUM never renumbers an INTEGER PRIMARY KEY).

CREATE TABLE incidents (
  n               INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  station_id      TEXT NOT NULL REFERENCES station(id),
  year            INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  occurred_at     INTEGER,
  source          TEXT NOT NULL,
  caller_unit     TEXT,
  caller_name     TEXT,
  caller_title    TEXT,
  caller_phone    TEXT,
  township_code   TEXT REFERENCES places(code),
  village_code    TEXT REFERENCES places(code),
  place_text      TEXT,
  lat             REAL,
  lng             REAL,
  class_code      TEXT NOT NULL,
  type_code       TEXT NOT NULL,
  accident_type   TEXT,
  industry        TEXT,
  summary         TEXT NOT NULL CHECK (length(summary) > 0),
  dead            INTEGER NOT NULL DEFAULT 0 CHECK (dead >= 0),
  injured         INTEGER NOT NULL DEFAULT 0 CHECK (injured >= 0),
  serious         INTEGER NOT NULL DEFAULT 0 CHECK (serious >= 0),
  missing         INTEGER NOT NULL DEFAULT 0 CHECK (missing >= 0),
  trapped         INTEGER NOT NULL DEFAULT 0 CHECK (trapped >= 0),
  evacuated       INTEGER NOT NULL DEFAULT 0 CHECK (evacuated >= 0),
  direct_loss     INTEGER CHECK (direct_loss >= 0),
  measures        TEXT,
  informed        TEXT,
  trend           TEXT,
  grade           TEXT CHECK (grade IN ('I', 'II', 'III', 'IV')),
  grade_suggested TEXT CHECK (grade_suggested IN ('I', 'II', 'III', 'IV')),
  grade_overridden INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'handling', 'closed')),
  flagged         INTEGER NOT NULL DEFAULT 0,
  merged_into     TEXT REFERENCES incidents(id),
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  closed_at       INTEGER,
  UNIQUE (year, seq)
) STRICT;

-- One index per served filter/sort, each ending in received_at so a filtered page is read in order.
CREATE INDEX incidents_received ON incidents(received_at);
CREATE INDEX incidents_occurred ON incidents(occurred_at);
CREATE INDEX incidents_status ON incidents(status, received_at);
CREATE INDEX incidents_township ON incidents(township_code, received_at);
CREATE INDEX incidents_type ON incidents(class_code, type_code, received_at);
CREATE INDEX incidents_grade ON incidents(grade, received_at);
CREATE INDEX incidents_flagged ON incidents(received_at) WHERE flagged = 1;
CREATE INDEX incidents_open ON incidents(received_at) WHERE status <> 'closed' AND merged_into IS NULL;
CREATE INDEX incidents_merged ON incidents(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE incident_entries (
  n           INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  station_id  TEXT NOT NULL REFERENCES station(id),
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  kind        TEXT NOT NULL CHECK (kind IN ('intake', 'followup', 'action', 'instruction', 'dispatch', 'casualty',
                'correction', 'status', 'grade', 'flag', 'ack', 'merge', 'attachment')),
  at          INTEGER NOT NULL,
  body        TEXT NOT NULL,
  data        TEXT CHECK (data IS NULL OR json_valid(data)),
  author_id   TEXT NOT NULL REFERENCES users(id),
  author_name TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX incident_entries_incident ON incident_entries(incident_id, at);

-- Append-only, enforced by the database itself: corrections are new entries.
CREATE TRIGGER incident_entries_no_update BEFORE UPDATE ON incident_entries
BEGIN SELECT RAISE(ABORT, 'incident_entries is append-only'); END;
CREATE TRIGGER incident_entries_no_delete BEFORE DELETE ON incident_entries
BEGIN SELECT RAISE(ABORT, 'incident_entries is append-only'); END;

-- Leader attention: every new incident and every flag starts an escalation timer (standards §6);
-- the acknowledgement (in the app, or by phone recorded by the operator) stops it.
CREATE TABLE incident_attention (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL REFERENCES station(id),
  incident_id   TEXT NOT NULL REFERENCES incidents(id),
  entry_id      TEXT REFERENCES incident_entries(id),
  reason        TEXT NOT NULL,
  raised_by     TEXT NOT NULL REFERENCES users(id),
  raised_by_name TEXT NOT NULL,
  raised_at     INTEGER NOT NULL,
  due_at        INTEGER NOT NULL,
  acked_at      INTEGER,
  acked_by      TEXT REFERENCES users(id),
  acked_by_name TEXT,
  ack_via       TEXT CHECK (ack_via IN ('app', 'phone')),
  leader_name   TEXT,
  ack_note      TEXT
) STRICT;
CREATE INDEX incident_attention_incident ON incident_attention(incident_id);
CREATE INDEX incident_attention_pending ON incident_attention(due_at) WHERE acked_at IS NULL;

CREATE TABLE incident_attachments (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL REFERENCES station(id),
  incident_id   TEXT NOT NULL REFERENCES incidents(id),
  sha256        TEXT NOT NULL,
  name          TEXT NOT NULL,
  mime          TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size > 0),
  thumb         TEXT,
  created_by    TEXT NOT NULL REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  voided_at     INTEGER,
  voided_by     TEXT,
  void_reason   TEXT
) STRICT;
CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id);

-- Full text, one document per incident (summary, place, caller, measures, every timeline entry).
-- Contentless: the text lives in the tables above; rowid = incidents.n.
-- 3+ characters: trigram tokenizer. 1–2 characters: the same text pre-split into overlapping
-- bigrams (+ each run's last character) in JS, tokenised by unicode61 — "火灾" is a token query,
-- "火" a prefix query.
CREATE VIRTUAL TABLE incident_fts_tri USING fts5(t, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE incident_fts_bi USING fts5(t, tokenize = 'unicode61', content = '', contentless_delete = 1, detail = 'none');
