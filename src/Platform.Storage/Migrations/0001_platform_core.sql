-- Platform core: API keys and diagnostic runs. Tenants themselves live in TenantGrain state.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.api_keys (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('ADMIN', 'MERCHANT', 'PARTNER')),
    name        text        NOT NULL,
    secret_hash text        NOT NULL UNIQUE,
    hint        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid        NULL,
    revoked_at  timestamptz NULL
);
CREATE INDEX api_keys_by_tenant ON platform.api_keys (tenant_id, created_at);

CREATE TABLE platform.system_check_runs (
    id                 uuid        PRIMARY KEY,
    tenant_id          text        NOT NULL,
    queue              text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_at       timestamptz NOT NULL DEFAULT now(),
    requested_by       uuid        NULL,
    started_at         timestamptz NULL,
    finished_at        timestamptz NULL,
    worker             text        NULL,
    torch_version      text        NULL,
    device             text        NULL,
    threads            integer     NULL,
    postgres_version   text        NULL,
    loss_before        double precision NULL,
    loss_after         double precision NULL,
    duration_ms        double precision NULL,
    error              text        NULL
);
CREATE INDEX system_check_runs_by_tenant ON platform.system_check_runs (tenant_id, requested_at DESC);
