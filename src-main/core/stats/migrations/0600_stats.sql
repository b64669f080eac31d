-- 规划指标: the figures a station enters per year for the plan's indicators (denominators, and
-- the published counts of years before its records were kept here), each with its source.

CREATE TABLE plan_figures (
  -- The year as text: the key the one versioned write (db/versioned.ts) addresses.
  id                 TEXT PRIMARY KEY CHECK (id = CAST(year AS TEXT)),
  year               INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
  station_id         TEXT NOT NULL REFERENCES station(id),
  gdp                REAL CHECK (gdp > 0),
  industry_employees INTEGER CHECK (industry_employees > 0),
  operating_vehicles INTEGER CHECK (operating_vehicles > 0),
  population         INTEGER CHECK (population > 0),
  production_deaths  INTEGER CHECK (production_deaths >= 0),
  industry_deaths    INTEGER CHECK (industry_deaths >= 0),
  vehicle_deaths     INTEGER CHECK (vehicle_deaths >= 0),
  source             TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  updated_at         INTEGER NOT NULL,
  updated_by         TEXT NOT NULL REFERENCES users(id),
  updated_by_name    TEXT NOT NULL
) STRICT;

-- Statistics aggregate a period of live records: one covering index, read as a range on
-- received_at, holds every column they group, sum or filter on (no table lookups).
CREATE INDEX incidents_stats ON incidents(received_at, class_code, type_code, grade, township_code, industry, dead, injured, missing, direct_loss, merged_into)
  WHERE merged_into IS NULL;
