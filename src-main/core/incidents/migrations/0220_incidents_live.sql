-- The grid's rows by default: records not merged into another (issue 19). The plain count and the
-- first page read this narrow index alone, newest first, instead of visiting table rows to test
-- merged_into. ANALYZE so the planner knows how selective it is.
CREATE INDEX incidents_live ON incidents(received_at) WHERE merged_into IS NULL;
ANALYZE incidents;
