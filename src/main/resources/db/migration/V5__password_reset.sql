-- Password reset requests: one row per (provider, identifier) that a reset was asked for, known or not, so
-- that the resend throttle answers unknown identifiers exactly as it answers known ones. The id is an HMAC
-- of provider and normalised identifier: no plain email or phone is stored for identifiers nobody owns.
-- secret_hash is the SHA-256 of the one live secret (the nonce inside the emailed reset token, or the SMS OTP
-- token): a newer request replaces it, so older reset tokens die; using it sets it to NULL (single use).
CREATE TABLE password_reset (
    id               VARCHAR(64) PRIMARY KEY,
    auth_identity_id VARCHAR(40) REFERENCES auth_identity (id) ON DELETE CASCADE,
    secret_hash      VARCHAR(64),
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_password_reset_identity ON password_reset (auth_identity_id);
CREATE INDEX ix_password_reset_requested_at ON password_reset (requested_at);
