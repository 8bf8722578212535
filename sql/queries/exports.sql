-- name: ExportInsert :one
INSERT INTO exports (user_id, at, via, profile, filter, new_only)
VALUES (sqlc.narg(user_id), @at, @via, @profile, @filter, @new_only)
RETURNING id;

-- ExportItemsRecord records one batch of leads in export export_id, in one
-- statement, and returns the ones to write: never a lead this export already
-- has (a lead rescored mid-export may come round again) and, with new_only,
-- only leads no other export wrote, directly or as a company since merged
-- into them.
-- name: ExportItemsRecord :many
INSERT INTO export_items (export_id, company_id)
SELECT @export_id::bigint, b.id
FROM unnest(@company_ids::bigint[]) AS b(id)
WHERE NOT @new_only::boolean
   OR (NOT EXISTS (SELECT 1 FROM export_items ei WHERE ei.company_id = b.id AND ei.export_id <> @export_id::bigint)
       AND NOT EXISTS (SELECT 1 FROM companies m JOIN export_items ei ON ei.company_id = m.id
                       WHERE m.merged_into = b.id AND ei.export_id <> @export_id::bigint))
ON CONFLICT DO NOTHING
RETURNING company_id;

-- name: ExportFinish :exec
UPDATE exports SET rows = @rows WHERE id = @id;

-- name: ExportList :many
SELECT e.id, e.at, e.via, e.profile, e.filter, e.new_only, e.rows,
       coalesce(e.user_id, 0)::bigint AS user_id, coalesce(u.email, '')::text AS user_email
FROM exports e LEFT JOIN users u ON u.id = e.user_id
ORDER BY e.at DESC, e.id DESC
LIMIT @lim;

-- ExportBestContacts is each company's contact to write to: the first
-- (oldest) one with an email, else the first one.
-- name: ExportBestContacts :many
SELECT DISTINCT ON (company_id) company_id, name, title, relationship, email, phone
FROM contacts
WHERE company_id = ANY(@company_ids::bigint[])
ORDER BY company_id, (email = ''), id;

-- ExportNewOnlyLock makes "new only" exports take turns (until the
-- transaction ends), so two at once cannot both write the same new lead.
-- name: ExportNewOnlyLock :exec
SELECT pg_advisory_xact_lock(7263);
