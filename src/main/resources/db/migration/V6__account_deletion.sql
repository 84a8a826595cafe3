-- Account deletion requests: pending (code sent) -> confirmed (scheduled) -> completed | cancelled.
-- See docs/account-deletion.md. Portable between PostgreSQL 15 and H2 in PostgreSQL mode.
CREATE TABLE account_deletion_request (
    id                 VARCHAR(40)   PRIMARY KEY,
    customer_id        VARCHAR(40)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    -- customer_id while the request is open (pending or confirmed), NULL once it is completed or cancelled:
    -- the unique constraint allows many NULLs, so it keeps at most one open request per customer even
    -- under concurrent requests (a portable stand-in for a partial unique index).
    open_customer_id   VARCHAR(40),
    reason             VARCHAR(1000),
    -- The customer's contact details when the request was made, for the admin list; erased on completion.
    email              VARCHAR(320),
    phone              VARCHAR(20),
    scheduled_for      TIMESTAMP WITH TIME ZONE,
    confirmed_at       TIMESTAMP WITH TIME ZONE,
    cancelled_at       TIMESTAMP WITH TIME ZONE,
    completed_at       TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE account_deletion_request ADD CONSTRAINT uq_account_deletion_request_open UNIQUE (open_customer_id);
CREATE INDEX ix_account_deletion_request_customer ON account_deletion_request (customer_id);
CREATE INDEX ix_account_deletion_request_due ON account_deletion_request (status, scheduled_for);
CREATE INDEX ix_account_deletion_request_created ON account_deletion_request (created_at, id);

-- Why an identity may not sign in or use its tokens for now (NULL = it may). Written through AuthIdentities
-- (auth owns the column); read in the same query that checks every token, so the check costs nothing extra.
ALTER TABLE auth_identity ADD COLUMN suspension VARCHAR(40);
