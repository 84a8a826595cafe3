-- Cookie sessions of the SDK's session mode (issue 19): POST /auth/session turns a bearer token into one.
-- Only a SHA-256 of the cookie's random value is stored. A session carries the credential version of its
-- identity when it began: bumping the version (log out everywhere, password reset, contact change, deletion)
-- revokes every session as it revokes every token. Deleting the identity deletes its sessions.
CREATE TABLE auth_session (
    id                 VARCHAR(64) PRIMARY KEY,   -- hex SHA-256 of the cookie value
    auth_identity_id   VARCHAR(40) NOT NULL REFERENCES auth_identity (id) ON DELETE CASCADE,
    provider           VARCHAR(16) NOT NULL,
    credential_version INTEGER     NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX auth_session_identity ON auth_session (auth_identity_id);
CREATE INDEX auth_session_expires_at ON auth_session (expires_at);
