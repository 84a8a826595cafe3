-- Customer addresses as in Medusa's store API (issue 19). Erased with the customer (account deletion).
-- At most one default shipping and one default billing address per customer: default_shipping_of and
-- default_billing_of hold the customer id while the address is that default and NULL otherwise, so a plain
-- unique constraint (NULLs never collide, on H2 and PostgreSQL alike) is the portable partial unique index.
CREATE TABLE customer_address (
    id                  VARCHAR(40)  PRIMARY KEY,
    customer_id         VARCHAR(40)  NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    address_name        VARCHAR(255),
    company             VARCHAR(255),
    first_name          VARCHAR(255),
    last_name           VARCHAR(255),
    address_1           VARCHAR(255),
    address_2           VARCHAR(255),
    city                VARCHAR(255),
    country_code        VARCHAR(2),
    province            VARCHAR(255),
    postal_code         VARCHAR(255),
    phone               VARCHAR(255),
    metadata            TEXT,
    default_shipping_of VARCHAR(40),
    default_billing_of  VARCHAR(40),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX customer_address_customer ON customer_address (customer_id, created_at);
ALTER TABLE customer_address ADD CONSTRAINT uq_customer_address_default_shipping UNIQUE (default_shipping_of);
ALTER TABLE customer_address ADD CONSTRAINT uq_customer_address_default_billing UNIQUE (default_billing_of);
