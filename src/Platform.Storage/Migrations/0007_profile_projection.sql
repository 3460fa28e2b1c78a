-- One row per shopper with its profile as of its last update: what audiences and summaries query.
-- Live profiles stay in UserGrain; this projection is written in batches and is eventually consistent.
CREATE TABLE shoppers.profiles (
    tenant_id            text             NOT NULL,
    user_id              text             NOT NULL,
    first_seen_at        timestamptz      NULL,
    last_seen_at         timestamptz      NULL,
    recency_days         integer          NULL,
    frequency_90         integer          NOT NULL,
    monetary_90          numeric(18, 4)   NOT NULL,
    rfm_r                smallint         NOT NULL,
    rfm_f                smallint         NOT NULL,
    rfm_m                smallint         NOT NULL,
    rfm_segment          text             NOT NULL,
    purchases            bigint           NOT NULL,
    revenue              numeric(18, 4)   NOT NULL,
    discount_sensitivity double precision NULL,
    top_categories       text[]           NOT NULL,
    top_brands           text[]           NOT NULL,
    interest_tags        text[]           NOT NULL,
    counters             jsonb            NOT NULL, -- {"VIEW": [total, last7, last30], ...}
    applied_seq          bigint           NOT NULL,
    as_of                timestamptz      NOT NULL,
    CONSTRAINT profiles_pk PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX profiles_segment ON shoppers.profiles (tenant_id, rfm_segment);
CREATE INDEX profiles_interest_tags ON shoppers.profiles USING gin (interest_tags);
CREATE INDEX profiles_as_of ON shoppers.profiles (tenant_id, as_of);
