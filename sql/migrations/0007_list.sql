-- +goose Up
-- When a person last worked a lead (notes, calls, stage changes) and last
-- called it: kept on the company so the list filters and sorts on them.
ALTER TABLE companies ADD COLUMN last_activity_at timestamptz, ADD COLUMN last_contacted_at timestamptz;
UPDATE companies c SET last_activity_at = a.last_activity, last_contacted_at = a.last_call
FROM (
    SELECT company_id,
           max(created_at) FILTER (WHERE kind IN ('note', 'call', 'stage_change')) AS last_activity,
           max(created_at) FILTER (WHERE kind = 'call') AS last_call
    FROM activities GROUP BY company_id
) a
WHERE a.company_id = c.id;
CREATE INDEX companies_owner_idx ON companies (owner_id);
CREATE INDEX companies_last_activity_idx ON companies (last_activity_at DESC NULLS LAST, id DESC);

-- Tags a salesperson puts on leads.
CREATE TABLE company_tags (
    company_id bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    tag        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, tag)
);
CREATE INDEX company_tags_tag_idx ON company_tags (tag, company_id);

-- Full-text search reaches signal titles and notes too.
ALTER TABLE signals ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;
CREATE INDEX signals_search_idx ON signals USING gin (search);
ALTER TABLE activities ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', note)) STORED;
CREATE INDEX activities_search_idx ON activities USING gin (search);

-- Saved views: a named filter, sort and columns (the list's query string),
-- personal or shared with the team; each user may pick a default.
CREATE TABLE saved_views (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    query      text        NOT NULL DEFAULT '',
    shared     boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, name)
);
ALTER TABLE users ADD COLUMN default_view_id bigint REFERENCES saved_views (id) ON DELETE SET NULL;

-- The audit history of a company's fields: who changed what, when, old → new.
CREATE TABLE company_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id    bigint      REFERENCES users (id) ON DELETE SET NULL,
    field      text        NOT NULL,
    old_value  text        NOT NULL DEFAULT '',
    new_value  text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_changes_company_idx ON company_changes (company_id, created_at DESC, id DESC);

-- +goose Down
DROP TABLE company_changes;
ALTER TABLE users DROP COLUMN default_view_id;
DROP TABLE saved_views;
DROP INDEX activities_search_idx, signals_search_idx;
ALTER TABLE activities DROP COLUMN search;
ALTER TABLE signals DROP COLUMN search;
DROP TABLE company_tags;
DROP INDEX companies_last_activity_idx, companies_owner_idx;
ALTER TABLE companies DROP COLUMN last_contacted_at, DROP COLUMN last_activity_at;
