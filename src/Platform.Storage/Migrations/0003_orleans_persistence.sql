-- Orleans grain state for Microsoft.Orleans.Persistence.AdoNet 10.4.x, invariant "Npgsql".
-- Needs 0002 (schema orleans, catalogue public.OrleansQuery).
--
-- Parameters, as bound by the provider through DbType (Npgsql 10 mapping):
--     ServiceId, GrainTypeString, GrainIdExtensionString (NULL for keys without extension)  text
--     GrainIdN0, GrainIdN1                                                               bigint
--     GrainIdHash, GrainTypeHash, GrainStateVersion (NULL when the grain has no etag)    integer
--     PayloadBinary                                                                       bytea
-- ServiceId is ClusterOptions.ServiceId. GrainTypeString is the state name (Grain<T> uses
-- "state"), not the grain class: the grain type is not part of the identity the provider sends.
-- Reads return PayloadBinary (NULL = no record) and Version; writes and clears return
-- NewGrainStateVersion, and return no row at all on a version conflict, which the provider
-- turns into InconsistentStateException.
--
-- A row is found by its natural key only (service, state name, key parts, key extension); the
-- two hashes are stored for diagnostics, so a change of hash function never hides state.
-- Versions only need to differ from the previous etag: after 2147483647 they wrap to 1.

CREATE TABLE IF NOT EXISTS orleans.grain_state (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_ext    text        NULL,
    grain_id_hash   integer     NOT NULL,
    grain_type_hash integer     NOT NULL,
    payload         bytea       NULL,
    version         integer     NOT NULL CHECK (version > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    modified_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_pk PRIMARY KEY (id)
);

-- The identity of a state row, unique. The extension is split into a NOT NULL text and an
-- is-null flag so that lookups are plain equalities the index can serve even for string keys
-- (whose key parts are 0, 0 and whose whole key is the extension), and NULL stays distinct
-- from the empty string.
CREATE UNIQUE INDEX IF NOT EXISTS grain_state_identity
    ON orleans.grain_state (
        service_id,
        grain_type,
        grain_id_n1,
        grain_id_n0,
        (COALESCE(grain_id_ext, '')),
        (grain_id_ext IS NULL)
    );

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- One row or none. PayloadBinary NULL means the state was cleared (record does not exist) but
-- its version is still returned as the etag.
('ReadFromStorageKey', '
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans.grain_state AS s
WHERE s.service_id = CAST(@ServiceId AS text)
  AND s.grain_type = CAST(@GrainTypeString AS text)
  AND s.grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND s.grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND COALESCE(s.grain_id_ext, '''') = COALESCE(CAST(@GrainIdExtensionString AS text), '''')
  AND (s.grain_id_ext IS NULL) = (CAST(@GrainIdExtensionString AS text) IS NULL)
'),

-- No etag: insert version 1, or nothing when a row already exists. With an etag: replace the
-- payload only while the stored version equals it. Returns the new version, or no row.
('WriteToStorageKey', '
WITH inserted AS (
    INSERT INTO orleans.grain_state
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext,
         grain_id_hash, grain_type_hash, payload, version)
    SELECT CAST(@ServiceId AS text),
           CAST(@GrainTypeString AS text),
           CAST(@GrainIdN0 AS bigint),
           CAST(@GrainIdN1 AS bigint),
           CAST(@GrainIdExtensionString AS text),
           CAST(@GrainIdHash AS integer),
           CAST(@GrainTypeHash AS integer),
           CAST(@PayloadBinary AS bytea),
           1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
),
updated AS (
    UPDATE orleans.grain_state AS s
    SET payload = CAST(@PayloadBinary AS bytea),
        version = CASE WHEN s.version >= 2147483647 THEN 1 ELSE s.version + 1 END,
        modified_at = now()
    WHERE s.service_id = CAST(@ServiceId AS text)
      AND s.grain_type = CAST(@GrainTypeString AS text)
      AND s.grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND s.grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND COALESCE(s.grain_id_ext, '''') = COALESCE(CAST(@GrainIdExtensionString AS text), '''')
      AND (s.grain_id_ext IS NULL) = (CAST(@GrainIdExtensionString AS text) IS NULL)
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated
'),

-- Used when DeleteStateOnClear is false (the default): keeps the row with a NULL payload and a
-- new version, so the etag chain continues. Returns the new version, or no row on a conflict.
('ClearStorageKey', '
UPDATE orleans.grain_state AS s
SET payload = NULL,
    version = CASE WHEN s.version >= 2147483647 THEN 1 ELSE s.version + 1 END,
    modified_at = now()
WHERE s.service_id = CAST(@ServiceId AS text)
  AND s.grain_type = CAST(@GrainTypeString AS text)
  AND s.grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND s.grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND COALESCE(s.grain_id_ext, '''') = COALESCE(CAST(@GrainIdExtensionString AS text), '''')
  AND (s.grain_id_ext IS NULL) = (CAST(@GrainIdExtensionString AS text) IS NULL)
  AND s.version = CAST(@GrainStateVersion AS integer)
RETURNING s.version AS "NewGrainStateVersion"
'),

-- Used only when DeleteStateOnClear is true: removes the row while the stored version equals
-- the etag. The provider needs a value different from the etag back; no row means conflict.
('DeleteStorageKey', '
DELETE FROM orleans.grain_state AS s
WHERE s.service_id = CAST(@ServiceId AS text)
  AND s.grain_type = CAST(@GrainTypeString AS text)
  AND s.grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND s.grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND COALESCE(s.grain_id_ext, '''') = COALESCE(CAST(@GrainIdExtensionString AS text), '''')
  AND (s.grain_id_ext IS NULL) = (CAST(@GrainIdExtensionString AS text) IS NULL)
  AND s.version = CAST(@GrainStateVersion AS integer)
RETURNING CASE WHEN s.version >= 2147483647 THEN 1 ELSE s.version + 1 END AS "NewGrainStateVersion"
')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
