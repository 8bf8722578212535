-- name: UserInsert :one
INSERT INTO users (email, password_hash, role) VALUES (@email, @password_hash, @role) RETURNING id;

-- name: UserGetByEmail :one
SELECT id, email, password_hash, role, active FROM users WHERE lower(email) = lower(@email);

-- name: UserGet :one
SELECT id, email, role, active FROM users WHERE id = @id;

-- name: UserCount :one
SELECT count(*) FROM users;
