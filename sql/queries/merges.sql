-- name: MergeLockCompany :one
SELECT id, name, merged_into,
       jsonb_build_object('domain', domain, 'phone', phone, 'street', street, 'city', city, 'state', state,
                          'zip', zip, 'country', country, 'industry', industry, 'entity_type', entity_type,
                          'year_of_inc', year_of_inc)::jsonb AS fields
FROM companies WHERE id = @id FOR UPDATE;

-- name: MergeMoveSignals :many
UPDATE signals SET company_id = @winner_id WHERE company_id = @loser_id RETURNING id;

-- MergeMoveContacts moves the loser's contacts the winner does not already have.
-- name: MergeMoveContacts :many
UPDATE contacts c SET company_id = @winner_id
WHERE c.company_id = @loser_id
  AND NOT EXISTS (SELECT 1 FROM contacts w WHERE w.company_id = @winner_id AND w.source = c.source AND w.name = c.name)
RETURNING c.id;

-- name: MergeMoveActivities :many
UPDATE activities SET company_id = @winner_id WHERE company_id = @loser_id RETURNING id;

-- name: MergeMoveKeys :many
UPDATE company_keys SET company_id = @winner_id WHERE company_id = @loser_id RETURNING key;

-- MergeFillWinner gives the winner what it lacks from the loser.
-- name: MergeFillWinner :exec
UPDATE companies w SET
    domain = coalesce(nullif(w.domain, ''), l.domain), phone = coalesce(nullif(w.phone, ''), l.phone),
    street = coalesce(nullif(w.street, ''), l.street), city = coalesce(nullif(w.city, ''), l.city),
    state = coalesce(nullif(w.state, ''), l.state), zip = coalesce(nullif(w.zip, ''), l.zip),
    country = coalesce(nullif(w.country, ''), l.country), industry = coalesce(nullif(w.industry, ''), l.industry),
    entity_type = coalesce(nullif(w.entity_type, ''), l.entity_type),
    year_of_inc = coalesce(nullif(w.year_of_inc, 0), l.year_of_inc), updated_at = now()
FROM companies l WHERE w.id = @winner_id AND l.id = @loser_id;

-- name: MergeSetMergedInto :exec
UPDATE companies SET merged_into = sqlc.narg(merged_into), updated_at = now() WHERE id = @id;

-- name: MergeInsert :one
INSERT INTO merges (winner_id, loser_id, duplicate_id, merged_by, signal_ids, contact_ids, activity_ids, keys, winner_before)
VALUES (@winner_id, @loser_id, sqlc.narg(duplicate_id), sqlc.narg(merged_by), @signal_ids, @contact_ids, @activity_ids, @keys, @winner_before)
RETURNING id;

-- name: MergeGet :one
SELECT id, winner_id, loser_id, duplicate_id, signal_ids, contact_ids, activity_ids, keys, winner_before, undone_at
FROM merges WHERE id = @id FOR UPDATE;

-- name: MergeUndoSignals :exec
UPDATE signals SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoContacts :exec
UPDATE contacts SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoActivities :exec
UPDATE activities SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoKeys :exec
UPDATE company_keys SET company_id = @loser_id WHERE key = ANY(@keys::text[]);

-- name: MergeRestoreWinner :exec
UPDATE companies SET
    domain = @f::jsonb ->> 'domain', phone = @f::jsonb ->> 'phone', street = @f::jsonb ->> 'street',
    city = @f::jsonb ->> 'city', state = @f::jsonb ->> 'state', zip = @f::jsonb ->> 'zip',
    country = @f::jsonb ->> 'country', industry = @f::jsonb ->> 'industry',
    entity_type = @f::jsonb ->> 'entity_type', year_of_inc = (@f::jsonb ->> 'year_of_inc')::int, updated_at = now()
WHERE id = @id;

-- name: MergeMarkUndone :exec
UPDATE merges SET undone_at = now(), undone_by = sqlc.narg(undone_by) WHERE id = @id;

-- name: MergeListRecent :many
SELECT m.id, m.merged_at, m.undone_at, w.id AS winner_id, w.name AS winner_name, l.id AS loser_id, l.name AS loser_name,
       coalesce(u.email, '')::text AS merged_by
FROM merges m
JOIN companies w ON w.id = m.winner_id
JOIN companies l ON l.id = m.loser_id
LEFT JOIN users u ON u.id = m.merged_by
ORDER BY m.merged_at DESC, m.id DESC
LIMIT @lim;
