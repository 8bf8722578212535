-- Call outcomes (call_outcomes): what a call achieved, edited by admins.

-- name: OutcomeListActive :many
SELECT name, label, terminal, moves_to, position, active, created_at, updated_at
FROM call_outcomes WHERE active ORDER BY position, name;

-- name: OutcomeListAll :many
SELECT name, label, terminal, moves_to, position, active, created_at, updated_at
FROM call_outcomes ORDER BY position, name;

-- Locks every outcome, in order, so concurrent admin edits queue and the
-- rules over the whole list (at most 9 active, one open-ended) hold.
-- name: OutcomeLockAll :many
SELECT name, label, terminal, moves_to, position, active, created_at, updated_at
FROM call_outcomes ORDER BY position, name FOR UPDATE;

-- name: OutcomeGet :one
SELECT name, label, terminal, moves_to, position, active, created_at, updated_at
FROM call_outcomes WHERE name = @name;

-- name: OutcomeInsert :exec
INSERT INTO call_outcomes (name, label, terminal, moves_to, position)
VALUES (@name, @label, @terminal, @moves_to, @position);

-- name: OutcomeUpdate :execrows
UPDATE call_outcomes SET label = @label, terminal = @terminal, moves_to = @moves_to, updated_at = now()
WHERE name = @name;

-- name: OutcomeSetPosition :exec
UPDATE call_outcomes SET position = @position, updated_at = now()
WHERE name = @name AND position <> @position;

-- name: OutcomeSetActive :execrows
UPDATE call_outcomes SET active = @active, updated_at = now() WHERE name = @name;
