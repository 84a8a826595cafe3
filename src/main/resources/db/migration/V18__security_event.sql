-- The audit trail (issue 20): one row per security-relevant event, written in the transaction of the change it
-- records. Append-only: rows are never updated, except that an erasure scrubs the rows of the erased customer
-- (identifier, client address and details set to NULL; customer id, type, actor and time stay), and the
-- retention purge deletes rows older than audit.retention. Identifiers are stored masked only.
CREATE TABLE security_event (
    id             VARCHAR(40)  PRIMARY KEY,   -- sev_<ULID>
    type           VARCHAR(64)  NOT NULL,      -- login.succeeded, otp.sent, customer.blocked ... (docs/audit.md)
    customer_id    VARCHAR(64),                -- the customer it concerns; NULL when none (an unknown identifier)
    actor_type     VARCHAR(16)  NOT NULL,      -- customer | admin | system | anonymous
    actor_id       VARCHAR(64),                -- the customer's or admin user's id; NULL for system and anonymous
    client_address VARCHAR(64),                -- the client of the request that caused it; NULL outside a request
    identifier     VARCHAR(320),               -- the email or phone it was about, masked
    details        VARCHAR(4000),              -- JSON object of further facts, masked
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_security_event_occurred_at ON security_event (occurred_at);
CREATE INDEX ix_security_event_customer ON security_event (customer_id, occurred_at);
CREATE INDEX ix_security_event_type ON security_event (type, occurred_at);
CREATE INDEX ix_security_event_actor ON security_event (actor_id, occurred_at);
