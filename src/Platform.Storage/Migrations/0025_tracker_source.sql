-- The tracker source (docs/trackers.md): write keys are API keys of role TRACKER, and the source debugger keeps the
-- latest messages the source refused or ignored, with the rules they broke.
ALTER TABLE platform.api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE platform.api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('ADMIN', 'MERCHANT', 'PARTNER', 'TRACKER'));

CREATE SCHEMA IF NOT EXISTS trackers;

CREATE TABLE trackers.messages (
    tenant_id   text        NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    received_at timestamptz NOT NULL,
    status      text        NOT NULL CHECK (status IN ('REFUSED', 'IGNORED')),
    call        text        NOT NULL,
    event_name  text        NULL,
    message_id  text        NOT NULL,
    user_id     text        NULL,
    violations  jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX messages_by_status ON trackers.messages (tenant_id, status, id);
-- A client retrying a message lists it once.
CREATE UNIQUE INDEX messages_once ON trackers.messages (tenant_id, status, message_id);
CREATE INDEX messages_by_user ON trackers.messages (tenant_id, user_id);
