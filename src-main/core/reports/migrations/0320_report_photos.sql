-- Scene photos attached to a report itself (a standalone 快报表 has no incident to hold them).
-- Kept per chain, so the 续报 keeps the photos of the 初报; report_id is the report they were added
-- through. The file lives in attachments/<sha256> like incident attachments. Never deleted:
-- voiding records who, when and why.
CREATE TABLE report_photos (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL REFERENCES station(id),
  chain_id        TEXT NOT NULL REFERENCES report_chains(id),
  report_id       TEXT NOT NULL REFERENCES reports(id),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
  name            TEXT NOT NULL,
  mime            TEXT NOT NULL CHECK (mime LIKE 'image/%'),
  size            INTEGER NOT NULL CHECK (size > 0),
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  voided_at       INTEGER,
  voided_by       TEXT REFERENCES users(id),
  voided_by_name  TEXT,
  void_reason     TEXT,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX report_photos_chain ON report_photos(chain_id, created_at);
CREATE TRIGGER report_photos_no_delete BEFORE DELETE ON report_photos
BEGIN SELECT RAISE(ABORT, 'report photos are voided, never deleted'); END;
