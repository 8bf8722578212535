-- CompanyFeatures gathers what scoring needs for a batch of companies in one
-- pass: the latest funding signal of each.
-- name: CompanyFeatures :many
SELECT c.id AS company_id, c.stage,
       coalesce(f.amount_usd, 0)::bigint AS last_funding_usd,
       coalesce(f.occurred_at, 'epoch'::timestamptz)::timestamptz AS last_funding_at,
       coalesce(f.url, '')::text AS evidence_url,
       coalesce(f.source, '')::text AS funding_source,
       coalesce(f.kind, '')::text AS funding_kind
FROM companies c
LEFT JOIN LATERAL (
    SELECT s.amount_usd, s.occurred_at, s.url, s.source, s.kind
    FROM signals s
    WHERE s.company_id = c.id AND s.kind IN ('form_d', 'funding_round', 'imported') AND s.amount_usd > 0
    ORDER BY s.occurred_at DESC, s.id DESC
    LIMIT 1
) f ON true
WHERE c.id = ANY(@ids::bigint[]);

-- CompanyScoreUpsertBatch writes a batch of scores in one statement (the
-- arrays are zipped by position; a funding time at the epoch means none).
-- name: CompanyScoreUpsertBatch :exec
INSERT INTO company_scores (company_id, total, parts, version, computed_at, last_funding_usd, last_funding_at, evidence_url)
SELECT u.company_id, u.total, u.parts, @version::text, @computed_at::timestamptz, u.last_funding_usd,
       nullif(u.last_funding_at, 'epoch'::timestamptz), u.evidence_url
FROM (
    SELECT unnest(@company_ids::bigint[]) AS company_id, unnest(@totals::int[]) AS total,
           unnest(@parts::jsonb[]) AS parts, unnest(@last_funding_usd::bigint[]) AS last_funding_usd,
           unnest(@last_funding_at::timestamptz[]) AS last_funding_at, unnest(@evidence_urls::text[]) AS evidence_url
) u
ON CONFLICT (company_id) DO UPDATE SET
    total = excluded.total, parts = excluded.parts, version = excluded.version,
    computed_at = excluded.computed_at, last_funding_usd = excluded.last_funding_usd,
    last_funding_at = excluded.last_funding_at, evidence_url = excluded.evidence_url;

-- CompanyFeaturesAfter is CompanyFeatures for the next lim live companies
-- after after_id, in id order: one range scan per rescoring batch.
-- name: CompanyFeaturesAfter :many
WITH c AS (
    SELECT co.id, co.stage FROM companies co WHERE co.id > @after_id AND co.merged_into IS NULL ORDER BY co.id LIMIT @lim
)
SELECT c.id AS company_id, c.stage,
       coalesce(f.amount_usd, 0)::bigint AS last_funding_usd,
       coalesce(f.occurred_at, 'epoch'::timestamptz)::timestamptz AS last_funding_at,
       coalesce(f.url, '')::text AS evidence_url,
       coalesce(f.source, '')::text AS funding_source,
       coalesce(f.kind, '')::text AS funding_kind
FROM c
LEFT JOIN LATERAL (
    SELECT s.amount_usd, s.occurred_at, s.url, s.source, s.kind
    FROM signals s
    WHERE s.company_id = c.id AND s.kind IN ('form_d', 'funding_round', 'imported') AND s.amount_usd > 0
    ORDER BY s.occurred_at DESC, s.id DESC
    LIMIT 1
) f ON true
ORDER BY c.id;
