-- Replies of mutations that carried an idempotency key, so a retry after a lost reply returns the
-- first outcome instead of writing a second record. Kept for a day; keyed per user.
CREATE TABLE idempotent_replies (
  user_id      TEXT NOT NULL,
  key          TEXT NOT NULL,
  method       TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  reply        TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotent_replies_at ON idempotent_replies(at);
