-- Replies and posts we owe Slack: written (pending) in the same transaction as the state that caused
-- them, marked sent with Slack's ts afterwards. On restart, pending rows are checked against Slack
-- (by message metadata) before they are posted, so a crash neither loses nor doubles a message.
CREATE TABLE outbox (
  key          TEXT PRIMARY KEY,
  team_id      TEXT NOT NULL,
  user_id      TEXT,
  channel_id   TEXT NOT NULL,
  thread_ts    TEXT,
  payload_json TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
  sent_ts      TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX outbox_pending ON outbox (status, created_at);
