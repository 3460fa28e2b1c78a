-- Campaigns get their full design and lifecycle. This row is the campaign's record of truth: the
-- CampaignGrain reads it on activation and writes it on every change, checking `version`.
ALTER TABLE campaigns.campaigns
    ADD COLUMN design       jsonb       NULL,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN launched_at  timestamptz NULL,
    ADD COLUMN ended_at     timestamptz NULL,
    ADD COLUMN pause_reason text        NULL,
    ADD COLUMN version      bigint      NOT NULL DEFAULT 1;

-- Campaigns imported before this migration: their design from the columns they have.
UPDATE campaigns.campaigns SET
    design = jsonb_strip_nulls(jsonb_build_object(
        'name', name, 'type', type, 'value', value, 'channel', channel,
        'startsAt', starts_at, 'endsAt', ends_at, 'holdoutShare', holdout_share,
        'attributionWindowDays', GREATEST(1, ceil(extract(epoch FROM ends_at - starts_at) / 86400))::int)),
    launched_at = starts_at,
    ended_at = ends_at
WHERE design IS NULL;

ALTER TABLE campaigns.campaigns
    ALTER COLUMN design SET NOT NULL,
    ADD CONSTRAINT campaigns_status CHECK (status IN ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'ENDED'));

CREATE INDEX campaigns_by_created ON campaigns.campaigns (tenant_id, created_at DESC, campaign_id DESC);
