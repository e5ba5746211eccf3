-- Message events received but not yet handled. Bolt acks an event before its listener runs, and Slack never
-- redelivers an acked event: so the event is written here first (before the ack) and deleted once handled.
-- A crash in between leaves the row, and the next start handles it (the usual dedupe keeps that exactly-once).
CREATE TABLE inbox (
  event_id    TEXT PRIMARY KEY,
  team_id     TEXT,
  -- The author, so "forget me" can remove an event that still holds their words.
  user_id     TEXT,
  body_json   TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
