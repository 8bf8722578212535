-- +goose Up
-- Admins manage users from the Users page: a display name, and when a user
-- was deactivated (kept in step with active, which sign-in checks).
ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT '',
    ADD COLUMN deactivated_at timestamptz;
UPDATE users SET deactivated_at = now() WHERE NOT active;
ALTER TABLE users ADD CONSTRAINT users_deactivated_check CHECK (active = (deactivated_at IS NULL));

-- Failed sign-ins, counted per email (lower-cased) and per client address
-- to slow down password guessing; rows older than a day are deleted as new
-- ones arrive (by the index on at).
CREATE TABLE login_failures (
    email text        NOT NULL,
    ip    text        NOT NULL,
    at    timestamptz NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- +goose Down
DROP TABLE login_failures;
ALTER TABLE users DROP CONSTRAINT users_deactivated_check;
ALTER TABLE users DROP COLUMN deactivated_at, DROP COLUMN name;
