-- A Medusa store with a million registered customers (and their emailpass logins) for measuring import-medusa.
-- Run against an empty database after src/test/resources/medusaimport/medusa-schema.sql. Every login has the
-- same password hash ('medusa-password-1', Medusa's default parameters, made by the scrypt-kdf npm package's
-- format): hashing a million distinct passwords would take hours and the import never hashes anyway.
-- Also 10,000 guests (has_account = false) and 10,000 deleted customers, which the import must pass over.
\set hash 'c2NyeXB0AA8AAAAIAAAAAc5/8BoFyImFR9lAd38IZM24ntWZvmhhXyQmeiuWzPqTDGssrmB3jbbbqDe6Yp6h6+8MboicEB+66bUA/r/Tin+wF6JGX90GsOV+lJuqrdK1'

INSERT INTO customer (id, company_name, first_name, last_name, email, phone, has_account, metadata, created_at, deleted_at)
SELECT 'cus_' || lpad(n::text, 26, '0'), CASE WHEN n % 7 = 0 THEN 'Company ' || n END, 'First' || n, 'Last' || n,
       'customer' || n || '@example.com',
       CASE WHEN n % 3 = 0 THEN '+1415' || (2 + n % 8) || lpad((n % 1000000)::text, 6, '0') END,
       n <= 1010000, jsonb_build_object('n', n), now() - (n || ' seconds')::interval,
       CASE WHEN n > 1010000 THEN now() END
FROM generate_series(1, 1020000) AS n;
-- rows 1000001..1010000 become guests sharing a registered customer's email; 1010001..1020000 are deleted accounts
UPDATE customer SET has_account = false, email = 'customer' || (substr(id, 5)::bigint - 1000000) || '@example.com'
WHERE substr(id, 5)::bigint BETWEEN 1000001 AND 1010000;

INSERT INTO auth_identity (id, app_metadata)
SELECT 'authid_' || lpad(n::text, 26, '0'), jsonb_build_object('customer_id', 'cus_' || lpad(n::text, 26, '0'))
FROM generate_series(1, 1000000) AS n;
INSERT INTO provider_identity (id, entity_id, provider, auth_identity_id, provider_metadata)
SELECT 'provid_' || n, 'customer' || n || '@example.com', 'emailpass', 'authid_' || lpad(n::text, 26, '0'),
       jsonb_build_object('password', :'hash')
FROM generate_series(1, 1000000) AS n;
ANALYZE;
