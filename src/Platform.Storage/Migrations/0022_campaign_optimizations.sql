-- Design searches of optimizeCampaign (docs/forecasts.md#optimizer): one row per search with its progress while it runs
-- and the forecasts of every candidate, the recommended one and why, once it has finished. A gateway node runs the
-- search and touches updated_at at least every 30 seconds; a row not touched for longer lost its node.
CREATE TABLE campaigns.optimizations (
    tenant_id    text             NOT NULL,
    id           uuid             NOT NULL,
    status       text             NOT NULL,
    phase        text             NOT NULL,
    progress     double precision NOT NULL,
    candidates   integer          NOT NULL,
    audience     bigint           NULL,
    version_id   uuid             NULL,
    result       jsonb            NULL,
    error        text             NULL,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    finished_at  timestamptz      NULL,
    CONSTRAINT optimizations_pk PRIMARY KEY (tenant_id, id)
);
