CREATE TABLE outbox (
  key          TEXT PRIMARY KEY,
  team_id      TEXT NOT NULL,
  user_id      TEXT,
  channel_id   TEXT NOT NULL,
  thread_ts    TEXT,
  payload_json TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
  sent_ts      TEXT,
  created_at   BIGINT NOT NULL
);
CREATE INDEX outbox_pending ON outbox (status, created_at);
