-- name: CrawlRunStart :one
INSERT INTO crawl_runs (source) VALUES (@source) RETURNING id, started_at;

-- name: CrawlRunFinish :exec
UPDATE crawl_runs SET finished_at = now(), status = @status, pages = @pages,
    signals_new = @signals_new, signals_updated = @signals_updated, errors = @errors, message = @message
WHERE id = @id;

-- name: CrawlRunGet :one
SELECT id, source, started_at, finished_at, status, pages, signals_new, signals_updated, errors, message
FROM crawl_runs WHERE id = @id;

-- name: CrawlErrorInsert :exec
INSERT INTO crawl_errors (run_id, url, reason) VALUES (@run_id, @url, @reason);

-- name: CrawlErrorListByRun :many
SELECT url, reason, created_at FROM crawl_errors WHERE run_id = @run_id ORDER BY id;

-- name: SourceStateGet :one
SELECT watermark, state FROM source_watermarks WHERE source = @source;

-- name: SourceStateSet :exec
INSERT INTO source_watermarks (source, watermark, state) VALUES (@source, @watermark, @state)
ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark, state = excluded.state, updated_at = now();

-- name: CrawlRunListRecent :many
SELECT id, source, started_at, finished_at, status, pages, signals_new, signals_updated, errors, message
FROM crawl_runs WHERE (@source::text = '' OR source = @source) ORDER BY started_at DESC, id DESC LIMIT @lim;

-- name: CrawlRunLastBySource :many
SELECT DISTINCT ON (source) id, source, started_at, finished_at, status, pages, signals_new, signals_updated, errors, message
FROM crawl_runs ORDER BY source, started_at DESC, id DESC;

-- name: CrawlErrorLastBySource :many
SELECT DISTINCT ON (r.source) r.source, e.url, e.reason, e.created_at
FROM crawl_errors e JOIN crawl_runs r ON r.id = e.run_id
ORDER BY r.source, e.id DESC;
