package crm

import (
	"context"
	"fmt"
)

// LoadSyntheticCompanies fills the database with n companies, set-based,
// for benchmarks of rescoring: each has a Form D of a random size and age;
// every fourth is also a marketplace client with two projects and a client
// profile, every fifth has an engineering job post. It is not for
// production databases.
func (s *Store) LoadSyntheticCompanies(ctx context.Context, n int) error {
	stmts := []string{
		`INSERT INTO companies (name, name_norm, industry)
		 SELECT 'Synthetic Company ' || g, 'synthetic company ' || g,
		        (ARRAY['Other Technology', 'Computers', 'Biotechnology', 'Retailing'])[1 + g % 4]
		 FROM generate_series(1, $1::int) g`,
		`INSERT INTO signals (company_id, source, source_item_id, kind, title, url, occurred_at, revised_at, amount_usd)
		 SELECT id, 'bench', id::text, 'form_d', 'Form D', 'https://example.com/' || id,
		        now() - make_interval(days => (random() * 720)::int), now(), (random() * 5e7)::bigint
		 FROM companies WHERE name_norm LIKE 'synthetic company %'`,
		`INSERT INTO signals (company_id, source, source_item_id, kind, title, url, occurred_at, revised_at, amount_usd, raw)
		 SELECT id, 'bench', 'p' || id || '-' || k, 'project', 'Project', 'https://example.com/p/' || id,
		        now() - make_interval(days => (random() * 120)::int), now(), 500 + (random() * 30000)::bigint,
		        '{"type": "fixed", "qualifies": true}'
		 FROM companies, generate_series(1, 2) k WHERE name_norm LIKE 'synthetic company %' AND id % 4 = 3`,
		`INSERT INTO client_profiles (company_id, marketplaces, projects, qualifying_projects, qualifying_90d,
		     largest_budget_usd, median_budget_usd, total_spend_usd, hires, hire_rate, payment_verified, reviews,
		     first_seen_at, last_seen_at)
		 SELECT company_id, '{freelancer}', count(*), count(*), count(*), max(amount_usd), min(amount_usd),
		        0, 3, 0.6, company_id % 2 = 0, 5, min(occurred_at), max(occurred_at)
		 FROM signals WHERE kind = 'project' AND source = 'bench' GROUP BY company_id`,
		`INSERT INTO signals (company_id, source, source_item_id, kind, title, url, occurred_at, revised_at, raw)
		 SELECT id, 'bench', 'h' || id, 'hiring', 'Hiring: Backend Engineer', 'https://example.com/h/' || id,
		        now() - make_interval(days => (random() * 90)::int), now(), '{"engineering": true}'
		 FROM companies WHERE name_norm LIKE 'synthetic company %' AND id % 5 = 0`,
		`ANALYZE companies, signals, client_profiles`,
	}
	for i, q := range stmts {
		var err error
		if i == 0 {
			_, err = s.db.Exec(ctx, q, n)
		} else {
			_, err = s.db.Exec(ctx, q)
		}
		if err != nil {
			return fmt.Errorf("crm: load synthetic companies: %w", err)
		}
	}
	return nil
}
