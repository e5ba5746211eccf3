ALTER TABLE schedules DROP CONSTRAINT schedules_privacy_check;
ALTER TABLE schedules ADD CONSTRAINT schedules_privacy_check CHECK (privacy IN ('public', 'ephemeral', 'always_public'));
