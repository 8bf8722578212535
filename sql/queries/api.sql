-- name: APITokenInsert :one
INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
VALUES (@user_id, @name, @token_hash, @prefix, @created_at)
RETURNING id;

-- name: APITokenList :many
SELECT id, name, prefix, created_at, last_used_at, revoked_at
FROM api_tokens
WHERE user_id = @user_id
ORDER BY created_at DESC, id DESC;

-- name: APITokenRevoke :execrows
UPDATE api_tokens SET revoked_at = coalesce(revoked_at, @now::timestamptz)
WHERE id = @id AND user_id = @user_id;

-- APITokenFind returns the live (unrevoked) token with this hash and the
-- active user it belongs to.
-- name: APITokenFind :one
SELECT t.id, t.last_used_at, u.id AS user_id, u.email, u.role, u.active
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = @token_hash AND t.revoked_at IS NULL AND u.active;

-- name: APITokenTouch :exec
UPDATE api_tokens SET last_used_at = @now::timestamptz WHERE id = @id;
