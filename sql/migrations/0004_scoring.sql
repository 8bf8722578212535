-- +goose Up
-- Categories as sources name them (news, Crunchbase, YC), kept as a set, for
-- the R&D fit part of the score.
ALTER TABLE companies ADD COLUMN categories text[] NOT NULL DEFAULT '{}';

-- Weights versions: every save on the Scoring page (or a changed weights
-- file) is a new version; scores name the version they were computed with.
CREATE TABLE scoring_weights (
    version    integer     PRIMARY KEY,
    weights    jsonb       NOT NULL,
    origin     text        NOT NULL CHECK (origin IN ('default', 'file', 'user')),
    changes    text[]      NOT NULL DEFAULT '{}',
    created_by bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- What a score is made of beyond its total.
ALTER TABLE company_scores ADD COLUMN estimated_project_usd bigint NOT NULL DEFAULT 0,
    ADD COLUMN estimate_basis text NOT NULL DEFAULT '',
    ADD COLUMN weights_version integer NOT NULL DEFAULT 0,
    -- bit i set: the score has part i of scoring.PartNames with points
    -- (a bit mask, not an indexed array: rescoring rewrites every row)
    ADD COLUMN part_mask integer NOT NULL DEFAULT 0;
-- Rescoring rewrites every row: with room on each page and no index on a
-- column that changes, those are heap-only updates, three times cheaper.
-- The lead list sorts scores through a join, which this index never served.
DROP INDEX company_scores_rank_idx;
ALTER TABLE company_scores SET (fillfactor = 60);

-- A company's total over time: a row whenever it changes by a point or more.
-- No foreign key: rescoring after a weights change appends a row for most
-- companies, and the per-row key check doubled its cost; companies are
-- merged, never deleted.
CREATE TABLE score_history (
    company_id  bigint      NOT NULL,
    recorded_at timestamptz NOT NULL,
    total       integer     NOT NULL,
    version     text        NOT NULL DEFAULT ''
);
CREATE INDEX score_history_company_idx ON score_history (company_id, recorded_at DESC);

-- Rescoring every company runs in the background; its progress is kept
-- here so any process (and the Scoring page) can show it and a restarted
-- server can finish it.
CREATE TABLE rescore_jobs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    weights_version integer     NOT NULL,
    reason          text        NOT NULL DEFAULT '',
    status          text        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'superseded')),
    total           integer     NOT NULL DEFAULT 0,
    done            integer     NOT NULL DEFAULT 0,
    last_id         bigint      NOT NULL DEFAULT 0,
    error           text        NOT NULL DEFAULT '',
    created_by      bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz
);
CREATE INDEX rescore_jobs_recent_idx ON rescore_jobs (id DESC);

-- +goose Down
DROP TABLE rescore_jobs, score_history, scoring_weights;
ALTER TABLE company_scores RESET (fillfactor);
CREATE INDEX company_scores_rank_idx ON company_scores (total DESC, company_id DESC);
ALTER TABLE company_scores DROP COLUMN part_mask, DROP COLUMN weights_version,
    DROP COLUMN estimate_basis, DROP COLUMN estimated_project_usd;
ALTER TABLE companies DROP COLUMN categories;
