-- The model features of each user's profile as of the row (EnrollmentFeatures: RFM figures, counters, category affinity
-- shares), written with the projection row, so audiences can be scored without replaying each user's events
-- (docs/forecasts.md#audiences). Null for rows written before this column existed: readers fold those users' events.
ALTER TABLE users.profiles ADD COLUMN features jsonb NULL;
