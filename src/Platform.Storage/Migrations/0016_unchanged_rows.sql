-- Imports report rows that changed nothing (a re-run of the same file is a visible no-op).
ALTER TABLE imports.jobs ADD COLUMN rows_unchanged bigint NOT NULL DEFAULT 0;

-- The one definition of how stored tags and given tags combine (TagMerge): replace, or add keeping the
-- newest `max_tags` in first-seen order. Used both to write and to tell whether a write changes anything.
CREATE FUNCTION users.merge_tags(stored text[], given text[], add_tags boolean, max_tags integer) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN given IS NULL THEN stored
        WHEN NOT add_tags OR stored IS NULL THEN given
        ELSE (SELECT array_agg(t ORDER BY first_at) FROM (
                  SELECT t, min(n) AS first_at FROM unnest(stored || given) WITH ORDINALITY AS x(t, n)
                  GROUP BY t ORDER BY min(n) DESC LIMIT max_tags) AS newest)
    END;

-- Rejections page in the order they were found (one row can break several rules on the same field).
ALTER TABLE imports.rejections ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX rejections_page ON imports.rejections (import_id, id);

-- An erasure is recorded as pending with its deletions and completed once the user's grain is reset, so a call
-- that crashed in between is completed by the next one (docs/users.md#erasure-forgetuser).
ALTER TABLE users.erasures ADD COLUMN completed boolean NOT NULL DEFAULT true;
