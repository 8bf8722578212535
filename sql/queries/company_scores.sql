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

-- name: CompanyIDsAfter :many
SELECT id FROM companies WHERE id > @after_id AND merged_into IS NULL ORDER BY id LIMIT @lim;

-- name: CompanyScoreUpsert :exec
INSERT INTO company_scores (company_id, total, parts, version, computed_at, last_funding_usd, last_funding_at, evidence_url)
VALUES (@company_id, @total, @parts, @version, @computed_at, @last_funding_usd, @last_funding_at, @evidence_url)
ON CONFLICT (company_id) DO UPDATE SET
    total = excluded.total, parts = excluded.parts, version = excluded.version,
    computed_at = excluded.computed_at, last_funding_usd = excluded.last_funding_usd,
    last_funding_at = excluded.last_funding_at, evidence_url = excluded.evidence_url;
