-- forgetUser: what remains of an erased shopper is this record. The id is kept only as a hash of
-- tenant and user id, so the record proves an erasure without naming the shopper.
CREATE TABLE shoppers.erasures (
    tenant_id  text        NOT NULL,
    user_hash  text        NOT NULL,
    erased_at  timestamptz NOT NULL,
    key_id     text        NULL,
    events     bigint      NOT NULL,
    outcomes   bigint      NOT NULL
);
CREATE INDEX erasures_by_user ON shoppers.erasures (tenant_id, user_hash, erased_at);

CREATE INDEX outcomes_by_user ON campaigns.outcomes (tenant_id, user_id);
