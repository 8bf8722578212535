-- ClientProfileRefresh recomputes one client's profile from its project
-- signals in one statement. Client-level figures (spend, hires, reviews…)
-- come from the newest project's raw fields, which carry the client's
-- stats as the marketplace reported them.
-- name: ClientProfileRefresh :exec
WITH p AS (
    SELECT s.source, s.amount_usd, s.occurred_at, s.closed_at, s.first_seen_at, s.raw,
           coalesce((s.raw ->> 'qualifies')::boolean, s.amount_usd >= @min_usd::bigint) AS qualifies
    FROM signals s
    WHERE s.company_id = @company_id AND s.kind = 'project'
), newest AS (
    SELECT raw FROM p ORDER BY occurred_at DESC LIMIT 1
), agg AS (
    SELECT array_agg(DISTINCT source ORDER BY source) AS marketplaces,
           count(*)::int AS projects,
           count(*) FILTER (WHERE qualifies)::int AS qualifying,
           count(*) FILTER (WHERE qualifies AND occurred_at >= now() - interval '90 days')::int AS qualifying_90d,
           count(*) FILTER (WHERE closed_at IS NULL)::int AS open_projects,
           coalesce(max(amount_usd) FILTER (WHERE qualifies), 0)::bigint AS largest,
           coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY amount_usd) FILTER (WHERE qualifies), 0)::bigint AS median,
           -- Freelancer says "type", Upwork "job_type"
           coalesce(max(amount_usd) FILTER (WHERE coalesce(raw ->> 'type', raw ->> 'job_type') = 'hourly'), 0)::bigint AS hourly,
           min(first_seen_at) AS first_seen, max(occurred_at) AS last_seen
    FROM p
)
INSERT INTO client_profiles (company_id, marketplaces, projects, qualifying_projects, qualifying_90d, open_projects,
    largest_budget_usd, median_budget_usd, hourly_estimate_usd, total_spend_usd, hires, hire_rate, payment_verified,
    reviews, country, first_seen_at, last_seen_at, updated_at)
SELECT @company_id, agg.marketplaces, agg.projects, agg.qualifying, agg.qualifying_90d, agg.open_projects,
    agg.largest, agg.median, agg.hourly,
    coalesce((n.raw ->> 'client_total_spend_usd')::numeric, 0)::bigint,
    coalesce((n.raw ->> 'client_total_hires')::numeric, (n.raw ->> 'client_jobs_completed')::numeric, 0)::int,
    coalesce((n.raw ->> 'client_hire_rate')::real,
             CASE WHEN coalesce((n.raw ->> 'client_jobs_posted')::numeric, 0) > 0
                  THEN ((n.raw ->> 'client_jobs_completed')::numeric / (n.raw ->> 'client_jobs_posted')::numeric)::real END, 0),
    coalesce((n.raw ->> 'client_payment_verified')::boolean, false),
    coalesce((n.raw ->> 'client_reviews')::numeric, 0)::int,
    coalesce(n.raw ->> 'client_country', ''),
    agg.first_seen, agg.last_seen, now()
FROM agg, newest n
WHERE agg.projects > 0
ON CONFLICT (company_id) DO UPDATE SET
    marketplaces = excluded.marketplaces, projects = excluded.projects,
    qualifying_projects = excluded.qualifying_projects, qualifying_90d = excluded.qualifying_90d,
    open_projects = excluded.open_projects, largest_budget_usd = excluded.largest_budget_usd,
    median_budget_usd = excluded.median_budget_usd, hourly_estimate_usd = excluded.hourly_estimate_usd,
    total_spend_usd = excluded.total_spend_usd, hires = excluded.hires, hire_rate = excluded.hire_rate,
    payment_verified = excluded.payment_verified, reviews = excluded.reviews, country = excluded.country,
    first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at, updated_at = now();

-- name: ClientProfileGet :one
SELECT marketplaces, projects, qualifying_projects, qualifying_90d, open_projects, largest_budget_usd,
       median_budget_usd, hourly_estimate_usd, total_spend_usd, hires, hire_rate, payment_verified, reviews,
       country, first_seen_at, last_seen_at
FROM client_profiles WHERE company_id = @company_id;
