-- The alert a campaign raised against its launch forecast (docs/forecasts.md#alerts): the start of the run of hours
-- outside the forecast's band that was last announced, so each run is announced once, whichever node finds it.
ALTER TABLE campaigns.forecasts ADD COLUMN alerted_since timestamptz NULL;
