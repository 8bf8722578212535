-- name: UserInsert :one
INSERT INTO users (email, name, password_hash, role) VALUES (@email, @name, @password_hash, @role) RETURNING id;

-- name: UserGetByEmail :one
SELECT id, email, password_hash, role, active FROM users WHERE lower(email) = lower(@email);

-- name: UserGet :one
SELECT id, email, role, active FROM users WHERE id = @id;

-- name: UserCount :one
SELECT count(*) FROM users;

-- name: UserList :many
SELECT id, email, name, role, active, created_at, deactivated_at FROM users ORDER BY lower(email), id;

-- Locks the active admins, in id order, so two concurrent changes cannot
-- each remove "the other" last admin.
-- name: UserLockActiveAdmins :many
SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE;

-- name: UserSetRole :execrows
UPDATE users SET role = @role WHERE id = @id;

-- name: UserSetActive :execrows
UPDATE users SET active = @active,
    deactivated_at = CASE WHEN @active::boolean THEN NULL ELSE coalesce(deactivated_at, @now::timestamptz) END
WHERE id = @id;

-- name: UserSetPassword :one
UPDATE users SET password_hash = @password_hash WHERE id = @id RETURNING email;

-- Records a failed sign-in and deletes the failures older than before.
-- name: LoginFailureInsert :exec
WITH purged AS (DELETE FROM login_failures old WHERE old.at < @before)
INSERT INTO login_failures (email, ip, at) VALUES (@email, @ip, @at);

-- When each limit's oldest counted failure happened: the email_limit-th most
-- recent failure for the email, the ip_limit-th for the address, after
-- since; since itself while under the limit.
-- name: LoginFailureOldestCounted :one
SELECT
    coalesce((SELECT f.at FROM login_failures f WHERE f.email = @email AND f.at > @since
        ORDER BY f.at DESC OFFSET sqlc.arg(email_limit)::int - 1 LIMIT 1), @since)::timestamptz AS by_email,
    coalesce((SELECT f.at FROM login_failures f WHERE f.ip = @ip AND f.at > @since
        ORDER BY f.at DESC OFFSET sqlc.arg(ip_limit)::int - 1 LIMIT 1), @since)::timestamptz AS by_ip;

-- name: LoginFailuresClear :exec
DELETE FROM login_failures WHERE email = @email;
