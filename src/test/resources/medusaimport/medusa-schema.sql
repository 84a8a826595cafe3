-- The tables of a Medusa 2.x store that the import reads, as Medusa 2.21 creates them (../shared/medusa/
-- STORAGE-AND-HASHES.md), and the customer verification columns that the seed plugin's migration adds.
CREATE TABLE customer (
    id           text PRIMARY KEY,
    company_name text,
    first_name   text,
    last_name    text,
    email        text,
    phone        text,
    has_account  boolean NOT NULL DEFAULT false,
    metadata     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    created_by   text
);
CREATE UNIQUE INDEX "IDX_customer_email_has_account_unique" ON customer (email, has_account) WHERE deleted_at IS NULL;

CREATE TABLE customer_address (
    id                  text PRIMARY KEY,
    customer_id         text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    address_name        text,
    is_default_shipping boolean NOT NULL DEFAULT false,
    is_default_billing  boolean NOT NULL DEFAULT false,
    company             text,
    first_name          text,
    last_name           text,
    address_1           text,
    address_2           text,
    city                text,
    country_code        text,
    province            text,
    postal_code         text,
    phone               text,
    metadata            jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz
);

CREATE TABLE auth_identity (
    id           text PRIMARY KEY,
    app_metadata jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);

CREATE TABLE provider_identity (
    id                text PRIMARY KEY,
    entity_id         text NOT NULL,
    provider          text NOT NULL,
    auth_identity_id  text NOT NULL REFERENCES auth_identity (id) ON DELETE CASCADE,
    user_metadata     jsonb,
    provider_metadata jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz
);
CREATE UNIQUE INDEX "IDX_provider_identity_provider_entity_id" ON provider_identity (entity_id, provider) WHERE deleted_at IS NULL;
