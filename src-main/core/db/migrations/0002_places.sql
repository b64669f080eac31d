-- The station's administrative places (townships/streets, villages/communities), GB/T 2260 codes.
-- Loaded from resources/divisions at setup; incidents and warehouses pick from here.
CREATE TABLE places (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('township', 'village')),
  parent_code TEXT REFERENCES places(code),
  sort        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX places_parent ON places(parent_code);
