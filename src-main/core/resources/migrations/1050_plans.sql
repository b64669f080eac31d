-- Contingency plans register (应急预案): level, category, the incident class (and types) it answers,
-- owner unit, version, approval and revision dates (station-local 'YYYY-MM-DD'), response levels and
-- contacts. The periodic assessment falls due planReviewYears after the later of the two dates.

CREATE TABLE res_plans (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  level           TEXT NOT NULL,
  category        TEXT NOT NULL,
  class_code      TEXT NOT NULL,
  type_codes      TEXT,
  owner_unit      TEXT NOT NULL,
  plan_version    TEXT NOT NULL,
  approved_on     TEXT NOT NULL,
  revised_on      TEXT,
  response_levels TEXT,
  contacts        TEXT,
  phone           TEXT,
  note            TEXT,
  created_by      TEXT NOT NULL,
  voided_at       INTEGER,
  voided_by       TEXT,
  void_reason     TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX res_plans_class ON res_plans(class_code);

-- One row per station: the assessment cycle (years) and how early the board shows a plan falling due.
CREATE TABLE res_settings (
  station_id              TEXT PRIMARY KEY,
  plan_review_years       INTEGER NOT NULL DEFAULT 3 CHECK (plan_review_years BETWEEN 1 AND 10),
  plan_review_notice_days INTEGER NOT NULL DEFAULT 60 CHECK (plan_review_notice_days BETWEEN 0 AND 365),
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL
) STRICT;
