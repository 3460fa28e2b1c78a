-- Drift checks (docs/models.md#drift): the latest check of a version, and a schedule's threshold to retrain on drift.
ALTER TABLE models.versions ADD COLUMN drift jsonb NULL;

-- Retrain as soon as a drift check finds an input whose population stability index is above this.
ALTER TABLE models.schedules ADD COLUMN retrain_above_psi double precision NULL;
