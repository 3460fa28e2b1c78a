-- Models (docs/models.md): training runs, the versions they produce (weights, feature schema, metrics), and admin
-- retraining schedules. One tenant's runs and versions are its own; nothing here is shared between tenants.
CREATE SCHEMA IF NOT EXISTS models;

CREATE TABLE models.training_runs (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    task         text        NOT NULL CHECK (task IN ('UPLIFT', 'USERS', 'ITEMS')),
    status       text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED')),
    trigger      text        NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULE')),
    queue        text        NOT NULL,
    job_id       text        NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    progress     jsonb       NULL,
    error        text        NULL,
    version_id   uuid        NULL,
    worker       text        NULL,
    requested_by uuid        NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz NULL,
    heartbeat_at timestamptz NULL,
    finished_at  timestamptz NULL
);
CREATE INDEX training_runs_by_tenant ON models.training_runs (tenant_id, created_at DESC, id DESC);
-- One run per tenant and task at a time.
CREATE UNIQUE INDEX training_runs_one_active ON models.training_runs (tenant_id, task) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE models.versions (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    task             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('CANDIDATE', 'ACTIVE', 'RETIRED')),
    run_id           uuid        NOT NULL,
    weights          bytea       NOT NULL,
    checksum         text        NOT NULL,
    feature_schema   jsonb       NOT NULL,
    metrics          jsonb       NOT NULL,
    training         jsonb       NOT NULL,
    promotion        text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    activated_at     timestamptz NULL,
    retired_at       timestamptz NULL
);
CREATE INDEX versions_by_tenant ON models.versions (tenant_id, task, created_at DESC, id DESC);
-- At most one ACTIVE version per tenant and task: promotion swaps it in one transaction.
CREATE UNIQUE INDEX versions_one_active ON models.versions (tenant_id, task) WHERE status = 'ACTIVE';

CREATE TABLE models.schedules (
    tenant_id          text        NOT NULL,
    task               text        NOT NULL,
    cron               text        NOT NULL,
    time_zone          text        NOT NULL,
    only_when_new_data boolean     NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT schedules_pk PRIMARY KEY (tenant_id, task)
);
