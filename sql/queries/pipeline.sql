-- PipelineTotals counts live companies per stage with the sum of their
-- estimated projects.
-- name: PipelineTotals :many
SELECT r.stage, count(*)::bigint AS companies, coalesce(sum(r.estimate), 0)::bigint AS estimated_usd
FROM company_rank r
GROUP BY r.stage;

-- PipelineCards are the best-scored live companies of each stage asked
-- for, up to per_stage each, by score.
-- name: PipelineCards :many
SELECT st.stage::text AS stage, k.id, k.name, k.score, k.estimated_project_usd, k.owner_email,
       k.last_worked_at::timestamptz AS last_worked_at
FROM unnest(@stages::text[]) AS st (stage)
CROSS JOIN LATERAL (
    SELECT c.id, c.name, coalesce(s.total, 0)::int AS score,
           coalesce(s.estimated_project_usd, 0)::bigint AS estimated_project_usd,
           coalesce(u.email, '')::text AS owner_email,
           coalesce(c.last_activity_at, c.created_at) AS last_worked_at
    FROM company_rank r
    JOIN companies c ON c.id = r.company_id
    LEFT JOIN company_scores s ON s.company_id = c.id
    LEFT JOIN users u ON u.id = c.owner_id
    WHERE r.stage = st.stage AND c.merged_into IS NULL
    ORDER BY r.total DESC, r.company_id DESC
    LIMIT @per_stage::int
) k
ORDER BY array_position(@stages::text[], st.stage), k.score DESC, k.id DESC;
