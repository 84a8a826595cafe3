-- Customers, auth identities and their provider identities (emailpass / phonepass).
-- Portable between PostgreSQL 15 and H2 in PostgreSQL mode: no partial indexes, no JSON column type
-- (metadata is JSON text), timestamps WITH TIME ZONE.

CREATE TABLE customer (
    id             VARCHAR(40)  PRIMARY KEY,
    email          VARCHAR(320),
    phone          VARCHAR(20),
    first_name     VARCHAR(255),
    last_name      VARCHAR(255),
    company_name   VARCHAR(255),
    metadata       TEXT,
    has_account    BOOLEAN      NOT NULL DEFAULT TRUE,
    email_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    phone_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at     TIMESTAMP WITH TIME ZONE
);
-- A deleted customer's email and phone are erased (set to NULL), so plain unique constraints keep live
-- contacts unique while letting the same address register again after a deletion.
ALTER TABLE customer ADD CONSTRAINT uq_customer_email UNIQUE (email);
ALTER TABLE customer ADD CONSTRAINT uq_customer_phone UNIQUE (phone);

-- An auth identity is one login account; actor_id is the customer id (or admin user id) once linked.
-- credential_version is carried by every JWT; bumping it revokes all older tokens on every instance.
CREATE TABLE auth_identity (
    id                 VARCHAR(40) PRIMARY KEY,
    actor_type         VARCHAR(16) NOT NULL,
    actor_id           VARCHAR(40),
    credential_version INTEGER     NOT NULL DEFAULT 1,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE auth_identity ADD CONSTRAINT uq_auth_identity_actor UNIQUE (actor_type, actor_id);

CREATE TABLE provider_identity (
    id               VARCHAR(40)  PRIMARY KEY,
    auth_identity_id VARCHAR(40)  NOT NULL REFERENCES auth_identity (id) ON DELETE CASCADE,
    actor_type       VARCHAR(16)  NOT NULL,
    provider         VARCHAR(16)  NOT NULL,
    entity_id        VARCHAR(320) NOT NULL,
    password_hash    VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
-- One identity per (actor type, provider, email/phone): duplicates are impossible, not merely checked.
ALTER TABLE provider_identity ADD CONSTRAINT uq_provider_identity_entity UNIQUE (actor_type, provider, entity_id);
ALTER TABLE provider_identity ADD CONSTRAINT uq_provider_identity_per_auth UNIQUE (auth_identity_id, provider);

CREATE TABLE admin_user (
    id         VARCHAR(40)  PRIMARY KEY,
    email      VARCHAR(320) NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
