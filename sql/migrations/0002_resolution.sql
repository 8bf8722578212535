-- +goose Up
-- Normalised names let one company be found from any source; the trigram
-- index finds near-duplicates for the review queue.
ALTER TABLE companies ADD COLUMN name_norm text NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN merged_into bigint REFERENCES companies (id) ON DELETE SET NULL;
CREATE INDEX companies_name_norm_trgm_idx ON companies USING gin (name_norm gin_trgm_ops);
CREATE INDEX companies_live_idx ON companies (id) WHERE merged_into IS NULL;

-- Pairs that may be one company; a person merges or dismisses them.
CREATE TABLE possible_duplicates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_a   bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    company_b   bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    similarity  real        NOT NULL,
    reason      text        NOT NULL DEFAULT '',
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'merged', 'dismissed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_by  bigint      REFERENCES users (id) ON DELETE SET NULL,
    decided_at  timestamptz,
    CHECK (company_a < company_b),
    UNIQUE (company_a, company_b)
);
CREATE INDEX possible_duplicates_pending_idx ON possible_duplicates (created_at DESC) WHERE status = 'pending';

-- A merge moves everything of one company onto another and remembers
-- exactly what it moved, so it can be undone.
CREATE TABLE merges (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    winner_id     bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    loser_id      bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    duplicate_id  bigint      REFERENCES possible_duplicates (id) ON DELETE SET NULL,
    merged_by     bigint      REFERENCES users (id) ON DELETE SET NULL,
    merged_at     timestamptz NOT NULL DEFAULT now(),
    signal_ids    bigint[]    NOT NULL DEFAULT '{}',
    contact_ids   bigint[]    NOT NULL DEFAULT '{}',
    activity_ids  bigint[]    NOT NULL DEFAULT '{}',
    keys          text[]      NOT NULL DEFAULT '{}',
    winner_before jsonb       NOT NULL DEFAULT '{}',
    undone_by     bigint      REFERENCES users (id) ON DELETE SET NULL,
    undone_at     timestamptz
);
CREATE INDEX merges_recent_idx ON merges (merged_at DESC);

ALTER TABLE activities DROP CONSTRAINT activities_kind_check,
    ADD CONSTRAINT activities_kind_check CHECK (kind IN ('note', 'call', 'stage_change', 'crawl', 'merge'));

-- Funding details, for the per-signal export.
ALTER TABLE signals ADD COLUMN amount bigint NOT NULL DEFAULT 0,
    ADD COLUMN currency text NOT NULL DEFAULT '',
    ADD COLUMN round text NOT NULL DEFAULT '',
    ADD COLUMN lead_investors text[] NOT NULL DEFAULT '{}';
CREATE INDEX signals_first_seen_idx ON signals (first_seen_at DESC);

-- Conditional-GET validators and other per-source state.
ALTER TABLE source_watermarks ADD COLUMN state jsonb NOT NULL DEFAULT '{}';

-- +goose Down
DROP INDEX signals_first_seen_idx;
ALTER TABLE signals DROP COLUMN amount, DROP COLUMN currency, DROP COLUMN round, DROP COLUMN lead_investors;
ALTER TABLE activities DROP CONSTRAINT activities_kind_check,
    ADD CONSTRAINT activities_kind_check CHECK (kind IN ('note', 'call', 'stage_change', 'crawl'));
ALTER TABLE source_watermarks DROP COLUMN state;
DROP TABLE merges, possible_duplicates;
DROP INDEX companies_live_idx, companies_name_norm_trgm_idx;
ALTER TABLE companies DROP COLUMN merged_into, DROP COLUMN name_norm;
