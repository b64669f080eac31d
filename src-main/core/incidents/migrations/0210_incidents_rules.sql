-- Accident records with missing persons: re-grading when their window closes (standards §2).
CREATE INDEX incidents_missing ON incidents(received_at) WHERE missing > 0 AND merged_into IS NULL;
