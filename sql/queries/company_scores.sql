-- ScoreFeatures gathers everything scoring needs for a batch of live
-- companies in one statement: either the companies in ids, or (ids empty)
-- those with after_id < id <= upto_id, in id order. The batch's signals
-- are read once, newest first, and aggregated in one pass ("[1]" of an
-- array is the newest match); month_ago is 30 days before the scoring clock.
-- name: ScoreFeatures :many
WITH c AS (
    SELECT co.id, co.stage, co.industry, co.categories
    FROM companies co
    WHERE co.merged_into IS NULL
      AND CASE WHEN cardinality(@ids::bigint[]) > 0 THEN co.id = ANY(@ids::bigint[])
               ELSE co.id > @after_id::bigint AND co.id <= @upto_id::bigint END
),
sig AS MATERIALIZED (
    SELECT s.company_id, s.id, s.kind, s.url, s.occurred_at, s.amount_usd, s.round, s.raw, s.closed_at,
           CASE WHEN s.kind = 'form_d' THEN 'Form D'
                WHEN s.source = 'news' THEN 'news:' || coalesce(s.raw ->> 'feed_host', '')
                ELSE s.source END AS label,
           s.kind IN ('form_d', 'funding_round', 'imported') AND s.amount_usd > 0 AS funding,
           s.kind = 'hiring' AND s.closed_at IS NULL AS hiring,
           s.kind = 'project' AND s.raw -> 'qualifies' = 'true'::jsonb AS project
    FROM signals s JOIN c ON c.id = s.company_id
    -- the same bounds again, so the planner range-scans the index
    WHERE CASE WHEN cardinality(@ids::bigint[]) > 0 THEN s.company_id = ANY(@ids::bigint[])
               ELSE s.company_id > @after_id::bigint AND s.company_id <= @upto_id::bigint END
),
agg AS (
    SELECT o.company_id,
           (array_agg(o.amount_usd) FILTER (WHERE o.funding))[1] AS round_usd,
           max(o.occurred_at) FILTER (WHERE o.funding) AS round_at,
           (array_agg(o.url) FILTER (WHERE o.funding))[1] AS round_url,
           (array_agg(o.raw ->> 'industry') FILTER (WHERE o.kind = 'form_d' AND coalesce(o.raw ->> 'industry', '') <> ''))[1] AS industry,
           (array_agg(o.url) FILTER (WHERE o.kind = 'form_d' AND (coalesce(o.raw ->> 'investment_fund_type', '') <> ''
                OR o.raw ->> 'industry' = 'Pooled Investment Fund')))[1] AS pooled_url,
           (array_agg(o.url) FILTER (WHERE o.kind = 'form_d'))[1] AS form_d_url,
           (array_agg(o.raw ->> 'batch') FILTER (WHERE o.kind = 'yc_batch'))[1] AS yc_batch,
           (array_agg(o.raw -> 'is_hiring' = 'true'::jsonb) FILTER (WHERE o.kind = 'yc_batch'))[1] AS yc_hiring,
           (array_agg(o.url) FILTER (WHERE o.kind = 'yc_batch'))[1] AS yc_url,
           count(*) FILTER (WHERE o.hiring) AS hiring_posts,
           count(*) FILTER (WHERE o.hiring AND o.raw -> 'engineering' = 'true'::jsonb) AS engineering_posts,
           max(o.occurred_at) FILTER (WHERE o.hiring) AS last_hiring_at,
           (array_agg(o.url) FILTER (WHERE o.hiring))[1] AS hiring_url,
           (array_agg(o.label) FILTER (WHERE o.hiring))[1] AS hiring_source,
           count(*) FILTER (WHERE o.project AND o.occurred_at >= @month_ago::timestamptz) AS n30,
           min(o.amount_usd) FILTER (WHERE o.project AND o.occurred_at >= @month_ago::timestamptz) AS min30,
           max(o.amount_usd) FILTER (WHERE o.project AND o.occurred_at >= @month_ago::timestamptz) AS max30,
           sum(o.amount_usd) FILTER (WHERE o.project AND o.occurred_at >= @month_ago::timestamptz) AS sum30,
           max(o.occurred_at) FILTER (WHERE o.project) AS last_project_at,
           (array_agg(o.url) FILTER (WHERE o.project))[1] AS last_project_url,
           max(o.occurred_at) AS last_signal_at,
           (array_agg(o.url))[1] AS last_signal_url,
           (array_agg(o.label))[1] AS last_signal_source
    -- sorted input keeps each group's rows newest first
    FROM (SELECT * FROM sig ORDER BY company_id, occurred_at DESC, id DESC) o
    GROUP BY o.company_id
),
fund AS (
    SELECT g.company_id,
           array_agg(DISTINCT g.label) FILTER (WHERE g.occurred_at >= a.round_at - interval '45 days') AS labels,
           (array_agg(g.round ORDER BY g.occurred_at DESC, g.id DESC)
               FILTER (WHERE g.round NOT IN ('', 'Undisclosed') AND g.occurred_at >= a.round_at - interval '45 days'))[1] AS round
    FROM sig g JOIN agg a USING (company_id)
    WHERE g.funding
    GROUP BY g.company_id
),
raised AS (
    SELECT company_id, max(total)::bigint AS total
    FROM (SELECT company_id, label, sum(amount_usd) AS total FROM sig WHERE funding GROUP BY company_id, label) t
    GROUP BY company_id
),
lost AS (
    SELECT a.company_id, max(a.created_at) AS at
    FROM activities a JOIN c ON c.id = a.company_id AND c.stage = 'lost'
    WHERE a.kind = 'stage_change' AND a.stage_to = 'lost'
    GROUP BY a.company_id
)
SELECT c.id AS company_id, c.stage, c.categories,
       coalesce(cs.total, -1)::int AS old_total,
       coalesce(agg.industry, c.industry)::text AS industry,
       coalesce(lost.at, 'epoch'::timestamptz)::timestamptz AS lost_at,
       coalesce(agg.round_usd, 0)::bigint AS round_usd,
       coalesce(agg.round_at, 'epoch'::timestamptz)::timestamptz AS round_at,
       coalesce(agg.round_url, '')::text AS round_url,
       coalesce(fund.round, '')::text AS round_name,
       coalesce(fund.labels, '{}')::text[] AS round_sources,
       coalesce(raised.total, 0)::bigint AS total_raised_usd,
       coalesce(agg.pooled_url, '')::text AS pooled_url,
       coalesce(agg.form_d_url, '')::text AS form_d_url,
       coalesce(agg.yc_batch, '')::text AS yc_batch,
       coalesce(agg.yc_hiring, false)::boolean AS yc_hiring,
       coalesce(agg.yc_url, '')::text AS yc_url,
       coalesce(cp.marketplaces[1], '')::text AS marketplace,
       coalesce(cp.largest_budget_usd, 0)::bigint AS largest_project_usd,
       coalesce(cp.median_budget_usd, 0)::bigint AS median_project_usd,
       coalesce(cp.hourly_estimate_usd, 0)::bigint AS hourly_project_usd,
       coalesce(cp.total_spend_usd, 0)::bigint AS client_spend_usd,
       coalesce(cp.projects, 0)::int AS projects,
       coalesce(cp.qualifying_90d, 0)::int AS projects_90d,
       coalesce(cp.payment_verified, false)::boolean AS payment_verified,
       coalesce(cp.hire_rate, 0)::real AS hire_rate,
       coalesce(cp.reviews, 0)::int AS reviews,
       coalesce(cp.hires, 0)::int AS hires,
       coalesce(agg.n30, 0)::int AS projects_30d,
       coalesce(agg.min30, 0)::bigint AS min_30d_usd,
       coalesce(agg.max30, 0)::bigint AS max_30d_usd,
       coalesce(agg.sum30, 0)::bigint AS sum_30d_usd,
       coalesce(agg.last_project_at, 'epoch'::timestamptz)::timestamptz AS last_project_at,
       coalesce(agg.last_project_url, '')::text AS last_project_url,
       coalesce(agg.hiring_posts, 0)::int AS hiring_posts,
       coalesce(agg.engineering_posts, 0)::int AS engineering_posts,
       coalesce(agg.last_hiring_at, 'epoch'::timestamptz)::timestamptz AS last_hiring_at,
       coalesce(agg.hiring_url, '')::text AS hiring_url,
       coalesce(agg.hiring_source, '')::text AS hiring_source,
       coalesce(agg.last_signal_at, 'epoch'::timestamptz)::timestamptz AS last_signal_at,
       coalesce(agg.last_signal_url, '')::text AS last_signal_url,
       coalesce(agg.last_signal_source, '')::text AS last_signal_source
FROM c
LEFT JOIN agg ON agg.company_id = c.id
LEFT JOIN fund ON fund.company_id = c.id
LEFT JOIN raised ON raised.company_id = c.id
LEFT JOIN lost ON lost.company_id = c.id
LEFT JOIN company_scores cs ON cs.company_id = c.id
    AND CASE WHEN cardinality(@ids::bigint[]) > 0 THEN cs.company_id = ANY(@ids::bigint[])
             ELSE cs.company_id > @after_id::bigint AND cs.company_id <= @upto_id::bigint END
LEFT JOIN client_profiles cp ON cp.company_id = c.id
    AND CASE WHEN cardinality(@ids::bigint[]) > 0 THEN cp.company_id = ANY(@ids::bigint[])
             ELSE cp.company_id > @after_id::bigint AND cp.company_id <= @upto_id::bigint END
ORDER BY c.id;

-- ScoreUpsertBatch writes a batch of scores in one statement (the arrays
-- are zipped by position; a funding time at the epoch means none) and
-- records a history row for each company whose total changed.
-- name: ScoreUpsertBatch :exec
WITH u AS (
    SELECT unnest(@company_ids::bigint[]) AS company_id, unnest(@totals::int[]) AS total,
           unnest(@parts::jsonb[]) AS parts, unnest(@last_funding_usd::bigint[]) AS last_funding_usd,
           unnest(@last_funding_at::timestamptz[]) AS last_funding_at, unnest(@evidence_urls::text[]) AS evidence_url,
           unnest(@estimates::bigint[]) AS estimated_project_usd, unnest(@bases::text[]) AS estimate_basis,
           unnest(@part_masks::int[]) AS part_mask, unnest(@changed::boolean[]) AS changed
),
up AS (
    INSERT INTO company_scores AS cs (company_id, total, version, computed_at, last_funding_usd, last_funding_at,
        estimated_project_usd, weights_version, part_mask)
    SELECT u.company_id, u.total, @version::text, @computed_at::timestamptz, u.last_funding_usd,
           nullif(u.last_funding_at, 'epoch'::timestamptz), u.estimated_project_usd, @weights_version::int, u.part_mask
    FROM u
    ON CONFLICT (company_id) DO UPDATE SET
        total = excluded.total, version = excluded.version,
        computed_at = excluded.computed_at, last_funding_usd = excluded.last_funding_usd,
        last_funding_at = excluded.last_funding_at, estimated_project_usd = excluded.estimated_project_usd,
        weights_version = excluded.weights_version, part_mask = excluded.part_mask
),
details AS (
    INSERT INTO score_details AS d (company_id, parts, estimate_basis, evidence_url)
    SELECT u.company_id, u.parts, u.estimate_basis, u.evidence_url FROM u
    ON CONFLICT (company_id) DO UPDATE SET
        parts = excluded.parts, estimate_basis = excluded.estimate_basis, evidence_url = excluded.evidence_url
    WHERE (d.parts, d.estimate_basis, d.evidence_url) IS DISTINCT FROM (excluded.parts, excluded.estimate_basis, excluded.evidence_url)
),
-- The list's order follows when asked (rescoring every company rebuilds
-- it at the end instead: see RankRebuild).
-- (Every live company has its row, added by a trigger.)
ranked AS (
    UPDATE company_rank r SET total = u.total, estimate = u.estimated_project_usd
    FROM u
    WHERE @rank::boolean AND r.company_id = u.company_id
      AND (r.total, r.estimate) IS DISTINCT FROM (u.total, u.estimated_project_usd)
)
INSERT INTO score_history (company_id, recorded_at, total, version)
SELECT u.company_id, @computed_at::timestamptz, u.total, @version::text FROM u WHERE u.changed;

-- name: ScoreHistory :many
SELECT recorded_at, total, version FROM score_history
WHERE company_id = @company_id ORDER BY recorded_at DESC LIMIT @lim;

-- name: CompanyIDBounds :one
SELECT coalesce(min(id), 0)::bigint AS min_id, coalesce(max(id), 0)::bigint AS max_id FROM companies WHERE merged_into IS NULL;

-- TopScoredIDs are the companies at the top of the list, for the weights preview.
-- name: TopScoredIDs :many
SELECT r.company_id FROM company_rank r JOIN companies c ON c.id = r.company_id AND c.merged_into IS NULL
ORDER BY r.total DESC, r.company_id DESC LIMIT @lim;

-- name: CompanyNames :many
SELECT id, name FROM companies WHERE id = ANY(@ids::bigint[]);

-- name: SynchronousCommitOff :exec
SET LOCAL synchronous_commit = off;

