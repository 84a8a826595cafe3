-- The per-(customer, purpose) resend throttle: when the customer was last sent a code for the purpose.
-- A send claims its row with INSERT ... ON CONFLICT DO NOTHING (first send) or a conditional UPDATE
-- (last_sent_at older than the throttle); the row count decides, so two sends at once, on one instance or
-- on two sharing the database, give one code and one 429. The row lock held until commit also serialises
-- the supersede-and-insert of otp_code for the same customer and purpose.
CREATE TABLE otp_throttle (
    customer_id  VARCHAR(40) NOT NULL,
    purpose      VARCHAR(40) NOT NULL,
    last_sent_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, purpose)
);
