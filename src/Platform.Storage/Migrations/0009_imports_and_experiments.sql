-- CSV imports (the file is kept in chunks until the job is done) and past experiments.
CREATE SCHEMA IF NOT EXISTS imports;
CREATE SCHEMA IF NOT EXISTS campaigns;

CREATE TABLE imports.jobs (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('USERS', 'ITEMS', 'EVENTS', 'EXPERIMENT')),
    status         text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    file_name      text        NOT NULL,
    size_bytes     bigint      NOT NULL DEFAULT 0,
    sha256         text        NULL,
    options        jsonb       NOT NULL,
    rows_read      bigint      NOT NULL DEFAULT 0,
    rows_accepted  bigint      NOT NULL DEFAULT 0,
    rows_duplicate bigint      NOT NULL DEFAULT 0,
    rows_rejected  bigint      NOT NULL DEFAULT 0,
    rows_dropped   bigint      NOT NULL DEFAULT 0,
    error          text        NULL,
    summary        jsonb       NULL,
    requested_by   uuid        NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz NULL,
    finished_at    timestamptz NULL
);
CREATE INDEX jobs_by_tenant ON imports.jobs (tenant_id, created_at DESC);

CREATE TABLE imports.file_chunks (
    import_id uuid    NOT NULL REFERENCES imports.jobs (id) ON DELETE CASCADE,
    chunk_no  integer NOT NULL,
    data      bytea   NOT NULL,
    CONSTRAINT file_chunks_pk PRIMARY KEY (import_id, chunk_no)
);

-- The first rejections of each import, with the line and the rule (counts are on the job).
CREATE TABLE imports.rejections (
    import_id uuid   NOT NULL REFERENCES imports.jobs (id) ON DELETE CASCADE,
    line      bigint NOT NULL,
    field     text   NOT NULL,
    rule      text   NOT NULL,
    message   text   NOT NULL
);
CREATE INDEX rejections_by_import ON imports.rejections (import_id, line);

-- Campaigns. Past experiments arrive as ENDED campaigns; the campaigns issue adds their design in full.
CREATE TABLE campaigns.campaigns (
    tenant_id     text             NOT NULL,
    campaign_id   text             NOT NULL,
    name          text             NOT NULL,
    type          text             NOT NULL,
    value         numeric(18, 4)   NULL,
    channel       text             NULL,
    status        text             NOT NULL,
    holdout_share double precision NOT NULL,
    starts_at     timestamptz      NULL,
    ends_at       timestamptz      NULL,
    source        text             NOT NULL,
    created_at    timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_pk PRIMARY KEY (tenant_id, campaign_id)
);

-- Who was assigned to which side of a campaign, and what they did within the window: the rows that
-- effect models train on, with the customer's features as they were at assignment.
CREATE TABLE campaigns.outcomes (
    tenant_id    text           NOT NULL,
    campaign_id  text           NOT NULL,
    user_id      text           NOT NULL,
    arm          text           NOT NULL CHECK (arm IN ('TREATMENT', 'CONTROL')),
    assigned_at  timestamptz    NOT NULL,
    window_days  integer        NOT NULL,
    participated boolean        NULL,
    conversions  integer        NULL CHECK (conversions >= 0),
    revenue      numeric(18, 4) NULL,
    features     jsonb          NOT NULL DEFAULT '{}',
    import_id    uuid           NULL,
    CONSTRAINT outcomes_pk PRIMARY KEY (tenant_id, campaign_id, user_id)
);
