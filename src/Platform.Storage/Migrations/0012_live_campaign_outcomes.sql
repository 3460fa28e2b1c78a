-- Live campaigns write each enrolled shopper's outcome row as the shopper's grain folds its events (the
-- same rows past-experiment imports write, so training reads one table). `seq` is the shopper's log
-- offset the row was computed at: an older computation never overwrites a newer one.
ALTER TABLE campaigns.outcomes
    ADD COLUMN exposures          integer        NOT NULL DEFAULT 0,
    ADD COLUMN participations     integer        NOT NULL DEFAULT 0,
    ADD COLUMN engagement_seconds double precision NOT NULL DEFAULT 0,
    ADD COLUMN redemptions        integer        NOT NULL DEFAULT 0,
    ADD COLUMN redemptions_over_budget integer   NOT NULL DEFAULT 0,
    ADD COLUMN discount_cost      numeric(18, 4) NOT NULL DEFAULT 0,
    ADD COLUMN orders             integer        NOT NULL DEFAULT 0,
    ADD COLUMN gmv                numeric(18, 4) NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum         integer        NOT NULL DEFAULT 0,
    ADD COLUMN rating_count       integer        NOT NULL DEFAULT 0,
    ADD COLUMN holdout_leaks      integer        NOT NULL DEFAULT 0,
    ADD COLUMN seq                bigint         NULL,
    ADD COLUMN updated_at         timestamptz    NOT NULL DEFAULT now();

-- Budget: every redemption of a treatment shopper in a campaign with a budget asks its CampaignGrain,
-- which counts it only while the budget is not spent. The decision is kept per event, so a replay of the
-- log gets the same answer.
CREATE TABLE campaigns.charges (
    tenant_id   text           NOT NULL,
    campaign_id text           NOT NULL,
    event_id    text           NOT NULL,
    amount      numeric(18, 4) NOT NULL,
    counted     boolean        NOT NULL,
    charged_at  timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT charges_pk PRIMARY KEY (tenant_id, campaign_id, event_id)
);
