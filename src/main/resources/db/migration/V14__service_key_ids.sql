-- Issue 18: rows hashed or encrypted under a service key record the id of that key, so a rotated master secret
-- keeps pending codes and queued messages working until they expire. NULL: written before the upgrade, read with
-- the legacy key derived from the old jwt.secret.
ALTER TABLE otp_code ADD COLUMN key_id VARCHAR(32);
ALTER TABLE notification_outbox ADD COLUMN key_id VARCHAR(32);
