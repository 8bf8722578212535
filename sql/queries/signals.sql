-- SignalFind finds the signal a source item (or any of its aliases) already became.
-- name: SignalFind :one
SELECT s.id, s.company_id, s.revised_at, s.amount_usd FROM signals s
WHERE s.source = @source AND s.source_item_id = ANY(@ids::text[])
UNION ALL
SELECT s.id, s.company_id, s.revised_at, s.amount_usd FROM signal_aliases a JOIN signals s ON s.id = a.signal_id
WHERE a.source = @source AND a.alias = ANY(@ids::text[])
LIMIT 1;

-- name: SignalInsert :one
INSERT INTO signals (company_id, source, source_item_id, kind, title, url, occurred_at, revised_at, amount_usd, raw)
VALUES (@company_id, @source, @source_item_id, @kind, @title, @url, @occurred_at, @revised_at, @amount_usd, @raw)
RETURNING id;

-- SignalUpdate rewrites a signal with a newer or equal revision, only when
-- something in it changed.
-- name: SignalUpdate :execrows
UPDATE signals SET
    kind = @kind, title = @title, url = @url, occurred_at = @occurred_at,
    revised_at = @revised_at, amount_usd = @amount_usd, raw = @raw
WHERE id = @id AND revised_at <= @revised_at
  AND (kind, title, url, occurred_at, revised_at, amount_usd, raw)
      IS DISTINCT FROM (@kind::text, @title::text, @url::text, @occurred_at::timestamptz, @revised_at::timestamptz, @amount_usd::bigint, @raw::jsonb);

-- name: SignalAliasInsert :exec
INSERT INTO signal_aliases (source, alias, signal_id) VALUES (@source, @alias, @signal_id)
ON CONFLICT (source, alias) DO NOTHING;

-- name: SignalListByCompany :many
SELECT id, source, source_item_id, kind, title, url, occurred_at, revised_at, first_seen_at, amount_usd
FROM signals WHERE company_id = @company_id ORDER BY occurred_at DESC, id DESC;

-- name: SignalExists :one
SELECT (EXISTS (SELECT 1 FROM signals s WHERE s.source = @source::text AND s.source_item_id = @item_id::text)
    OR EXISTS (SELECT 1 FROM signal_aliases a WHERE a.source = @source::text AND a.alias = @item_id::text))::boolean AS found;
