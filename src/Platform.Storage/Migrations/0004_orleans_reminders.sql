-- Orleans reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.x, invariant "Npgsql".
-- Needs 0002 (schema orleans, catalogue public.OrleansQuery).
--
-- Parameters, as bound by the provider through DbType (Npgsql 10 mapping):
--     ServiceId, GrainId (GrainId.ToString()), ReminderName   text
--     GrainHash, BeginHash, EndHash, Version                  integer
--     StartTime                                               timestamptz (UTC DateTime)
--     Period   milliseconds: integer when it fits in int32, bigint otherwise
-- ServiceId is ClusterOptions.ServiceId. GrainHash is the uniform hash code of the grain id
-- (uint32) reinterpreted as a signed int32, and so are BeginHash and EndHash: the ring range
-- (BeginHash, EndHash] uses ReadRangeRows1Key when BeginHash < EndHash as signed integers and
-- ReadRangeRows2Key (the range wraps around) otherwise, which includes BeginHash = EndHash,
-- the whole ring.
-- Rows are read as GrainId, ReminderName, StartTime, Period (bigint ms), Version.

CREATE TABLE IF NOT EXISTS orleans.reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL CHECK (period_ms >= 0),
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL CHECK (version >= 0),
    CONSTRAINT reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo loads the reminders of its hash range of the ring.
CREATE INDEX IF NOT EXISTS reminder_by_hash
    ON orleans.reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- All reminders of one grain.
('ReadReminderRowsKey', '
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans.reminder AS r
WHERE r.service_id = CAST(@ServiceId AS text)
  AND r.grain_id = CAST(@GrainId AS text)
'),

-- One reminder of one grain, or no row.
('ReadReminderRowKey', '
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans.reminder AS r
WHERE r.service_id = CAST(@ServiceId AS text)
  AND r.grain_id = CAST(@GrainId AS text)
  AND r.reminder_name = CAST(@ReminderName AS text)
'),

-- Ring range that does not wrap: BeginHash < GrainHash <= EndHash.
('ReadRangeRows1Key', '
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans.reminder AS r
WHERE r.service_id = CAST(@ServiceId AS text)
  AND r.grain_hash > CAST(@BeginHash AS integer)
  AND r.grain_hash <= CAST(@EndHash AS integer)
'),

-- Ring range that wraps past the largest hash: GrainHash > BeginHash or GrainHash <= EndHash.
('ReadRangeRows2Key', '
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans.reminder AS r
WHERE r.service_id = CAST(@ServiceId AS text)
  AND (r.grain_hash > CAST(@BeginHash AS integer)
       OR r.grain_hash <= CAST(@EndHash AS integer))
'),

-- Insert or replace; returns the new etag (Version) as one row.
('UpsertReminderRowKey', '
INSERT INTO orleans.reminder AS r
    (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (CAST(@ServiceId AS text),
        CAST(@GrainId AS text),
        CAST(@ReminderName AS text),
        CAST(@StartTime AS timestamptz),
        CAST(@Period AS bigint),
        CAST(@GrainHash AS integer),
        0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version = CASE WHEN r.version >= 2147483647 THEN 0 ELSE r.version + 1 END
RETURNING r.version AS "Version"
'),

-- Deletes one reminder only while its version equals the etag. One boolean: true when deleted.
('DeleteReminderRowKey', '
WITH removed AS (
    DELETE FROM orleans.reminder AS r
    WHERE r.service_id = CAST(@ServiceId AS text)
      AND r.grain_id = CAST(@GrainId AS text)
      AND r.reminder_name = CAST(@ReminderName AS text)
      AND r.version = CAST(@Version AS integer)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted"
'),

-- Every reminder of the service (test clean-up). No result read.
('DeleteReminderRowsKey', '
DELETE FROM orleans.reminder AS r
WHERE r.service_id = CAST(@ServiceId AS text)
')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
