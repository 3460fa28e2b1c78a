-- Live campaigns write each enrolled shopper's outcome row as the shopper's grain folds its events (the
-- same rows past-experiment imports write, so training reads one table). `seq` is the shopper's log
-- offset the row was computed at: an older computation never overwrites a newer one.
ALTER TABLE campaigns.outcomes
    ADD COLUMN exposures          integer        NOT NULL DEFAULT 0,
    ADD COLUMN participations     integer        NOT NULL DEFAULT 0,
    ADD COLUMN engagement_seconds double precision NOT NULL DEFAULT 0,
    ADD COLUMN redemptions        integer        NOT NULL DEFAULT 0,
    ADD COLUMN discount_cost      numeric(18, 4) NOT NULL DEFAULT 0,
    ADD COLUMN orders             integer        NOT NULL DEFAULT 0,
    ADD COLUMN gmv                numeric(18, 4) NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum         integer        NOT NULL DEFAULT 0,
    ADD COLUMN rating_count       integer        NOT NULL DEFAULT 0,
    ADD COLUMN holdout_leaks      integer        NOT NULL DEFAULT 0,
    ADD COLUMN seq                bigint         NULL,
    ADD COLUMN updated_at         timestamptz    NOT NULL DEFAULT now();
