-- The event log: the source of truth for profiles. Append-only; one increasing sequence per tenant.
CREATE SCHEMA IF NOT EXISTS events;

-- The last sequence number handed out per tenant. Appends lock this row until they commit, so a
-- tenant's sequence numbers follow commit order.
CREATE TABLE events.log_head (
    tenant_id text   PRIMARY KEY,
    last_seq  bigint NOT NULL
);

CREATE TABLE events.log (
    tenant_id        text             NOT NULL,
    seq              bigint           NOT NULL,
    event_id         text             NOT NULL,
    user_id          text             NOT NULL,
    type             smallint         NOT NULL,
    occurred_at      timestamptz      NOT NULL,
    received_at      timestamptz      NOT NULL DEFAULT now(),
    item_id          text             NULL,
    category_id      text             NULL,
    quantity         integer          NULL,
    amount           numeric(18, 4)   NULL,
    currency         char(3)          NULL,
    campaign_id      text             NULL,
    rating           smallint         NULL,
    query            text             NULL,
    duration_seconds double precision NULL,
    properties       jsonb            NULL,
    CONSTRAINT log_pk PRIMARY KEY (tenant_id, seq)
);

-- The idempotency key: a retried event, from any node, is stored once.
CREATE UNIQUE INDEX log_event_id ON events.log (tenant_id, event_id);
-- Profile replay reads one shopper's events after an offset.
CREATE INDEX log_by_user ON events.log (tenant_id, user_id, seq);
