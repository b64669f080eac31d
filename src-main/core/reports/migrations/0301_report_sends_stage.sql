-- The deadline engine reads every send of every open chain: carry the report's stage and
-- number on the send (they never change), so that scan stays inside one covering index and
-- never loads report bodies. And the engine's casualty-change lookup gets a partial index.
DROP TRIGGER report_sends_no_update;
ALTER TABLE report_sends ADD COLUMN stage TEXT NOT NULL DEFAULT 'initial';
ALTER TABLE report_sends ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE report_sends SET stage = (SELECT r.stage FROM reports r WHERE r.id = report_sends.report_id),
                        seq = (SELECT r.seq FROM reports r WHERE r.id = report_sends.report_id);
CREATE TRIGGER report_sends_no_update BEFORE UPDATE ON report_sends
BEGIN SELECT RAISE(ABORT, 'report_sends is append-only'); END;
CREATE INDEX report_sends_engine ON report_sends(chain_id, sent_at, stage, seq, via);
CREATE INDEX report_incident_casualty ON incident_entries(incident_id, at) WHERE kind = 'casualty';
-- The register's year summary counts by due time, stage and lateness from the index alone.
CREATE INDEX report_timeliness_register ON report_timeliness(due_at, stage, late);
