-- STAR Coach: first schema. Every table that holds a person's data has team_id + user_id,
-- so "forget me" and uninstall can delete by them.

CREATE TABLE users (
  team_id    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  level      TEXT NOT NULL DEFAULT 'sde2' CHECK (level IN ('sde1', 'sde2', 'senior', 'principal')),
  privacy    TEXT NOT NULL DEFAULT 'public' CHECK (privacy IN ('public', 'ephemeral')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

-- One row per answer (channel thread reply, DM or terminal). (channel_id, message_ts) makes a
-- redelivered Slack message land on the same row.
CREATE TABLE answers (
  id            INTEGER PRIMARY KEY,
  team_id       TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('channel', 'dm', 'terminal')),
  channel_id    TEXT,
  message_ts    TEXT,
  thread_ts     TEXT,
  question_id   TEXT,
  principle_id  TEXT,
  level         TEXT NOT NULL,
  text          TEXT NOT NULL,
  score         INTEGER,
  verdict       TEXT,
  report_json   TEXT,
  reply_ts      TEXT,
  edited        INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (channel_id, message_ts)
);
CREATE INDEX answers_user ON answers (team_id, user_id, created_at);
CREATE INDEX answers_thread ON answers (channel_id, thread_ts);

-- A coaching conversation (thread probes, DM practice, mock, walkthrough), resumable after restart.
CREATE TABLE conversations (
  id          TEXT PRIMARY KEY,
  team_id     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'active',
  state_json  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX conversations_user ON conversations (team_id, user_id, status, updated_at);

CREATE TABLE stories (
  id              INTEGER PRIMARY KEY,
  team_id         TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  title           TEXT NOT NULL,
  text            TEXT NOT NULL,
  principles_json TEXT NOT NULL DEFAULT '[]',
  best_score      INTEGER NOT NULL DEFAULT 0,
  answer_id       INTEGER REFERENCES answers (id) ON DELETE SET NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX stories_user ON stories (team_id, user_id);

-- Slack event ids already handled (dedupe of retries); holds no message text.
CREATE TABLE processed_events (
  event_id    TEXT PRIMARY KEY,
  team_id     TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX processed_events_age ON processed_events (received_at);

CREATE TABLE schedules (
  team_id        TEXT NOT NULL,
  channel_id     TEXT PRIMARY KEY,
  local_time     TEXT NOT NULL,
  timezone       TEXT NOT NULL,
  weekdays       TEXT NOT NULL,
  level          TEXT NOT NULL DEFAULT 'sde2',
  privacy        TEXT NOT NULL DEFAULT 'public' CHECK (privacy IN ('public', 'ephemeral')),
  weighted       INTEGER NOT NULL DEFAULT 0,
  paused         INTEGER NOT NULL DEFAULT 0,
  pause_reason   TEXT,
  digest_weekday INTEGER,
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

-- A daily prompt is claimed (pending) before it is posted, so a restart never posts it twice.
CREATE TABLE prompts (
  id           INTEGER PRIMARY KEY,
  team_id      TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  local_date   TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  question_text TEXT NOT NULL,
  level        TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'posted', 'skipped', 'failed')),
  message_ts   TEXT,
  due_at       INTEGER NOT NULL,
  claimed_at   INTEGER NOT NULL,
  posted_at    INTEGER,
  error        TEXT,
  UNIQUE (channel_id, local_date)
);
CREATE INDEX prompts_message ON prompts (channel_id, message_ts);

CREATE TABLE digests (
  channel_id TEXT NOT NULL,
  week_start TEXT NOT NULL,
  status     TEXT NOT NULL,
  message_ts TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (channel_id, week_start)
);
