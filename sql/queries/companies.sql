-- name: CompanyIDByKeys :one
SELECT company_id FROM company_keys WHERE key = ANY(@keys::text[]) ORDER BY array_position(@keys::text[], key) LIMIT 1;

-- name: CompanyKeyInsert :exec
INSERT INTO company_keys (key, company_id) VALUES (@key, @company_id) ON CONFLICT (key) DO NOTHING;

-- name: CompanyInsert :one
INSERT INTO companies (name, name_norm, domain, phone, street, city, state, zip, country, industry, entity_type, year_of_inc)
VALUES (@name, @name_norm, @domain, @phone, @street, @city, @state, @zip, @country, @industry, @entity_type, @year_of_inc)
RETURNING id;

-- name: CompanyDomainGet :one
SELECT domain FROM companies WHERE id = @id;

-- CompanySimilar finds live companies whose normalised names look like
-- name_norm, for the review queue.
-- name: CompanySimilar :many
SELECT id, name, domain, similarity(name_norm, @name_norm::text)::real AS similarity
FROM companies
WHERE merged_into IS NULL AND id <> @id AND name_norm % @name_norm::text
  AND similarity(name_norm, @name_norm::text) >= @min_similarity::real
ORDER BY similarity DESC, id
LIMIT 5;

-- name: CompanyNameNormSet :exec
UPDATE companies SET name_norm = @name_norm WHERE id = @id;

-- CompanyUpdateFromSource fills in what a source says, keeping known values
-- where the source says nothing, and touches the row only when it changes.
-- name: CompanyUpdateFromSource :execrows
UPDATE companies SET
    name        = coalesce(nullif(name, ''), @name::text),
    name_norm   = coalesce(nullif(name_norm, ''), @name_norm::text),
    domain      = coalesce(nullif(@domain::text, ''), domain),
    phone       = coalesce(nullif(@phone::text, ''), phone),
    street      = coalesce(nullif(@street::text, ''), street),
    city        = coalesce(nullif(@city::text, ''), city),
    state       = coalesce(nullif(@state::text, ''), state),
    zip         = coalesce(nullif(@zip::text, ''), zip),
    country     = coalesce(nullif(@country::text, ''), country),
    industry    = coalesce(nullif(@industry::text, ''), industry),
    entity_type = coalesce(nullif(@entity_type::text, ''), entity_type),
    year_of_inc = coalesce(nullif(@year_of_inc::int, 0), year_of_inc),
    updated_at  = now()
WHERE id = @id
  AND (name, name_norm, domain, phone, street, city, state, zip, country, industry, entity_type, year_of_inc)
      IS DISTINCT FROM (
        coalesce(nullif(name, ''), @name::text), coalesce(nullif(name_norm, ''), @name_norm::text),
        coalesce(nullif(@domain::text, ''), domain),
        coalesce(nullif(@phone::text, ''), phone), coalesce(nullif(@street::text, ''), street),
        coalesce(nullif(@city::text, ''), city), coalesce(nullif(@state::text, ''), state),
        coalesce(nullif(@zip::text, ''), zip), coalesce(nullif(@country::text, ''), country),
        coalesce(nullif(@industry::text, ''), industry), coalesce(nullif(@entity_type::text, ''), entity_type),
        coalesce(nullif(@year_of_inc::int, 0), year_of_inc));

-- name: CompanyGet :one
SELECT c.id, c.name, c.domain, c.phone, c.street, c.city, c.state, c.zip, c.country,
       c.industry, c.entity_type, c.year_of_inc, c.stage, c.created_at, c.updated_at,
       coalesce(s.total, 0)::int AS score,
       coalesce(d.parts, '[]')::jsonb AS score_parts,
       coalesce(s.version, '')::text AS score_version, s.computed_at AS scored_at,
       coalesce(s.last_funding_usd, 0)::bigint AS last_funding_usd, s.last_funding_at,
       coalesce(d.evidence_url, '')::text AS evidence_url, c.merged_into,
       coalesce(s.estimated_project_usd, 0)::bigint AS estimated_project_usd,
       coalesce(d.estimate_basis, '')::text AS estimate_basis,
       coalesce(c.owner_id, 0)::bigint AS owner_id, coalesce(u.email, '')::text AS owner_email,
       c.last_activity_at, c.last_contacted_at,
       coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM company_tags t WHERE t.company_id = c.id), '{}')::text[] AS tags
FROM companies c LEFT JOIN company_scores s ON s.company_id = c.id LEFT JOIN score_details d ON d.company_id = c.id
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.id = @id;

-- CompanyList pages the lead list (keyset: rows after (after_key, after_id)
-- in descending order of the sort key). Empty filters match everything.
-- Sort keys are whole numbers: the score, the estimate, the last activity
-- in microseconds, the id (newest), or the search rank × 10^6. The inner
-- query filters and sorts narrow rows (id and key); the page's columns,
-- the score's parts and the tags are read for the rows shown only.
-- name: CompanyList :many
SELECT c.id, c.name, c.domain, c.phone, c.city, c.state, c.industry, c.stage,
       coalesce(s.total, 0)::int AS score,
       coalesce(s.last_funding_usd, 0)::bigint AS last_funding_usd, s.last_funding_at,
       coalesce(d.evidence_url, '')::text AS evidence_url,
       coalesce(s.estimated_project_usd, 0)::bigint AS estimated_project_usd,
       coalesce(d.estimate_basis, '')::text AS estimate_basis,
       coalesce(s.version, '')::text AS score_version,
       coalesce(c.owner_id, 0)::bigint AS owner_id, coalesce(u.email, '')::text AS owner_email,
       c.created_at, c.last_activity_at, c.last_contacted_at,
       coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM company_tags t WHERE t.company_id = c.id), '{}')::text[] AS tags,
       coalesce(d.parts, '[]')::jsonb AS score_parts,
       l.sort_key::bigint AS sort_key
FROM (
    SELECT c.id, k.sort_key
    FROM companies c
    LEFT JOIN company_scores s ON s.company_id = c.id
    CROSS JOIN LATERAL (
        SELECT CASE @sort::text
                   WHEN 'estimate' THEN coalesce(s.estimated_project_usd, 0)
                   WHEN 'activity' THEN coalesce((extract(epoch FROM c.last_activity_at) * 1000000)::bigint, 0)
                   WHEN 'newest' THEN c.id
                   WHEN 'relevance' THEN (ts_rank(c.search, websearch_to_tsquery('simple', @query::text)) * 1000000)::bigint
                   ELSE coalesce(s.total, 0)
               END AS sort_key
    ) k
    WHERE c.merged_into IS NULL
      AND (k.sort_key, c.id) < (@after_key::bigint, @after_id::bigint)
      AND (cardinality(@ids::bigint[]) = 0 OR c.id = ANY(@ids::bigint[]))
      AND coalesce(s.total, 0) BETWEEN @min_score::int AND @max_score::int
      AND coalesce(s.estimated_project_usd, 0) >= @min_estimate::bigint
      AND (@part_bit::int = 0 OR coalesce(s.part_mask, 0) & @part_bit::int <> 0)
      AND (@industry::text = '' OR c.industry = @industry)
      AND (@stage::text = '' OR c.stage = @stage)
      AND (sqlc.narg(funded_since)::timestamptz IS NULL OR s.last_funding_at >= sqlc.narg(funded_since))
      AND (@kind::text = ''
           OR (@kind = 'funded' AND coalesce(s.last_funding_usd, 0) > 0)
           OR (@kind = 'client' AND EXISTS (SELECT 1 FROM client_profiles cp WHERE cp.company_id = c.id))
           OR (@kind = 'imported' AND EXISTS (SELECT 1 FROM signals si WHERE si.company_id = c.id AND si.source = 'import')))
      AND (@owner::text = '' OR (@owner = 'none' AND c.owner_id IS NULL) OR (@owner = 'me' AND c.owner_id = @me::bigint))
      AND (@tag::text = '' OR EXISTS (SELECT 1 FROM company_tags t WHERE t.company_id = c.id AND t.tag = @tag))
      AND (NOT @has_phone::boolean OR c.phone <> '')
      AND (NOT @not_contacted::boolean OR c.last_contacted_at IS NULL)
      AND (sqlc.narg(contacted_after)::timestamptz IS NULL OR c.last_contacted_at >= sqlc.narg(contacted_after))
      AND (sqlc.narg(contacted_before)::timestamptz IS NULL OR c.last_contacted_at < sqlc.narg(contacted_before))
      AND (@query::text = ''
           OR c.search @@ websearch_to_tsquery('simple', @query)
           OR c.name ILIKE '%' || @query || '%'
           OR c.id IN (SELECT si.company_id FROM signals si WHERE si.search @@ websearch_to_tsquery('simple', @query))
           OR c.id IN (SELECT a.company_id FROM activities a WHERE a.search @@ websearch_to_tsquery('simple', @query)))
      -- in a call queue: never Do-not-contact, not open in another user's
      -- queue, not called within the cooldown, not skipped in this queue
      AND (@queue_id::bigint = 0 OR (
            c.stage <> 'do_not_contact'
            AND NOT EXISTS (SELECT 1 FROM queue_leases l
                            WHERE l.company_id = c.id AND l.user_id <> @queue_user::bigint AND l.leased_until > now())
            AND NOT EXISTS (SELECT 1 FROM activities a
                            WHERE a.company_id = c.id AND a.kind = 'call'
                              AND a.created_at > now() - make_interval(secs => @cooldown_secs::float8))
            AND NOT EXISTS (SELECT 1 FROM queue_skips k WHERE k.queue_id = @queue_id::bigint AND k.company_id = c.id)))
    ORDER BY k.sort_key DESC, c.id DESC
    LIMIT @lim
) l
JOIN companies c ON c.id = l.id
LEFT JOIN company_scores s ON s.company_id = c.id
LEFT JOIN score_details d ON d.company_id = c.id
LEFT JOIN users u ON u.id = c.owner_id
ORDER BY l.sort_key DESC, l.id DESC;

-- name: CompanyIndustries :many
SELECT DISTINCT industry FROM companies WHERE industry <> '' AND merged_into IS NULL ORDER BY industry;

-- name: CompanyStageGet :one
SELECT stage FROM companies WHERE id = @id FOR UPDATE;

-- name: CompanyStageSet :exec
UPDATE companies SET stage = @stage, updated_at = now() WHERE id = @id;

-- AdvisoryXactLock serialises work on one key until the transaction ends.
-- name: AdvisoryXactLock :exec
SELECT pg_advisory_xact_lock(hashtextextended(@key::text, 0));

-- name: CompanyKeyNames :many
SELECT c.id, c.name FROM companies c WHERE c.name_norm = '' ORDER BY c.id LIMIT @lim;

-- CompanyCategoriesAdd adds the categories a source names to the company's
-- set, touching the row only when one is new.
-- name: CompanyCategoriesAdd :exec
UPDATE companies
SET categories = (SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') FROM unnest(categories || @categories::text[]) x)
WHERE id = @id AND NOT categories @> @categories::text[];
