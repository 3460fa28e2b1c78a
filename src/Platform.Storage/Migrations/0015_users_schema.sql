-- One name for one concept: the API calls the merchant's shoppers "users" (user(id), upsertUsers,
-- userId), so their tables live in the schema `users`; the attribute rows are `users.attributes`.
ALTER SCHEMA shoppers RENAME TO users;
ALTER TABLE users.users RENAME TO attributes;

-- The one definition of the hash an erasure record keeps instead of the user id.
CREATE FUNCTION users.erasure_hash(tenant_id text, user_id text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN encode(sha256(convert_to(tenant_id || ':' || user_id, 'UTF8')), 'hex');

-- Whether the user was erased at or after `as_of`: rows computed before an erasure must not bring the user back.
CREATE FUNCTION users.erased_since(tenant_id text, user_id text, as_of timestamptz) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN EXISTS (
        SELECT 1 FROM users.erasures e
        WHERE e.tenant_id = erased_since.tenant_id AND e.user_hash = users.erasure_hash(erased_since.tenant_id, erased_since.user_id)
          AND e.erased_at >= erased_since.as_of);
