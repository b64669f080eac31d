-- Archived copies: the exact document as it was when a report was signed and each time it was
-- sent. Its SHA-256 is also written into the audit row of the sign / send. History reprints these
-- bytes, never a re-render. Append-only.
CREATE TABLE report_archives (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL REFERENCES station(id),
  report_id   TEXT NOT NULL REFERENCES reports(id),
  event       TEXT NOT NULL CHECK (event IN ('signed', 'sent')),
  format      TEXT NOT NULL CHECK (format IN ('docx', 'pdf')),
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  size        INTEGER NOT NULL,
  bytes       BLOB NOT NULL,
  by_id       TEXT NOT NULL REFERENCES users(id),
  by_name     TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX report_archives_report ON report_archives(report_id, created_at);
CREATE TRIGGER report_archives_no_update BEFORE UPDATE ON report_archives
BEGIN SELECT RAISE(ABORT, 'archived report copies are permanent'); END;
CREATE TRIGGER report_archives_no_delete BEFORE DELETE ON report_archives
BEGIN SELECT RAISE(ABORT, 'archived report copies are permanent'); END;
