-- A phone report recorded after the call may carry an earlier time only with a reason (standards §1 时限).
ALTER TABLE report_sends ADD COLUMN backdate_reason TEXT;
