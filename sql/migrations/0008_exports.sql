-- +goose Up
-- Every CSV export: who (NULL for the command line), when, with which column
-- profile, from which filter (the list's query string), and how many rows.
CREATE TABLE exports (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id  bigint      REFERENCES users (id) ON DELETE SET NULL,
    at       timestamptz NOT NULL DEFAULT now(),
    via      text        NOT NULL DEFAULT 'web' CHECK (via IN ('web', 'api', 'cli')),
    profile  text        NOT NULL,
    filter   text        NOT NULL DEFAULT '',
    new_only boolean     NOT NULL DEFAULT false,
    rows     integer     NOT NULL DEFAULT 0
);
CREATE INDEX exports_at_idx ON exports (at DESC, id DESC);

-- The leads each export wrote: "only leads not exported before" skips
-- companies found here.
CREATE TABLE export_items (
    export_id  bigint NOT NULL REFERENCES exports (id) ON DELETE CASCADE,
    company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    PRIMARY KEY (export_id, company_id)
);
CREATE INDEX export_items_company_idx ON export_items (company_id);
-- A lead counts as exported when a company since merged into it was: found
-- by this (small) index of merged companies.
CREATE INDEX companies_merged_into_idx ON companies (merged_into) WHERE merged_into IS NOT NULL;

-- Personal tokens for the read-only JSON API. Only a SHA-256 of the token is
-- kept; prefix (its first 8 characters) tells a user's tokens apart.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);

-- +goose Down
DROP TABLE api_tokens;
DROP INDEX companies_merged_into_idx;
DROP TABLE export_items;
DROP TABLE exports;
