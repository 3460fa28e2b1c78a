-- Orleans clustering (membership) for Microsoft.Orleans.Clustering.AdoNet 10.4.x, invariant "Npgsql".
--
-- Our tables live in schema orleans. The query catalogue is the one exception: every Orleans
-- ADO.NET provider loads its SQL at start-up with the unqualified statement
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- so the catalogue must be reachable through the search_path of the connection: it lives in
-- public (unquoted names, so PostgreSQL stores them as orleansquery / querykey / querytext).
-- A missing key stops the silo or client with "Not all required queries found".
--
-- Query texts reference tables schema-qualified, read columns by the names the provider
-- expects (quoted aliases), and are single statements so the provider sees one result set.
-- Parameter types, as bound by the provider through DbType (Npgsql 10 mapping):
--     DeploymentId, Address, SiloName, HostName, SuspectTimes  text
--     Port, Generation, Status, ProxyPort, Version              integer
--     StartTime, IAmAliveTime                                  timestamptz (UTC DateTime)
-- DeploymentId carries ClusterOptions.ClusterId. Status 3 = Active, 6 = Dead.

CREATE SCHEMA IF NOT EXISTS orleans;

CREATE TABLE IF NOT EXISTS public.OrleansQuery (
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (QueryKey)
);

-- One row per cluster. Its version is the membership table version (the etag Orleans sends
-- back on every insert and update of a silo row); it only ever grows, by one per change.
CREATE TABLE IF NOT EXISTS orleans.membership_version (
    cluster_id text        NOT NULL,
    version    integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT membership_version_pk PRIMARY KEY (cluster_id)
);

-- One row per silo incarnation (address, port, generation) in a cluster.
CREATE TABLE IF NOT EXISTS orleans.membership (
    cluster_id    text        NOT NULL,
    address       text        NOT NULL,
    port          integer     NOT NULL,
    generation    integer     NOT NULL,
    silo_name     text        NOT NULL,
    host_name     text        NOT NULL,
    status        integer     NOT NULL,
    proxy_port    integer     NOT NULL,
    suspect_times text        NULL,
    started_at    timestamptz NOT NULL,
    i_am_alive_at timestamptz NOT NULL,
    CONSTRAINT membership_pk PRIMARY KEY (cluster_id, address, port, generation),
    CONSTRAINT membership_cluster_fk FOREIGN KEY (cluster_id)
        REFERENCES orleans.membership_version (cluster_id) ON DELETE CASCADE
);

-- Gateway discovery by clients: active silos of one cluster.
CREATE INDEX IF NOT EXISTS membership_by_cluster_status
    ON orleans.membership (cluster_id, status);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the version row of a cluster if it is missing. One boolean: true when created.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO orleans.membership_version (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING cluster_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"
'),

-- Adds a silo row only while the cluster version still equals @Version, and bumps that version
-- in the same statement. The version row is locked first, so concurrent writers queue on it and
-- all but the first see a changed version. One boolean: false on a stale version or if the row
-- already exists (then nothing changes).
('InsertMembershipKey', '
WITH expected AS (
    SELECT v.cluster_id
    FROM orleans.membership_version AS v
    WHERE v.cluster_id = @DeploymentId
      AND v.version = CAST(@Version AS integer)
      AND v.version < 2147483647
    FOR UPDATE
),
inserted AS (
    INSERT INTO orleans.membership
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
         suspect_times, started_at, i_am_alive_at)
    SELECT e.cluster_id,
           CAST(@Address AS text),
           CAST(@Port AS integer),
           CAST(@Generation AS integer),
           CAST(@SiloName AS text),
           CAST(@HostName AS text),
           CAST(@Status AS integer),
           CAST(@ProxyPort AS integer),
           NULL,
           CAST(@StartTime AS timestamptz),
           CAST(@IAmAliveTime AS timestamptz)
    FROM expected AS e
    ON CONFLICT (cluster_id, address, port, generation) DO NOTHING
    RETURNING cluster_id
),
bumped AS (
    UPDATE orleans.membership_version AS v
    SET version = v.version + 1,
        changed_at = now()
    FROM inserted AS i
    WHERE v.cluster_id = i.cluster_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped) AS "Succeeded"
'),

-- Changes status and suspect votes of a silo row only while the cluster version still equals
-- @Version, bumping it in the same statement. I-am-alive never moves backwards.
-- One boolean: false on a stale version or an unknown silo (then nothing changes).
('UpdateMembershipKey', '
WITH expected AS (
    SELECT v.cluster_id
    FROM orleans.membership_version AS v
    WHERE v.cluster_id = @DeploymentId
      AND v.version = CAST(@Version AS integer)
      AND v.version < 2147483647
    FOR UPDATE
),
updated AS (
    UPDATE orleans.membership AS m
    SET status = CAST(@Status AS integer),
        suspect_times = NULLIF(CAST(@SuspectTimes AS text), ''''),
        i_am_alive_at = GREATEST(m.i_am_alive_at, CAST(@IAmAliveTime AS timestamptz))
    FROM expected AS e
    WHERE m.cluster_id = e.cluster_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
    RETURNING m.cluster_id
),
bumped AS (
    UPDATE orleans.membership_version AS v
    SET version = v.version + 1,
        changed_at = now()
    FROM updated AS u
    WHERE v.cluster_id = u.cluster_id
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped) AS "Succeeded"
'),

-- Heartbeat. Not versioned, no result read.
('UpdateIAmAlivetimeKey', '
UPDATE orleans.membership AS m
SET i_am_alive_at = GREATEST(m.i_am_alive_at, CAST(@IAmAliveTime AS timestamptz))
WHERE m.cluster_id = @DeploymentId
  AND m.address = @Address
  AND m.port = @Port
  AND m.generation = @Generation
'),

-- One silo plus the cluster version, read in one snapshot. Always one row while the version
-- row exists; the silo columns are NULL when the silo is unknown (StartTime NULL = no entry).
('MembershipReadRowKey', '
SELECT v.cluster_id    AS "DeploymentId",
       m.address       AS "Address",
       m.port          AS "Port",
       m.generation    AS "Generation",
       m.silo_name     AS "SiloName",
       m.host_name     AS "HostName",
       m.status        AS "Status",
       m.proxy_port    AS "ProxyPort",
       m.suspect_times AS "SuspectTimes",
       m.started_at    AS "StartTime",
       m.i_am_alive_at AS "IAmAliveTime",
       v.version       AS "Version"
FROM orleans.membership_version AS v
LEFT JOIN orleans.membership AS m
       ON m.cluster_id = v.cluster_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
'),

-- Every silo of the cluster plus the cluster version, read in one snapshot. At least one row
-- while the version row exists (silo columns NULL when the cluster has no silo yet).
('MembershipReadAllKey', '
SELECT v.cluster_id    AS "DeploymentId",
       m.address       AS "Address",
       m.port          AS "Port",
       m.generation    AS "Generation",
       m.silo_name     AS "SiloName",
       m.host_name     AS "HostName",
       m.status        AS "Status",
       m.proxy_port    AS "ProxyPort",
       m.suspect_times AS "SuspectTimes",
       m.started_at    AS "StartTime",
       m.i_am_alive_at AS "IAmAliveTime",
       v.version       AS "Version"
FROM orleans.membership_version AS v
LEFT JOIN orleans.membership AS m
       ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
ORDER BY m.address, m.port, m.generation
'),

-- Gateways for clients: silos in @Status (the provider passes 3, Active) with a proxy port.
('GatewaysQueryKey', '
SELECT m.address    AS "Address",
       m.proxy_port AS "ProxyPort",
       m.generation AS "Generation"
FROM orleans.membership AS m
WHERE m.cluster_id = @DeploymentId
  AND m.status = CAST(@Status AS integer)
  AND m.proxy_port > 0
'),

-- Removes a whole cluster: its silo rows and its version row. No result read.
('DeleteMembershipTableEntriesKey', '
WITH silos AS (
    DELETE FROM orleans.membership AS m
    WHERE m.cluster_id = @DeploymentId
)
DELETE FROM orleans.membership_version AS v
WHERE v.cluster_id = @DeploymentId
'),

-- Bulk pruning of defunct silos older than the cutoff @IAmAliveTime. Orleans 10.4 uses this
-- only when CleanupDefunctSiloEntryKey is absent. Conservative: Dead rows without suspect votes.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans.membership AS m
WHERE m.cluster_id = @DeploymentId
  AND m.status = 6
  AND m.i_am_alive_at < CAST(@IAmAliveTime AS timestamptz)
  AND m.started_at < CAST(@IAmAliveTime AS timestamptz)
  AND m.suspect_times IS NULL
'),

-- Optional in 10.4 and preferred by it when present: the provider reads all rows, picks Dead
-- rows older than the cutoff without recent votes, and deletes each one only if it still holds
-- the values it read (status, start, i-am-alive, suspect votes).
('CleanupDefunctSiloEntryKey', '
DELETE FROM orleans.membership AS m
WHERE m.cluster_id = @DeploymentId
  AND m.address = @Address
  AND m.port = @Port
  AND m.generation = @Generation
  AND m.status = 6
  AND m.started_at = CAST(@StartTime AS timestamptz)
  AND m.i_am_alive_at = CAST(@IAmAliveTime AS timestamptz)
  AND m.suspect_times IS NOT DISTINCT FROM NULLIF(CAST(@SuspectTimes AS text), '''')
')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
