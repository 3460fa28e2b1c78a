-- A campaign's KPIs as they stood at the end of each hour (the last update within the hour), for charts.
CREATE TABLE campaigns.kpi_hourly (
    tenant_id   text        NOT NULL,
    campaign_id text        NOT NULL,
    hour        timestamptz NOT NULL,
    kpis        jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT kpi_hourly_pk PRIMARY KEY (tenant_id, campaign_id, hour)
);
