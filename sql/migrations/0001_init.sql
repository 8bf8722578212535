-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'sales')),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Session storage for github.com/alexedwards/scs (pgxstore's schema).
CREATE TABLE sessions (
    token  text        PRIMARY KEY,
    data   bytea       NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

CREATE TABLE companies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL,
    domain          text        NOT NULL DEFAULT '',
    phone           text        NOT NULL DEFAULT '',
    street          text        NOT NULL DEFAULT '',
    city            text        NOT NULL DEFAULT '',
    state           text        NOT NULL DEFAULT '',
    zip             text        NOT NULL DEFAULT '',
    country         text        NOT NULL DEFAULT '',
    industry        text        NOT NULL DEFAULT '',
    entity_type     text        NOT NULL DEFAULT '',
    year_of_inc     integer     NOT NULL DEFAULT 0,
    stage           text        NOT NULL DEFAULT 'new'
        CHECK (stage IN ('new', 'contacted', 'meeting', 'proposal', 'won', 'lost', 'do_not_contact')),
    owner_id        bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    search          tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(domain, '') || ' ' || coalesce(city, ''))
    ) STORED
);
CREATE INDEX companies_search_idx ON companies USING gin (search);
CREATE INDEX companies_name_trgm_idx ON companies USING gin (name gin_trgm_ops);
CREATE INDEX companies_industry_idx ON companies (industry);

-- Identities that name one company across crawls ("cik:1171623", "domain:example.com").
CREATE TABLE company_keys (
    key        text   PRIMARY KEY,
    company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE
);
CREATE INDEX company_keys_company_idx ON company_keys (company_id);

-- The score lives apart from the wide companies row: it is rewritten often
-- and its index would otherwise slow every company write.
CREATE TABLE company_scores (
    company_id        bigint      PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    total             integer     NOT NULL,
    parts             jsonb       NOT NULL DEFAULT '[]',
    version           text        NOT NULL,
    computed_at       timestamptz NOT NULL,
    last_funding_usd  bigint      NOT NULL DEFAULT 0,
    last_funding_at   timestamptz,
    evidence_url      text        NOT NULL DEFAULT ''
);
CREATE INDEX company_scores_rank_idx ON company_scores (total DESC, company_id DESC);

CREATE TABLE signals (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id     bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    source         text        NOT NULL,
    source_item_id text        NOT NULL,
    kind           text        NOT NULL,
    title          text        NOT NULL DEFAULT '',
    url            text        NOT NULL DEFAULT '',
    occurred_at    timestamptz NOT NULL,
    revised_at     timestamptz NOT NULL,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    amount_usd     bigint      NOT NULL DEFAULT 0,
    raw            jsonb       NOT NULL DEFAULT '{}',
    UNIQUE (source, source_item_id)
);
CREATE INDEX signals_company_idx ON signals (company_id, occurred_at DESC);

-- Other ids a source gives the same item (amendment accession numbers).
CREATE TABLE signal_aliases (
    source    text   NOT NULL,
    alias     text   NOT NULL,
    signal_id bigint NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
    PRIMARY KEY (source, alias)
);

CREATE TABLE contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    title       text        NOT NULL DEFAULT '',
    relationship text       NOT NULL DEFAULT '',
    email       text        NOT NULL DEFAULT '',
    phone       text        NOT NULL DEFAULT '',
    profile_url text        NOT NULL DEFAULT '',
    city        text        NOT NULL DEFAULT '',
    source      text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (company_id, source, name)
);

CREATE TABLE activities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id     bigint      REFERENCES users (id) ON DELETE SET NULL,
    kind        text        NOT NULL CHECK (kind IN ('note', 'call', 'stage_change', 'crawl')),
    call_result text        NOT NULL DEFAULT '',
    outcome     text        NOT NULL DEFAULT '',
    note        text        NOT NULL DEFAULT '',
    stage_from  text        NOT NULL DEFAULT '',
    stage_to    text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_company_idx ON activities (company_id, created_at DESC, id DESC);

CREATE TABLE crawl_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text        NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'ok', 'partial', 'failed')),
    pages           integer     NOT NULL DEFAULT 0,
    signals_new     integer     NOT NULL DEFAULT 0,
    signals_updated integer     NOT NULL DEFAULT 0,
    errors          integer     NOT NULL DEFAULT 0,
    message         text        NOT NULL DEFAULT ''
);
CREATE INDEX crawl_runs_source_idx ON crawl_runs (source, started_at DESC);

CREATE TABLE crawl_errors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     bigint      NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
    url        text        NOT NULL,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crawl_errors_run_idx ON crawl_errors (run_id);

-- Where each source's next run starts.
CREATE TABLE source_watermarks (
    source     text        PRIMARY KEY,
    watermark  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE source_watermarks, crawl_errors, crawl_runs, activities, contacts,
    signal_aliases, signals, company_scores, company_keys, companies, sessions, users;
