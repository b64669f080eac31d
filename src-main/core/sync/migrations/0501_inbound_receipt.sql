-- A dispatch order that came down is booked into the township's ledger as a receipt document.
ALTER TABLE sync_inbound ADD COLUMN receipt_doc_id TEXT;
ALTER TABLE sync_inbound ADD COLUMN booked_at INTEGER;
ALTER TABLE sync_inbound ADD COLUMN booked_by TEXT;
