-- name: ChangeInsert :exec
INSERT INTO company_changes (company_id, user_id, field, old_value, new_value)
VALUES (@company_id, sqlc.narg(user_id), @field, @old_value, @new_value);

-- name: ChangesByCompany :many
SELECT ch.field, ch.old_value, ch.new_value, ch.created_at, coalesce(u.email, '')::text AS user_email
FROM company_changes ch LEFT JOIN users u ON u.id = ch.user_id
WHERE ch.company_id = @company_id
ORDER BY ch.created_at DESC, ch.id DESC
LIMIT @lim;

-- BulkAssignOwner gives the companies to owner (NULL: unassigned) in one
-- statement, recording each change; it returns the companies changed.
-- name: BulkAssignOwner :many
WITH old AS (
    SELECT c.id, c.owner_id FROM companies c
    WHERE c.id = ANY(@ids::bigint[]) AND c.owner_id IS DISTINCT FROM sqlc.narg(owner_id)::bigint
    FOR UPDATE
),
up AS (
    UPDATE companies c SET owner_id = sqlc.narg(owner_id)::bigint, updated_at = now() FROM old WHERE c.id = old.id RETURNING c.id
)
INSERT INTO company_changes (company_id, user_id, field, old_value, new_value)
SELECT up.id, sqlc.narg(user_id)::bigint, 'owner', coalesce(ou.email, ''), coalesce(nu.email, '')
FROM up JOIN old ON old.id = up.id
LEFT JOIN users ou ON ou.id = old.owner_id
LEFT JOIN users nu ON nu.id = sqlc.narg(owner_id)::bigint
RETURNING company_id;

-- name: BulkAddTag :many
WITH ins AS (
    INSERT INTO company_tags (company_id, tag)
    SELECT c.id, @tag::text FROM companies c WHERE c.id = ANY(@ids::bigint[])
    ON CONFLICT DO NOTHING
    RETURNING company_id
)
INSERT INTO company_changes (company_id, user_id, field, old_value, new_value)
SELECT company_id, sqlc.narg(user_id)::bigint, 'tags', '', '+' || @tag::text FROM ins
RETURNING company_id;

-- name: BulkRemoveTag :many
WITH del AS (
    DELETE FROM company_tags WHERE company_id = ANY(@ids::bigint[]) AND tag = @tag::text RETURNING company_id
)
INSERT INTO company_changes (company_id, user_id, field, old_value, new_value)
SELECT company_id, sqlc.narg(user_id)::bigint, 'tags', '-' || @tag::text, '' FROM del
RETURNING company_id;

-- BulkSetStage moves the companies to stage in one statement, with a
-- timeline entry (note: the reason) and a change record for each.
-- name: BulkSetStage :many
WITH old AS (
    SELECT c.id, c.stage FROM companies c
    WHERE c.id = ANY(@ids::bigint[]) AND c.stage <> @stage::text AND c.merged_into IS NULL
    FOR UPDATE
),
up AS (
    UPDATE companies c SET stage = @stage::text, updated_at = now(), last_activity_at = now() FROM old WHERE c.id = old.id RETURNING c.id
),
act AS (
    INSERT INTO activities (company_id, user_id, kind, stage_from, stage_to, note)
    SELECT old.id, sqlc.narg(user_id)::bigint, 'stage_change', old.stage, @stage::text, @note::text FROM old JOIN up ON up.id = old.id
)
INSERT INTO company_changes (company_id, user_id, field, old_value, new_value)
SELECT old.id, sqlc.narg(user_id)::bigint, 'stage', old.stage, @stage::text FROM old JOIN up ON up.id = old.id
RETURNING company_id;

-- name: TagsInUse :many
SELECT t.tag, count(*)::int AS companies
FROM company_tags t JOIN companies c ON c.id = t.company_id AND c.merged_into IS NULL
GROUP BY t.tag ORDER BY t.tag;

-- name: CompanyFieldsGet :one
SELECT name, domain, phone FROM companies WHERE id = @id AND merged_into IS NULL FOR UPDATE;

-- name: CompanyFieldsSet :exec
UPDATE companies SET name = @name, name_norm = @name_norm, domain = @domain, phone = @phone, updated_at = now() WHERE id = @id;

-- name: ContactInsertManual :one
INSERT INTO contacts (company_id, name, title, email, phone, profile_url, source)
VALUES (@company_id, @name, @title, @email, @phone, @profile_url, 'manual')
RETURNING id;

-- name: ContactGetForUpdate :one
SELECT name, title, email, phone, profile_url FROM contacts WHERE id = @id AND company_id = @company_id FOR UPDATE;

-- name: ContactUpdate :exec
UPDATE contacts SET name = @name, title = @title, email = @email, phone = @phone, profile_url = @profile_url WHERE id = @id;

-- name: ViewSave :one
INSERT INTO saved_views (user_id, name, query, shared) VALUES (@user_id, @name, @query, @shared)
ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query, shared = excluded.shared
RETURNING id;

-- name: ViewsVisible :many
SELECT v.id, v.user_id, v.name, v.query, v.shared, u.email AS owner_email
FROM saved_views v JOIN users u ON u.id = v.user_id
WHERE v.user_id = @user_id OR v.shared
ORDER BY v.user_id <> @user_id, lower(v.name), v.id;

-- name: ViewGet :one
SELECT v.id, v.user_id, v.name, v.query, v.shared FROM saved_views v WHERE v.id = @id AND (v.user_id = @user_id OR v.shared);

-- name: ViewDelete :execrows
DELETE FROM saved_views WHERE id = @id AND user_id = @user_id;

-- name: UserDefaultViewSet :exec
UPDATE users SET default_view_id = sqlc.narg(view_id)::bigint WHERE id = @id;

-- name: UserDefaultView :one
SELECT coalesce(u.default_view_id, 0)::bigint FROM users u
JOIN saved_views v ON v.id = u.default_view_id AND (v.user_id = u.id OR v.shared)
WHERE u.id = @id;
