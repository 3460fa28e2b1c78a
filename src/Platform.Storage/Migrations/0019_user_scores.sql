-- Each user's scores from the tenant's ACTIVE USERS version (docs/models.md#scores-on-users), rewritten when a version
-- becomes ACTIVE and daily; read by user(id) and by audience rules. Erasure deletes the row.
CREATE TABLE models.user_scores (
    tenant_id           text             NOT NULL,
    user_id             text             NOT NULL,
    version_id          uuid             NOT NULL,
    propensity          double precision NOT NULL,
    expected_spend      double precision NOT NULL,
    churn_risk          double precision NOT NULL,
    persona             smallint         NULL,
    persona_description text             NULL,
    scored_at           timestamptz      NOT NULL,
    CONSTRAINT user_scores_pk PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX user_scores_version ON models.user_scores (tenant_id, version_id);
