-- An erased customer's messages still pending (the "deletion scheduled" notice, often) are delivered, but
-- must not keep the address once sent: the flag tells markSent to erase the recipient as it marks the row.
ALTER TABLE notification_outbox ADD COLUMN forget_after_send BOOLEAN NOT NULL DEFAULT FALSE;
