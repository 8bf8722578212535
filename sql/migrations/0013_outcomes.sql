-- +goose Up
-- The outcomes a call form offers, edited by admins on /admin/outcomes. name
-- is what activities.outcome stores and never changes once created; label is
-- what people read. A terminal outcome ends the pursuit (no next step); an
-- outcome may move the lead to a stage (moves_to, '' for none). Outcomes are
-- deactivated, never deleted, so old calls keep their label.
CREATE TABLE call_outcomes (
    name       text        PRIMARY KEY CHECK (name <> ''),
    label      text        NOT NULL CHECK (label <> '' AND char_length(label) <= 40),
    terminal   boolean     NOT NULL DEFAULT false,
    moves_to   text        NOT NULL DEFAULT ''
        CHECK (moves_to IN ('', 'contacted', 'meeting', 'proposal', 'won', 'lost', 'do_not_contact')),
    position   integer     NOT NULL,
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Do-not-contact ends the pursuit: it cannot ask for a next step.
    CONSTRAINT call_outcomes_dnc_terminal_check CHECK (moves_to <> 'do_not_contact' OR terminal)
);
CREATE UNIQUE INDEX call_outcomes_label_idx ON call_outcomes (lower(label));

-- The outcomes leadgen shipped with, under the names calls already store.
INSERT INTO call_outcomes (name, label, terminal, moves_to, position) VALUES
    ('Interested', 'Interested', false, '', 1),
    ('Meeting booked', 'Meeting booked', false, 'meeting', 2),
    ('Call back later', 'Call back later', false, '', 3),
    ('Not a fit', 'Not a fit', true, 'lost', 4),
    ('Not interested', 'Not interested', true, 'lost', 5),
    ('Do not call', 'Do not call', true, 'do_not_contact', 6);

-- +goose Down
DROP TABLE call_outcomes;
