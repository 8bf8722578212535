-- +goose Up
-- Emails sent and meetings held are logged on the timeline too.
ALTER TABLE activities DROP CONSTRAINT activities_kind_check,
    ADD CONSTRAINT activities_kind_check CHECK (kind IN ('note', 'call', 'email', 'meeting', 'stage_change', 'crawl', 'merge'));

-- +goose Down
DELETE FROM activities WHERE kind IN ('email', 'meeting');
ALTER TABLE activities DROP CONSTRAINT activities_kind_check,
    ADD CONSTRAINT activities_kind_check CHECK (kind IN ('note', 'call', 'stage_change', 'crawl', 'merge'));
