-- Staffing minimum per shift (standards §6: city level ≥4 people, county ≥3, township set by the
-- station): a station setting the roster checks. NULL: not set (no check).
ALTER TABLE roster_rules ADD COLUMN min_per_shift INTEGER CHECK (min_per_shift IS NULL OR min_per_shift BETWEEN 1 AND 20);
