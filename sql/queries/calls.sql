-- name: TaskInsert :one
INSERT INTO tasks (company_id, owner_id, kind, title, due_at, created_by)
VALUES (@company_id, sqlc.narg(owner_id), @kind, @title, @due_at, sqlc.narg(created_by))
RETURNING id;

-- name: TasksOpenByCompany :many
SELECT t.id, t.kind, t.title, t.due_at, coalesce(u.email, '')::text AS owner_email
FROM tasks t LEFT JOIN users u ON u.id = t.owner_id
WHERE t.company_id = @company_id AND t.done_at IS NULL
ORDER BY t.due_at, t.id;

-- name: QueueInsert :one
INSERT INTO call_queues (user_id, filter) VALUES (@user_id, @filter) RETURNING id;

-- name: QueueGet :one
SELECT id, user_id, filter, calls, skips, created_at FROM call_queues WHERE id = @id;

-- QueueHeld is the lead this queue holds a live lease on, if any.
-- name: QueueHeld :one
SELECT company_id FROM queue_leases WHERE queue_id = @queue_id AND leased_until > now() LIMIT 1;

-- LeaseClaim leases a lead to a queue unless another user holds a live
-- lease on it; it returns no row when someone else has it.
-- name: LeaseClaim :one
INSERT INTO queue_leases (company_id, user_id, queue_id, leased_until)
VALUES (@company_id, @user_id, @queue_id, now() + make_interval(secs => @secs::float8))
ON CONFLICT (company_id) DO UPDATE SET user_id = excluded.user_id, queue_id = excluded.queue_id,
    leased_until = excluded.leased_until
WHERE queue_leases.user_id = excluded.user_id OR queue_leases.leased_until <= now()
RETURNING company_id;

-- name: LeaseRenew :execrows
UPDATE queue_leases SET leased_until = now() + make_interval(secs => @secs::float8)
WHERE queue_id = @queue_id AND user_id = @user_id;

-- name: LeaseRelease :exec
DELETE FROM queue_leases WHERE queue_id = @queue_id;

-- name: QueueSkipInsert :exec
INSERT INTO queue_skips (queue_id, company_id) VALUES (@queue_id, @company_id) ON CONFLICT DO NOTHING;

-- name: QueueCount :exec
UPDATE call_queues SET calls = calls + @calls::int, skips = skips + @skips::int WHERE id = @id;
