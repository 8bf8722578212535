package crm

import (
	"context"
	"fmt"
)

// LoadSyntheticCompanies fills the database with n companies, each with one
// funding signal of a random size and age, set-based, for benchmarks of
// rescoring. It is not for production databases.
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
		`ANALYZE companies, signals`,
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
