-- The forecast a campaign was launched with (docs/forecasts.md#forecast-against-actual): what the ACTIVE UPLIFT version
-- expected of its design, audience and budget at launch, kept to track the campaign against. One per campaign.
CREATE TABLE campaigns.forecasts (
    tenant_id   text        NOT NULL,
    campaign_id text        NOT NULL,
    version_id  uuid        NOT NULL,
    forecast    jsonb       NOT NULL,
    drivers     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT forecasts_pk PRIMARY KEY (tenant_id, campaign_id)
);
