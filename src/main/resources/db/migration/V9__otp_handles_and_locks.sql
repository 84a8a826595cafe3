-- OTP codes are handles (issue 16): a token names only the code; whom it is for comes from this row.
-- subject: what the resend throttle, the live-code cap, the wrong-code cap and the lock are keyed by: the
--   customer id, or for the enumeration-safe routes (deletion cancel-request, SMS password reset) "idh_" and a
--   keyed hash of the normalised identifier, so that a decoy (customer_id NULL) counts and locks exactly as a
--   real code does.
-- value_hash: for a contact change, a keyed hash of the new value that travels in the token; a token naming
--   another value is refused.
ALTER TABLE otp_code ADD COLUMN subject VARCHAR(40);
ALTER TABLE otp_code ADD COLUMN value_hash VARCHAR(64);
UPDATE otp_code SET subject = customer_id WHERE subject IS NULL;
CREATE INDEX ix_otp_code_subject_purpose ON otp_code (subject, purpose, created_at);

-- Every wrong code, per subject and purpose, for the cumulative cap (otp.max-failed-attempts-per-day over any
-- 24 h, across codes). Rows older than a day are purged hourly.
CREATE TABLE otp_failure (
    subject   VARCHAR(40) NOT NULL,
    purpose   VARCHAR(40) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_otp_failure_subject_purpose ON otp_failure (subject, purpose, failed_at);
CREATE INDEX ix_otp_failure_failed_at ON otp_failure (failed_at);

-- A subject whose codes of a purpose are dead until locked_until (too many wrong codes). In the database so
-- that every instance, the deletion job and an operator see the same lock.
CREATE TABLE otp_lock (
    subject      VARCHAR(40) NOT NULL,
    purpose      VARCHAR(40) NOT NULL,
    locked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject, purpose)
);

-- When a deletion was first due, before any postponement (a locked or over-budget cancel flow postpones it,
-- by at most 7 days in all). NULL = never postponed.
ALTER TABLE account_deletion_request ADD COLUMN first_scheduled_for TIMESTAMP WITH TIME ZONE;

-- The live secrets of an emailed reset link (SHA-256 of the nonce inside the token), several per reset request:
-- a newer request no longer kills the link already sent (the owner can always finish); using one deletes them
-- all. password_reset keeps the throttle; its secret_hash column is read only for links sent before this change.
CREATE TABLE password_reset_secret (
    secret_hash VARCHAR(64) PRIMARY KEY,
    reset_id    VARCHAR(64) NOT NULL REFERENCES password_reset (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_password_reset_secret_reset ON password_reset_secret (reset_id, created_at);
