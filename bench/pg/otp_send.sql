-- pgbench replay of the database side of one POST /store/customers/otp/send (OtpVerificationService.send: the
-- customer, the resend-throttle claim, superseding older codes, the new code, its outbox message; one commit),
-- with the same statements as the service, for a customer's first code. bench/run runs it against the bench
-- database after the routes: the throughput PostgreSQL alone allows a write of that shape on this machine, with
-- the JVM, HTTP and mail delivery costing nothing. The delivery's own statements are left out.
\set c random(0, :customers - 1)
-- Keys drawn from 10^15, so that no two collide in a run (a duplicate key would abort its client)
\set n random(1, 999999999999999)
BEGIN;
SELECT * FROM customer WHERE id = 'cus_BENCH' || lpad(:c::text, 22, '0') AND deleted_at IS NULL;
INSERT INTO otp_throttle (customer_id, purpose, last_sent_at)
VALUES ('cus_CEIL' || :client_id || '_' || :n, 'email_verification', now()) ON CONFLICT DO NOTHING;
UPDATE otp_code SET revoked_at = now()
WHERE customer_id = 'cus_CEIL' || :client_id || '_' || :n AND purpose = 'email_verification'
  AND consumed_at IS NULL AND revoked_at IS NULL;
INSERT INTO otp_code (id, customer_id, purpose, code_hash, attempts, max_attempts, expires_at, created_at)
VALUES ('otp_CEIL' || :client_id || '_' || :n, 'cus_CEIL' || :client_id || '_' || :n, 'email_verification',
        md5(:n::text) || md5(:c::text), 0, 5, now() + interval '15 minutes', now());
-- An encrypted payload of a verification mail is about 900 characters.
INSERT INTO notification_outbox (id, channel, recipient, purpose, payload, status, attempts, next_attempt_at, created_at)
VALUES ('msg_CEIL' || :client_id || '_' || :n, 'EMAIL', 'bench-' || :c || '@bench.test', 'email_verification',
        repeat('x', 900), 'pending', 0, now(), now());
COMMIT;
