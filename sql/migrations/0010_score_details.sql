-- +goose Up
-- A score's explained parts are wide (a sentence and a link per part) and
-- only the company page, exports and the list's visible rows read them;
-- kept apart, the rows the list scans and sorts stay narrow.
CREATE TABLE score_details (
    company_id bigint PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    parts      jsonb  NOT NULL DEFAULT '[]'
) WITH (fillfactor = 60);
INSERT INTO score_details (company_id, parts) SELECT company_id, parts FROM company_scores;
ALTER TABLE company_scores DROP COLUMN parts;

-- +goose Down
ALTER TABLE company_scores ADD COLUMN parts jsonb NOT NULL DEFAULT '[]';
UPDATE company_scores s SET parts = d.parts FROM score_details d WHERE d.company_id = s.company_id;
DROP TABLE score_details;
