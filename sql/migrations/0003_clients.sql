-- +goose Up
-- Marketplace jobs close; the evidence stays.
ALTER TABLE signals ADD COLUMN closed_at timestamptz;
ALTER TABLE signals ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

-- What the scorer needs about a marketplace client, kept current on ingest
-- from its project signals (one row per company that has posted projects).
CREATE TABLE client_profiles (
    company_id             bigint      PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    marketplaces           text[]      NOT NULL DEFAULT '{}',
    projects               integer     NOT NULL DEFAULT 0,
    qualifying_projects    integer     NOT NULL DEFAULT 0,
    qualifying_90d         integer     NOT NULL DEFAULT 0,
    open_projects          integer     NOT NULL DEFAULT 0,
    largest_budget_usd     bigint      NOT NULL DEFAULT 0,
    median_budget_usd      bigint      NOT NULL DEFAULT 0,
    hourly_estimate_usd    bigint      NOT NULL DEFAULT 0,
    total_spend_usd        bigint      NOT NULL DEFAULT 0,
    hires                  integer     NOT NULL DEFAULT 0,
    hire_rate              real        NOT NULL DEFAULT 0,
    payment_verified       boolean     NOT NULL DEFAULT false,
    reviews                integer     NOT NULL DEFAULT 0,
    country                text        NOT NULL DEFAULT '',
    first_seen_at          timestamptz NOT NULL,
    last_seen_at           timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL DEFAULT now()
);

-- An uploaded list waiting for its preview, mapping and confirmation.
CREATE TABLE pending_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      REFERENCES users (id) ON DELETE CASCADE,
    file_name   text        NOT NULL,
    content     bytea       NOT NULL,
    profile     text        NOT NULL DEFAULT '',
    mapping     jsonb       NOT NULL DEFAULT '{}',
    result      jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    imported_at timestamptz
);

-- +goose Down
DROP TABLE pending_imports;
DROP TABLE client_profiles;
ALTER TABLE signals DROP COLUMN last_seen_at, DROP COLUMN closed_at;
