-- One-time codes. Only an HMAC of the code is stored. A code is live while it is neither consumed nor
-- revoked (superseded by a newer send), not expired, and has attempts left.
CREATE TABLE otp_code (
    id           VARCHAR(40) PRIMARY KEY,
    customer_id  VARCHAR(40),
    purpose      VARCHAR(40) NOT NULL,
    code_hash    VARCHAR(64) NOT NULL,
    attempts     INTEGER     NOT NULL DEFAULT 0,
    max_attempts INTEGER     NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at  TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_otp_code_customer_purpose ON otp_code (customer_id, purpose, created_at);
