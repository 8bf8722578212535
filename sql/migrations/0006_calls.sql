-- +goose Up
-- Tasks: the next step on a lead (call back, send a proposal, a meeting),
-- owned by a user and due at a time.
CREATE TABLE tasks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id bigint      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    owner_id   bigint      REFERENCES users (id) ON DELETE SET NULL,
    kind       text        NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'other')),
    title      text        NOT NULL DEFAULT '',
    due_at     timestamptz NOT NULL,
    done_at    timestamptz,
    created_by bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_open_owner_idx ON tasks (owner_id, due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_open_company_idx ON tasks (company_id, due_at) WHERE done_at IS NULL;

-- A call queue is one user's session of calling through a list in order.
CREATE TABLE call_queues (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filter     text        NOT NULL DEFAULT '', -- the list's query string
    calls      integer     NOT NULL DEFAULT 0,
    skips      integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A lease keeps a lead open in one queue: no other user is given it until
-- the lease is released or runs out (the caller's page renews it).
CREATE TABLE queue_leases (
    company_id   bigint      PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    queue_id     bigint      NOT NULL REFERENCES call_queues (id) ON DELETE CASCADE,
    leased_until timestamptz NOT NULL
);
CREATE INDEX queue_leases_queue_idx ON queue_leases (queue_id);

-- Leads skipped in a queue do not come back in it.
CREATE TABLE queue_skips (
    queue_id   bigint NOT NULL REFERENCES call_queues (id) ON DELETE CASCADE,
    company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    PRIMARY KEY (queue_id, company_id)
);

-- +goose Down
DROP TABLE queue_skips, queue_leases, call_queues, tasks;
