-- Several instances on one database. The inbox and the outbox gain a lease: the instance handling an event or
-- sending a message holds it (owner, lease_until) and renews it while alive; a lease that lapses (the instance
-- died) lets another instance take the work over. An outbox entry counts its send attempts: after a failed
-- or interrupted attempt, Slack is asked (by the message's metadata key) what it already shows before any
-- resend.
ALTER TABLE inbox ADD COLUMN owner TEXT;
ALTER TABLE inbox ADD COLUMN lease_until BIGINT;
ALTER TABLE outbox ADD COLUMN owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX inbox_lease ON inbox (lease_until);

-- Named leases for work that must run in one place at a time (the scheduler's pass).
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  lease_until BIGINT NOT NULL
);

-- Workspaces installed through "Add to Slack". The installation (bot token included) is stored encrypted
-- (AES-256-GCM with TOKEN_ENCRYPTION_KEY); only the ids needed to find it are in the clear.
CREATE TABLE installations (
  team_id       TEXT PRIMARY KEY,
  enterprise_id TEXT,
  data_enc      TEXT NOT NULL,
  installed_at  BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
