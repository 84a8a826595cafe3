-- Transactional outbox: a message is written in the same transaction as what caused it (an OTP, a
-- notice) and delivered afterwards by a dispatcher on any instance. The body is stored encrypted
-- (AES-GCM) because it may carry a code, and erased once sent.
CREATE TABLE notification_outbox (
    id              VARCHAR(40)  PRIMARY KEY,
    channel         VARCHAR(8)   NOT NULL,
    recipient       VARCHAR(320) NOT NULL,
    purpose         VARCHAR(64)  NOT NULL,
    payload         TEXT,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claim_token     VARCHAR(40),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notification_outbox_due ON notification_outbox (status, next_attempt_at);
