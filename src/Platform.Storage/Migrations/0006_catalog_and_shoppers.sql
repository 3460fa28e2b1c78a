-- The merchant's catalog and shopper attributes, both upserted in batches (upsertItems, upsertUsers, imports).
CREATE SCHEMA IF NOT EXISTS catalog;
CREATE SCHEMA IF NOT EXISTS shoppers;

CREATE TABLE catalog.items (
    tenant_id     text           NOT NULL,
    item_id       text           NOT NULL,
    title         text           NOT NULL,
    category_path text[]         NOT NULL DEFAULT '{}',
    brand         text           NULL,
    price         numeric(18, 4) NULL,
    currency      char(3)        NULL,
    tags          text[]         NOT NULL DEFAULT '{}',
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT items_pk PRIMARY KEY (tenant_id, item_id)
);

CREATE TABLE shoppers.users (
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    age         smallint    NULL,
    gender      text        NULL,
    region      text        NULL,
    occupation  text        NULL,
    signup_date date        NULL,
    attributes  jsonb       NOT NULL DEFAULT '{}',
    tags        text[]      NULL, -- null: never given
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pk PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX users_tags ON shoppers.users USING gin (tags);
