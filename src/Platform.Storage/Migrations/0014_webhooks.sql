-- Webhooks: where to POST campaign KPI updates and status changes, and the log of every delivery.
-- The secret is kept to sign deliveries (HMAC-SHA256); it is never returned by the API.
CREATE TABLE campaigns.webhooks (
    id                   uuid        PRIMARY KEY,
    tenant_id            text        NOT NULL,
    url                  text        NOT NULL,
    events               text[]      NOT NULL,
    campaign_ids         text[]      NULL,
    secret               text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    consecutive_failures integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    disabled_at          timestamptz NULL,
    disabled_reason      text        NULL
);
CREATE INDEX webhooks_by_tenant ON campaigns.webhooks (tenant_id, created_at);

CREATE TABLE campaigns.webhook_deliveries (
    id               uuid        PRIMARY KEY,
    webhook_id       uuid        NOT NULL REFERENCES campaigns.webhooks (id) ON DELETE CASCADE,
    tenant_id        text        NOT NULL,
    event            text        NOT NULL,
    payload          jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_status_code integer     NULL,
    last_error       text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz NULL,
    next_attempt_at  timestamptz NULL,
    delivered_at     timestamptz NULL
);
CREATE INDEX deliveries_by_webhook ON campaigns.webhook_deliveries (webhook_id, created_at DESC);
