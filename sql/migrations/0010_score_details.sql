-- +goose Up
-- A score's explanation is wide (a sentence and a link per part, the
-- estimate's basis, the evidence link) and only the company page, exports
-- and the list's visible rows read it; kept apart, the rows the list scans
-- and sorts stay narrow.
CREATE TABLE score_details (
    company_id     bigint PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    parts          jsonb  NOT NULL DEFAULT '[]',
    estimate_basis text   NOT NULL DEFAULT '',
    evidence_url   text   NOT NULL DEFAULT ''
) WITH (fillfactor = 60);
INSERT INTO score_details (company_id, parts, estimate_basis, evidence_url)
SELECT company_id, parts, estimate_basis, evidence_url FROM company_scores;
ALTER TABLE company_scores DROP COLUMN parts, DROP COLUMN estimate_basis, DROP COLUMN evidence_url;

-- +goose Down
ALTER TABLE company_scores ADD COLUMN parts jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN estimate_basis text NOT NULL DEFAULT '', ADD COLUMN evidence_url text NOT NULL DEFAULT '';
UPDATE company_scores s SET parts = d.parts, estimate_basis = d.estimate_basis, evidence_url = d.evidence_url
FROM score_details d WHERE d.company_id = s.company_id;
DROP TABLE score_details;
