-- +goose Up
-- The Dashboard counts the calls and notes of the last 30 days: without this
-- index it reads every activity ever recorded (crawl events included) on
-- each page view; with it, only the window's rows.
CREATE INDEX activities_work_idx ON activities (created_at) WHERE kind IN ('call', 'note');
-- Conversion by source counts companies a stage change once moved to
-- Contacted (they may have gone back to New since): a small index instead
-- of a scan of the whole timeline.
CREATE INDEX activities_reached_contacted_idx ON activities (company_id)
    WHERE kind = 'stage_change' AND stage_to = 'contacted';

-- +goose Down
DROP INDEX activities_reached_contacted_idx, activities_work_idx;
