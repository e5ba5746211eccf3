CREATE TABLE inbox (
  event_id    TEXT PRIMARY KEY,
  team_id     TEXT,
  user_id     TEXT,
  body_json   TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  seq         BIGINT GENERATED ALWAYS AS IDENTITY
);
