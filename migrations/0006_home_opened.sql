-- People who have opened their App Home: only their Home is published again after a change (anyone else's
-- is built when they first open it, from app_home_opened).
ALTER TABLE users ADD COLUMN home_opened_at INTEGER;
