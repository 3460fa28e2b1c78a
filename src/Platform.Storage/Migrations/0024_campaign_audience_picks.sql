-- The users a launched campaign's uplift audience picked (docs/audiences.md#uplift-audiences): frozen at launch by the
-- ACTIVE uplift version named, so enrollment, assignments and recommendations judge every user against one list.
CREATE TABLE campaigns.audience_picks (
    tenant_id   text NOT NULL,
    campaign_id text NOT NULL,
    user_id     text NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, user_id)
);
CREATE INDEX audience_picks_by_user ON campaigns.audience_picks (tenant_id, user_id);

CREATE TABLE campaigns.audience_freezes (
    tenant_id   text NOT NULL,
    campaign_id text NOT NULL,
    version_id  uuid NOT NULL,
    users       bigint NOT NULL,
    frozen_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id)
);
