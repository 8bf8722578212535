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

-- MergeMoveTasks moves the loser's tasks, open and done, to the winner.
-- name: MergeMoveTasks :many
UPDATE tasks SET company_id = @winner_id WHERE company_id = @loser_id RETURNING id;

-- MergeMoveTags moves the loser's tags the winner does not already have
-- (the others stay on the loser, as duplicate contacts do).
-- name: MergeMoveTags :many
UPDATE company_tags t SET company_id = @winner_id
WHERE t.company_id = @loser_id
  AND NOT EXISTS (SELECT 1 FROM company_tags w WHERE w.company_id = @winner_id AND w.tag = t.tag)
RETURNING t.tag;

-- MergeWorkedDates gives the winner the later of the two companies' last
-- activity and last call, now that the loser's timeline is the winner's.
-- name: MergeWorkedDates :exec
UPDATE companies w SET
    last_activity_at = greatest(w.last_activity_at, l.last_activity_at),
    last_contacted_at = greatest(w.last_contacted_at, l.last_contacted_at)
FROM companies l WHERE w.id = @winner_id AND l.id = @loser_id;

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

-- MergeInsert records a merge. The merges table has no columns for the
-- tasks and tags moved: they are kept in winner_before under
-- "moved_task_ids" and "moved_tags" (MergeRestoreWinner reads only the
-- field names, so they do not disturb it).
-- name: MergeInsert :one
INSERT INTO merges (winner_id, loser_id, duplicate_id, merged_by, signal_ids, contact_ids, activity_ids, keys, winner_before)
VALUES (@winner_id, @loser_id, sqlc.narg(duplicate_id), sqlc.narg(merged_by), @signal_ids, @contact_ids, @activity_ids, @keys,
        @winner_before::jsonb || jsonb_build_object('moved_task_ids', coalesce(@task_ids::bigint[], '{}'), 'moved_tags', coalesce(@tags::text[], '{}')))
RETURNING id;

-- MergeGet reads a merge to undo; a merge recorded before tasks and tags
-- moved has none.
-- name: MergeGet :one
SELECT id, winner_id, loser_id, duplicate_id, signal_ids, contact_ids, activity_ids, keys, winner_before, undone_at,
       ARRAY(SELECT x::bigint FROM jsonb_array_elements_text(coalesce(winner_before -> 'moved_task_ids', '[]'::jsonb)) x)::bigint[] AS task_ids,
       ARRAY(SELECT x FROM jsonb_array_elements_text(coalesce(winner_before -> 'moved_tags', '[]'::jsonb)) x)::text[] AS tags
FROM merges WHERE id = @id FOR UPDATE;

-- name: MergeUndoSignals :exec
UPDATE signals SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoContacts :exec
UPDATE contacts SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoActivities :exec
UPDATE activities SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- name: MergeUndoKeys :exec
UPDATE company_keys SET company_id = @loser_id WHERE key = ANY(@keys::text[]);

-- name: MergeUndoTasks :exec
UPDATE tasks SET company_id = @loser_id WHERE id = ANY(@ids::bigint[]);

-- MergeUndoTags moves the tags a merge gave the winner back to the loser
-- (one the winner has since lost stays lost; the loser keeps its own).
-- name: MergeUndoTags :exec
UPDATE company_tags t SET company_id = @loser_id
WHERE t.company_id = @winner_id AND t.tag = ANY(@tags::text[])
  AND NOT EXISTS (SELECT 1 FROM company_tags l WHERE l.company_id = @loser_id AND l.tag = t.tag);

-- MergeUndoWorkedDates recomputes the winner's last activity and last call
-- from the timeline it keeps: every entry but crawl events and merges
-- counts as work, as when it was logged.
-- name: MergeUndoWorkedDates :exec
UPDATE companies c SET
    last_activity_at = (SELECT max(a.created_at) FROM activities a
                        WHERE a.company_id = c.id AND a.kind NOT IN ('crawl', 'merge')),
    last_contacted_at = (SELECT max(a.created_at) FROM activities a WHERE a.company_id = c.id AND a.kind = 'call')
WHERE c.id = @id;

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
