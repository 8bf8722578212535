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

-- CompanyRows reads the lead list's columns for the companies of one page
-- (crm.ListCompanies finds which, in order, with a query built per sort).
-- name: CompanyRows :many
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
       coalesce(d.parts, '[]')::jsonb AS score_parts
FROM companies c
LEFT JOIN company_scores s ON s.company_id = c.id
LEFT JOIN score_details d ON d.company_id = c.id
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.id = ANY(@ids::bigint[]);

-- CompanyIndustries lists the industries of live companies, in order: one
-- index step per industry (a handful) rather than reading every company.
-- name: CompanyIndustries :many
WITH RECURSIVE i (industry) AS (
    (SELECT c.industry FROM companies c WHERE c.industry > '' AND c.merged_into IS NULL ORDER BY c.industry LIMIT 1)
    UNION ALL
    SELECT (SELECT c.industry FROM companies c WHERE c.industry > i.industry AND c.merged_into IS NULL
            ORDER BY c.industry LIMIT 1)
    FROM i WHERE i.industry IS NOT NULL
)
SELECT i.industry::text AS industry FROM i WHERE i.industry IS NOT NULL;

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
