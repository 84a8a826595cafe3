-- Delivery gives up cleanly (issue 16). A message carrying a code dies with its code: expires_at is the
-- code's expiry (NULL for notices and events, which retry for a horizon counted from created_at). Rows that
-- failed once wait with status 'retrying', apart from fresh 'pending' ones, so that a backlog of failing rows
-- is leased after new messages (same index, other status). Abandoned rows keep no recipient or payload;
-- abandoned_at lets the retention purge delete them like sent ones.
ALTER TABLE notification_outbox ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notification_outbox ADD COLUMN abandoned_at TIMESTAMP WITH TIME ZONE;

-- Send budgets (SPEC §10): one counter per destination (a keyed hash of the address, never the address), per
-- SMS country and for all SMS. A sliding-window counter: `used` counts the fixed window number window_index
-- (epoch time / window length), previous_used the window before it, weighted by how much of it still lies
-- within one window length of now. A conditional UPDATE takes a unit, so two sends cannot take the last one.
CREATE TABLE send_budget (
    budget_key    VARCHAR(100) PRIMARY KEY,
    window_index  BIGINT       NOT NULL,
    used          INTEGER      NOT NULL,
    previous_used INTEGER      NOT NULL,
    idle_after    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_send_budget_idle_after ON send_budget (idle_after);
