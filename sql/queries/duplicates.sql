-- name: DuplicateInsert :exec
INSERT INTO possible_duplicates (company_a, company_b, similarity, reason)
VALUES (least(@x::bigint, @y::bigint), greatest(@x::bigint, @y::bigint), @similarity, @reason)
ON CONFLICT (company_a, company_b) DO NOTHING;

-- DuplicateListPending lists the review queue, both sides of each pair with
-- what a person needs to decide.
-- name: DuplicateListPending :many
SELECT d.id, d.similarity, d.reason, d.created_at,
       a.id AS a_id, a.name AS a_name, a.domain AS a_domain, a.industry AS a_industry, a.city AS a_city,
       (SELECT count(*) FROM signals WHERE company_id = a.id) AS a_signals,
       b.id AS b_id, b.name AS b_name, b.domain AS b_domain, b.industry AS b_industry, b.city AS b_city,
       (SELECT count(*) FROM signals WHERE company_id = b.id) AS b_signals
FROM possible_duplicates d
JOIN companies a ON a.id = d.company_a AND a.merged_into IS NULL
JOIN companies b ON b.id = d.company_b AND b.merged_into IS NULL
WHERE d.status = 'pending'
ORDER BY d.similarity DESC, d.id
LIMIT @lim;

-- name: DuplicateGet :one
SELECT id, company_a, company_b, status FROM possible_duplicates WHERE id = @id FOR UPDATE;

-- name: DuplicateDecide :exec
UPDATE possible_duplicates SET status = @status, decided_by = sqlc.narg(decided_by), decided_at = now() WHERE id = @id;

-- name: DuplicateReopen :exec
UPDATE possible_duplicates SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = @id;

-- name: DuplicatePendingCount :one
SELECT count(*) FROM possible_duplicates d
JOIN companies a ON a.id = d.company_a AND a.merged_into IS NULL
JOIN companies b ON b.id = d.company_b AND b.merged_into IS NULL
WHERE d.status = 'pending';
