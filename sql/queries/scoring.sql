-- name: WeightsLatest :one
SELECT version, weights, origin, changes, created_by, created_at FROM scoring_weights ORDER BY version DESC LIMIT 1;

-- WeightsLatestFromFile is the newest version that came from the weights
-- file, to tell whether the file changed since.
-- name: WeightsLatestFromFile :one
SELECT version, weights FROM scoring_weights WHERE origin = 'file' ORDER BY version DESC LIMIT 1;

-- WeightsInsert adds the next version; two writers racing get a unique
-- violation rather than the same number.
-- name: WeightsInsert :one
INSERT INTO scoring_weights (version, weights, origin, changes, created_by)
SELECT coalesce(max(version), 0) + 1, @weights, @origin, @changes::text[], @created_by FROM scoring_weights
RETURNING version, created_at;

-- name: WeightsVersions :many
SELECT w.version, w.origin, w.changes, w.created_at, coalesce(u.email, '')::text AS created_by
FROM scoring_weights w LEFT JOIN users u ON u.id = w.created_by
ORDER BY w.version DESC LIMIT @lim;

-- name: RescoreJobInsert :one
INSERT INTO rescore_jobs (weights_version, reason, created_by, total)
VALUES (@weights_version, @reason, @created_by, (SELECT count(*) FROM companies WHERE merged_into IS NULL))
RETURNING id;

-- RescoreJobClaim takes a queued job, or a running one whose worker
-- stopped beating, for this worker; SKIP LOCKED keeps two workers apart.
-- name: RescoreJobClaim :one
UPDATE rescore_jobs SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
WHERE id = (
    SELECT j.id FROM rescore_jobs j
    WHERE j.status = 'queued' OR (j.status = 'running' AND j.heartbeat_at < now() - make_interval(secs => @stale_secs::float8))
    ORDER BY j.id DESC LIMIT 1
    FOR UPDATE SKIP LOCKED
)
RETURNING id, weights_version, last_id, done, total;

-- RescoreJobProgress records a finished batch; it returns false when a
-- newer job has superseded this one.
-- name: RescoreJobProgress :one
UPDATE rescore_jobs SET last_id = @last_id, done = rescore_jobs.done + @n::int, heartbeat_at = now()
WHERE rescore_jobs.id = @id
RETURNING NOT EXISTS (SELECT 1 FROM rescore_jobs n WHERE n.id > @id AND n.status IN ('queued', 'running', 'done')) AS current;

-- name: RescoreJobFinish :exec
UPDATE rescore_jobs SET status = @status, error = @error, finished_at = now(), heartbeat_at = now() WHERE id = @id;

-- SupersedeOlderRescoreJobs marks every unfinished job older than id as
-- superseded: a newer job rescores everything anyway.
-- name: SupersedeOlderRescoreJobs :exec
UPDATE rescore_jobs SET status = 'superseded', finished_at = now() WHERE id < @id AND status IN ('queued', 'running');

-- name: RescoreJobLatest :one
SELECT j.id, j.weights_version, j.reason, j.status, j.total, j.done, j.error, j.created_at, j.started_at, j.finished_at,
       coalesce(u.email, '')::text AS created_by
FROM rescore_jobs j LEFT JOIN users u ON u.id = j.created_by
ORDER BY j.id DESC LIMIT 1;
