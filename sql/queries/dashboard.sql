-- The Dashboard page: one aggregate per chart.

-- DashboardFunnel counts live companies per pipeline stage.
-- name: DashboardFunnel :many
SELECT stage, count(*)::int AS companies
FROM company_rank
GROUP BY stage;

-- DashboardCallsPerDay counts calls per day and result. Days are given by
-- their boundaries (bounds: each day's start, then the end of the last day,
-- so days follow the caller's time zone, daylight saving included); day 1
-- is the first day. since and until are the first and last bounds.
-- name: DashboardCallsPerDay :many
SELECT width_bucket(created_at, @bounds::timestamptz[])::int AS day, call_result, count(*)::int AS calls
FROM activities
WHERE kind = 'call' AND created_at >= @since AND created_at < @until
GROUP BY 1, 2;

-- DashboardSourceKindBands counts live companies by where the lead comes
-- from (funded: the lead list's kind=funded, a score that records a last
-- round in USD; client: a marketplace client profile; other) and score
-- band (0–24, 25–49, 50–74, 75–100; no score counts as 0).
-- name: DashboardSourceKindBands :many
SELECT CASE WHEN coalesce(s.last_funding_usd, 0) > 0 THEN 'funded'
            WHEN cp.company_id IS NOT NULL THEN 'client'
            ELSE 'other' END::text AS kind,
       (least(greatest(coalesce(s.total, 0), 0), 99) / 25)::int AS band,
       count(*)::int AS companies
FROM companies c
LEFT JOIN company_scores s ON s.company_id = c.id
LEFT JOIN client_profiles cp ON cp.company_id = c.id
WHERE c.merged_into IS NULL
GROUP BY 1, 2;

-- DashboardConversionBySource counts, per signal source, the live companies
-- that were ever contacted (their stage is Contacted or beyond, or a stage
-- change once moved them to Contacted) and those won; a company counts
-- once per source.
-- name: DashboardConversionBySource :many
SELECT p.source,
       count(*) FILTER (WHERE c.stage IN ('contacted', 'meeting', 'proposal', 'won', 'lost')
                        OR r.company_id IS NOT NULL)::int AS contacted,
       count(*) FILTER (WHERE c.stage = 'won')::int AS won
FROM (SELECT DISTINCT si.company_id, si.source FROM signals si) p
JOIN companies c ON c.id = p.company_id AND c.merged_into IS NULL
LEFT JOIN (SELECT DISTINCT a.company_id FROM activities a
           WHERE a.kind = 'stage_change' AND a.stage_to = 'contacted') r ON r.company_id = c.id
GROUP BY p.source
ORDER BY p.source;

-- DashboardActivity counts calls and notes since since_30 and since_7 (and
-- before until): the user's own, and those of every active user, with how
-- many users are active.
-- name: DashboardActivity :one
SELECT count(*) FILTER (WHERE a.user_id = @user_id::bigint AND a.kind = 'call' AND a.created_at >= @since_7)::int AS my_calls_7,
       count(*) FILTER (WHERE a.user_id = @user_id::bigint AND a.kind = 'call')::int AS my_calls_30,
       count(*) FILTER (WHERE a.user_id = @user_id::bigint AND a.kind = 'note' AND a.created_at >= @since_7)::int AS my_notes_7,
       count(*) FILTER (WHERE a.user_id = @user_id::bigint AND a.kind = 'note')::int AS my_notes_30,
       count(*) FILTER (WHERE u.active AND a.kind = 'call' AND a.created_at >= @since_7)::int AS team_calls_7,
       count(*) FILTER (WHERE u.active AND a.kind = 'call')::int AS team_calls_30,
       count(*) FILTER (WHERE u.active AND a.kind = 'note' AND a.created_at >= @since_7)::int AS team_notes_7,
       count(*) FILTER (WHERE u.active AND a.kind = 'note')::int AS team_notes_30,
       (SELECT count(*) FROM users WHERE active)::int AS active_users
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
WHERE a.kind IN ('call', 'note') AND a.created_at >= @since_30 AND a.created_at < @until;
