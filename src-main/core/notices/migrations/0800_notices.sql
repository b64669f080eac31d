-- 通知 (notices) issued by a district station, sent down to township stations by sync (kind
-- 'notice' in sync_master there), and the receipts townships send back up. Times UTC epoch ms.
-- Nothing is hard-deleted.

-- The district's notices. Only issued notices exist (no drafts): every row goes down.
-- to_stations: the connected townships' own station ids (JSON array), so each township picks its own.
CREATE TABLE notices (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  no              TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length(title) > 0),
  body            TEXT NOT NULL,
  to_stations     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(to_stations)),
  receipt_due_at  INTEGER,
  origin_name     TEXT NOT NULL,
  issued_by       TEXT NOT NULL,
  issued_by_name  TEXT NOT NULL,
  issued_at       INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (station_id, no)
) STRICT;
CREATE INDEX notices_issued ON notices(issued_at DESC);

-- The district's recipient lines: a registered township (sync_stations.id) or a person by phone.
CREATE TABLE notice_recipients (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL,
  notice_id        TEXT NOT NULL REFERENCES notices(id),
  kind             TEXT NOT NULL CHECK (kind IN ('station', 'person')),
  reg_id           TEXT,
  to_station_id    TEXT,
  name             TEXT NOT NULL,
  phone            TEXT NOT NULL DEFAULT '',
  unit             TEXT,
  manual_at        INTEGER,
  manual_by        TEXT,
  manual_by_name   TEXT,
  manual_note      TEXT,
  manual_reply     TEXT,
  reminded_at      INTEGER,
  reminders        INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK (kind = 'person' OR reg_id IS NOT NULL)
) STRICT;
CREATE INDEX notice_recipients_notice ON notice_recipients(notice_id);

-- Reminders given (who, when, how), kept as a list.
CREATE TABLE notice_reminders (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  recipient_id  TEXT NOT NULL REFERENCES notice_recipients(id),
  at            INTEGER NOT NULL,
  by_id         TEXT NOT NULL,
  by_name       TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT ''
) STRICT;

-- A township's receipt (已收到, with an optional reply): travels up (core/sync/travelling.ts).
-- One per notice and station; a reply added later updates it (and travels again).
CREATE TABLE notice_receipts (
  id                TEXT PRIMARY KEY,
  station_id        TEXT NOT NULL,
  notice_id         TEXT NOT NULL,
  received_by       TEXT NOT NULL,
  received_by_name  TEXT NOT NULL,
  received_at       INTEGER NOT NULL,
  reply             TEXT,
  replied_at        INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  UNIQUE (station_id, notice_id)
) STRICT;
