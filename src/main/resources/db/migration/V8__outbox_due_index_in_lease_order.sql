-- The lease takes the oldest due messages in (next_attempt_at, id) order. With id in the index, an index scan
-- delivers them in that order and stops after one batch, with nothing to sort (see Outbox.lockDue for why
-- PostgreSQL has to be kept from sorting there).
DROP INDEX ix_notification_outbox_due;
CREATE INDEX ix_notification_outbox_due ON notification_outbox (status, next_attempt_at, id);
