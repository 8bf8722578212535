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

-- TasksDueBefore lists a user's open tasks due before a time (the end of
-- their day: overdue and due today), soonest first, with what a caller
-- needs about each company.
-- name: TasksDueBefore :many
SELECT t.id, t.kind, t.title, t.due_at, coalesce(u.email, '')::text AS owner_email,
       t.company_id, c.name AS company_name, c.phone, c.stage, coalesce(s.total, 0)::int AS score
FROM tasks t
JOIN companies c ON c.id = t.company_id
LEFT JOIN company_scores s ON s.company_id = c.id
LEFT JOIN users u ON u.id = t.owner_id
WHERE t.owner_id = @owner_id::bigint AND t.done_at IS NULL AND t.due_at < @before AND c.merged_into IS NULL
ORDER BY t.due_at, t.id
LIMIT @lim;

-- TaskLock reads a task and its company's stage, locking both: completing
-- a company's last open steps at the same time cannot leave it with none.
-- name: TaskLock :one
SELECT t.id, t.company_id, t.owner_id, t.done_at, c.stage
FROM tasks t JOIN companies c ON c.id = t.company_id
WHERE t.id = @id
FOR UPDATE;

-- name: TasksOpenOthers :one
SELECT count(*) FROM tasks WHERE company_id = @company_id AND done_at IS NULL AND id <> @id;

-- name: TaskDone :exec
UPDATE tasks SET done_at = now() WHERE id = @id AND done_at IS NULL;

-- TaskSnooze moves an open task of the user's (or nobody's) on by secs from
-- its due time, or from now when that has passed; no row when it is not
-- theirs, done or gone.
-- name: TaskSnooze :one
UPDATE tasks SET due_at = greatest(due_at, @now::timestamptz) + make_interval(secs => @secs::float8)
WHERE id = @id AND done_at IS NULL AND (owner_id = @user_id::bigint OR owner_id IS NULL)
RETURNING due_at;

-- CompaniesHot are high-scoring New leads nobody has called, the user's
-- or unassigned, best first.
-- name: CompaniesHot :many
SELECT c.id, c.name, c.phone, c.stage, s.total AS score,
       s.estimated_project_usd, coalesce(d.estimate_basis, '')::text AS estimate_basis,
       coalesce(c.owner_id, 0)::bigint AS owner_id, coalesce(u.email, '')::text AS owner_email,
       c.created_at, c.last_activity_at
FROM company_rank r
JOIN companies c ON c.id = r.company_id
JOIN company_scores s ON s.company_id = c.id
LEFT JOIN score_details d ON d.company_id = c.id
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.merged_into IS NULL AND c.stage = 'new' AND c.last_contacted_at IS NULL
  AND r.total >= @min_score::int
  AND (c.owner_id = @user_id::bigint OR c.owner_id IS NULL)
ORDER BY r.total DESC, r.company_id DESC
LIMIT @lim;

-- CompaniesStale are leads in an open stage (contacted, meeting, proposal)
-- nobody has worked since cutoff (never worked: since they were created),
-- the user's or unassigned, best first.
-- name: CompaniesStale :many
SELECT c.id, c.name, c.phone, c.stage, coalesce(s.total, 0)::int AS score,
       coalesce(s.estimated_project_usd, 0)::bigint AS estimated_project_usd,
       coalesce(d.estimate_basis, '')::text AS estimate_basis,
       coalesce(c.owner_id, 0)::bigint AS owner_id, coalesce(u.email, '')::text AS owner_email,
       c.created_at, c.last_activity_at
FROM (
    -- the best of each open stage, each read in score order from the
    -- pipeline's index, then merged
    SELECT k.company_id, k.total
    FROM unnest('{contacted,meeting,proposal}'::text[]) AS st (stage)
    CROSS JOIN LATERAL (
        SELECT r.company_id, r.total
        FROM company_rank r
        JOIN companies c ON c.id = r.company_id
        WHERE r.stage = st.stage AND c.merged_into IS NULL
          AND coalesce(c.last_activity_at, c.created_at) < @cutoff::timestamptz
          AND (c.owner_id = @user_id::bigint OR c.owner_id IS NULL)
        ORDER BY r.total DESC, r.company_id DESC
        LIMIT @lim
    ) k
) best
JOIN companies c ON c.id = best.company_id
LEFT JOIN company_scores s ON s.company_id = c.id
LEFT JOIN score_details d ON d.company_id = c.id
LEFT JOIN users u ON u.id = c.owner_id
ORDER BY best.total DESC, best.company_id DESC
LIMIT @lim;
