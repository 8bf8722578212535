-- SignalFind finds the signal a source item (or any of its aliases) already became.
-- name: SignalFind :one
SELECT s.id, s.company_id, s.revised_at, s.amount_usd FROM signals s
WHERE s.source = @source AND s.source_item_id = ANY(@ids::text[])
UNION ALL
SELECT s.id, s.company_id, s.revised_at, s.amount_usd FROM signal_aliases a JOIN signals s ON s.id = a.signal_id
WHERE a.source = @source AND a.alias = ANY(@ids::text[])
LIMIT 1;

-- name: SignalInsert :one
INSERT INTO signals (company_id, source, source_item_id, kind, title, url, occurred_at, revised_at, amount_usd, raw,
                     amount, currency, round, lead_investors)
VALUES (@company_id, @source, @source_item_id, @kind, @title, @url, @occurred_at, @revised_at, @amount_usd, @raw,
        @amount, @currency, @round, @lead_investors)
RETURNING id;

-- SignalUpdate rewrites a signal with a newer or equal revision, only when
-- something in it changed.
-- name: SignalUpdate :execrows
UPDATE signals SET
    kind = @kind, title = @title, url = @url, occurred_at = @occurred_at,
    revised_at = @revised_at, amount_usd = @amount_usd, raw = @raw,
    amount = @amount, currency = @currency, round = @round, lead_investors = @lead_investors
WHERE id = @id AND revised_at <= @revised_at
  AND (kind, title, url, occurred_at, revised_at, amount_usd, raw, amount, currency, round, lead_investors)
      IS DISTINCT FROM (@kind::text, @title::text, @url::text, @occurred_at::timestamptz, @revised_at::timestamptz,
                        @amount_usd::bigint, @raw::jsonb, @amount::bigint, @currency::text, @round::text, @lead_investors::text[]);

-- name: SignalAliasInsert :exec
INSERT INTO signal_aliases (source, alias, signal_id) VALUES (@source, @alias, @signal_id)
ON CONFLICT (source, alias) DO NOTHING;

-- name: SignalListByCompany :many
SELECT id, source, source_item_id, kind, title, url, occurred_at, revised_at, first_seen_at, amount_usd, closed_at
FROM signals WHERE company_id = @company_id ORDER BY occurred_at DESC, id DESC;

-- name: SignalExists :one
SELECT (EXISTS (SELECT 1 FROM signals s WHERE s.source = @source::text AND s.source_item_id = @item_id::text)
    OR EXISTS (SELECT 1 FROM signal_aliases a WHERE a.source = @source::text AND a.alias = @item_id::text))::boolean AS found;

-- SignalExportBatch pages every signal of live companies by id, for the
-- audit-trail export.
-- name: SignalExportBatch :many
SELECT s.id, s.source, s.source_item_id, c.name AS company, c.domain, s.kind, s.amount, s.currency, s.amount_usd,
       s.round, s.lead_investors, s.occurred_at, s.first_seen_at, s.url
FROM signals s JOIN companies c ON c.id = s.company_id
WHERE s.id > @after_id
ORDER BY s.id
LIMIT @lim;

-- SignalClose marks an item its source reports closed; 1 when it just closed.
-- name: SignalClose :execrows
UPDATE signals SET closed_at = now() WHERE id = @id AND closed_at IS NULL;

-- name: SignalTouch :exec
UPDATE signals SET last_seen_at = now() WHERE id = @id;

-- SignalCloseStale closes a source's open projects that it has not listed
-- since before cutoff: they were filled, withdrawn or expired. The
-- evidence stays.
-- name: SignalCloseStale :many
UPDATE signals SET closed_at = now()
WHERE source = @source AND kind = 'project' AND closed_at IS NULL AND last_seen_at < @cutoff
RETURNING id, company_id, title;
