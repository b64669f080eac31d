-- Materials reporting deadlines (standards §5): the acceptance report of a receipt within 5 working
-- days, issue vouchers within 2 working days, the annual storage report before 10 January; and the
-- dispatch limit of a transfer (12 h, a local rule). The numbers are the station's data (mat_rules).

-- One row per station. tracked_since: documents posted before it (before this rule existed in the
-- station's data) carry no reporting duty, so upgrading a station does not flood it with old "overdue" items.
CREATE TABLE mat_rules (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL,
  acceptance_days  INTEGER NOT NULL DEFAULT 5 CHECK (acceptance_days BETWEEN 1 AND 60),
  issue_days       INTEGER NOT NULL DEFAULT 2 CHECK (issue_days BETWEEN 1 AND 60),
  annual_due       TEXT NOT NULL DEFAULT '01-10' CHECK (annual_due GLOB '[01][0-9]-[0-3][0-9]'),
  transfer_hours   INTEGER NOT NULL DEFAULT 12 CHECK (transfer_hours BETWEEN 1 AND 720),
  tracked_since    INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  updated_by       TEXT,
  updated_at       INTEGER NOT NULL
) STRICT;
INSERT INTO mat_rules (id, station_id, tracked_since, updated_at)
  VALUES ('materials', coalesce((SELECT id FROM station LIMIT 1), ''),
          coalesce((SELECT max(posted_at) + 1 FROM mat_docs), 0), coalesce((SELECT max(posted_at) + 1 FROM mat_docs), 0));

-- A report made (报送): of one document (acceptance of a receipt, voucher of an issue) or of one year
-- (annual storage report). Kept as recorded: due time and lateness are frozen when it is filed.
CREATE TABLE mat_filings (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('acceptance', 'issue', 'annual')),
  doc_id          TEXT REFERENCES mat_docs(id),
  year            INTEGER,
  due_at          INTEGER NOT NULL,
  filed_at        INTEGER NOT NULL,
  recipient       TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  late            INTEGER NOT NULL CHECK (late IN (0, 1)),
  late_reason     TEXT NOT NULL DEFAULT '',
  backdate_reason TEXT NOT NULL DEFAULT '',
  filed_by        TEXT NOT NULL,
  filed_by_name   TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  CHECK ((kind = 'annual') = (doc_id IS NULL)),
  CHECK ((kind = 'annual') = (year IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX mat_filings_doc ON mat_filings(kind, doc_id) WHERE doc_id IS NOT NULL;
CREATE UNIQUE INDEX mat_filings_year ON mat_filings(kind, year) WHERE year IS NOT NULL;
CREATE INDEX mat_filings_filed ON mat_filings(filed_at DESC);
-- Open duties: posted receipts and issues, newest first.
CREATE INDEX mat_docs_duty ON mat_docs(kind, status, posted_at) WHERE kind IN ('receipt', 'issue');
