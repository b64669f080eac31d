-- Accident records with missing persons: re-grading when their window closes (standards §2).
CREATE INDEX incidents_missing ON incidents(received_at) WHERE missing > 0 AND merged_into IS NULL;

-- Phone-record elements with no field until now (standards §6: cause, result, impact).
ALTER TABLE incidents ADD COLUMN cause TEXT;
ALTER TABLE incidents ADD COLUMN result TEXT;
ALTER TABLE incidents ADD COLUMN impact TEXT;

-- 较大涉险事故 criteria that are not casualty counts (standards §1, Decree 21): people endangered,
-- serious environmental pollution, a threat to key sites.
ALTER TABLE incidents ADD COLUMN endangered INTEGER NOT NULL DEFAULT 0 CHECK (endangered >= 0);
ALTER TABLE incidents ADD COLUMN serious_pollution INTEGER NOT NULL DEFAULT 0 CHECK (serious_pollution IN (0, 1));
ALTER TABLE incidents ADD COLUMN key_site_threat INTEGER NOT NULL DEFAULT 0 CHECK (key_site_threat IN (0, 1));
