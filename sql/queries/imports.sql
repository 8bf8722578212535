-- name: PendingImportInsert :one
INSERT INTO pending_imports (user_id, file_name, content, profile, mapping)
VALUES (sqlc.narg(user_id), @file_name, @content, @profile, @mapping) RETURNING id;

-- name: PendingImportGet :one
SELECT id, user_id, file_name, content, profile, mapping, result, created_at, imported_at
FROM pending_imports WHERE id = @id;

-- name: PendingImportSetMapping :exec
UPDATE pending_imports SET mapping = @mapping WHERE id = @id AND imported_at IS NULL;

-- name: PendingImportDone :exec
UPDATE pending_imports SET imported_at = now(), result = @result WHERE id = @id;
