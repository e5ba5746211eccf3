-- A channel's score-card privacy gains a third value. 'public': public unless the person chose private;
-- 'ephemeral': private to each author; 'always_public': public for everyone, personal settings ignored.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the same rows.
CREATE TABLE schedules_new (
  team_id        TEXT NOT NULL,
  channel_id     TEXT PRIMARY KEY,
  local_time     TEXT NOT NULL,
  timezone       TEXT NOT NULL,
  weekdays       TEXT NOT NULL,
  level          TEXT NOT NULL DEFAULT 'sde2',
  privacy        TEXT NOT NULL DEFAULT 'public' CHECK (privacy IN ('public', 'ephemeral', 'always_public')),
  weighted       INTEGER NOT NULL DEFAULT 0,
  paused         INTEGER NOT NULL DEFAULT 0,
  pause_reason   TEXT,
  digest_weekday INTEGER,
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
INSERT INTO schedules_new SELECT team_id, channel_id, local_time, timezone, weekdays, level, privacy, weighted,
  paused, pause_reason, digest_weekday, created_by, created_at, updated_at FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_new RENAME TO schedules;
