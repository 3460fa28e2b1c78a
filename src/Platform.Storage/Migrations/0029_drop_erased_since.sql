-- Batch writers check erasures inline (ErasureStore.ErasedSince): the function, which PostgreSQL could not inline, has
-- had no caller since the release before this one, so no node still running during an upgrade calls it.
DROP FUNCTION users.erased_since(text, text, timestamptz);
