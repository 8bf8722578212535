-- name: ActivityInsert :one
INSERT INTO activities (company_id, user_id, kind, call_result, outcome, note, stage_from, stage_to)
VALUES (@company_id, sqlc.narg(user_id), @kind, @call_result, @outcome, @note, @stage_from, @stage_to)
RETURNING id, created_at;

-- name: ActivityListByCompany :many
SELECT a.id, a.kind, a.call_result, a.outcome, a.note, a.stage_from, a.stage_to, a.created_at,
       coalesce(u.email, '')::text AS user_email,
       coalesce(o.label, a.outcome)::text AS outcome_label
FROM activities a LEFT JOIN users u ON u.id = a.user_id
    LEFT JOIN call_outcomes o ON o.name = a.outcome
WHERE a.company_id = @company_id
ORDER BY a.created_at DESC, a.id DESC
LIMIT @lim;

-- ActivityTouch keeps the company's last activity (and last call) current.
-- name: ActivityTouch :exec
UPDATE companies SET last_activity_at = @at,
    last_contacted_at = CASE WHEN @is_call::boolean THEN @at ELSE last_contacted_at END
WHERE id = @id;
