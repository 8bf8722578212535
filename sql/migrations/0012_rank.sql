-- +goose Up
-- The lead list's order: each live company's score total and estimated
-- project, in a narrow table with an index per sort, so a page of the list
-- walks an index instead of sorting every company. company_scores itself
-- stays unindexed on these columns so rescoring's updates are heap-only;
-- single-company rescoring updates this table in place, and rescoring
-- every company rebuilds it and swaps it in (crm.RebuildRank).
CREATE TABLE company_rank (
    company_id bigint  PRIMARY KEY,
    total      integer NOT NULL DEFAULT 0,
    estimate   bigint  NOT NULL DEFAULT 0,
    -- the company's stage, kept by triggers: the pipeline's columns and
    -- counts and the list's stage filter read it here
    stage      text    NOT NULL DEFAULT 'new'
);
INSERT INTO company_rank (company_id, total, estimate, stage)
SELECT c.id, coalesce(s.total, 0), coalesce(s.estimated_project_usd, 0), c.stage
FROM companies c LEFT JOIN company_scores s ON s.company_id = c.id
WHERE c.merged_into IS NULL;
CREATE INDEX company_rank_total_idx ON company_rank (total DESC, company_id DESC);
CREATE INDEX company_rank_estimate_idx ON company_rank (estimate DESC, company_id DESC);
CREATE INDEX company_rank_stage_idx ON company_rank (stage, total DESC, company_id DESC);

-- A new company is ranked at once (with no score yet), so every live
-- company is in the list before its first scoring.
-- +goose StatementBegin
CREATE FUNCTION company_rank_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO company_rank (company_id, stage)
    SELECT id, stage FROM new_companies WHERE merged_into IS NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER companies_rank_add AFTER INSERT ON companies
REFERENCING NEW TABLE AS new_companies FOR EACH STATEMENT EXECUTE FUNCTION company_rank_add();

-- A stage change moves the company's place in the pipeline; a merge takes
-- the merged company out of the order, and undoing it puts it back.
-- +goose StatementBegin
CREATE FUNCTION company_rank_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.merged_into IS NOT NULL THEN
        DELETE FROM company_rank WHERE company_id = NEW.id;
    ELSE
        INSERT INTO company_rank AS r (company_id, total, estimate, stage)
        SELECT NEW.id, coalesce(s.total, 0), coalesce(s.estimated_project_usd, 0), NEW.stage
        FROM (SELECT NEW.id AS id) c LEFT JOIN company_scores s ON s.company_id = c.id
        ON CONFLICT (company_id) DO UPDATE SET stage = excluded.stage;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER companies_rank_follow AFTER UPDATE OF stage, merged_into ON companies
FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.merged_into IS DISTINCT FROM NEW.merged_into)
EXECUTE FUNCTION company_rank_follow();

-- "Last activity" order with never-worked leads last, walked as one index
-- range (the keyset cursor compares this expression).
CREATE INDEX companies_activity_sort_idx ON companies ((coalesce(last_activity_at, '-infinity'::timestamptz)) DESC, id DESC)
WHERE merged_into IS NULL;

-- Whether a company's signal titles or notes match a search, for a search
-- so common that the list checks it while walking its order (a function,
-- so the planner costs it per row; each part reads one company's rows by
-- its index, never the whole search index).
CREATE FUNCTION company_text_matches(company bigint, query tsquery) RETURNS boolean
LANGUAGE sql STABLE COST 50 AS $$
    SELECT coalesce((SELECT bool_or(search @@ query) FROM signals WHERE company_id = company), false)
        OR coalesce((SELECT bool_or(search @@ query) FROM activities WHERE company_id = company), false)
$$;

-- Filters that keep few companies read their own index rather than
-- walking the order: recently called, recently funded (funding
-- rarely changes, so rescoring's updates stay heap-only).
CREATE INDEX companies_contacted_idx ON companies (last_contacted_at) WHERE last_contacted_at IS NOT NULL;
CREATE INDEX company_scores_funded_idx ON company_scores (last_funding_at) WHERE last_funding_at IS NOT NULL;

-- +goose Down
DROP INDEX company_scores_funded_idx, companies_contacted_idx;
DROP FUNCTION company_text_matches(bigint, tsquery);
DROP INDEX companies_activity_sort_idx;
DROP TRIGGER companies_rank_follow ON companies;
DROP FUNCTION company_rank_follow();
DROP TRIGGER companies_rank_add ON companies;
DROP FUNCTION company_rank_add();
DROP TABLE company_rank;
