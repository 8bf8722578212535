package crm_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// rankDrift counts live companies whose place in the list's order
// (company_rank) differs from their score or stage, or that have no place,
// and merged companies that still have one.
func rankDrift(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	err := pool.QueryRow(context.Background(), `
		SELECT count(*) FROM companies c
		LEFT JOIN company_rank r ON r.company_id = c.id
		LEFT JOIN company_scores s ON s.company_id = c.id
		WHERE (c.merged_into IS NULL
		       AND (r.company_id IS NULL OR r.total <> coalesce(s.total, 0)
		            OR r.estimate <> coalesce(s.estimated_project_usd, 0) OR r.stage <> c.stage))
		   OR (c.merged_into IS NOT NULL AND r.company_id IS NOT NULL)`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// listIDs pages through the whole list of f, 2 rows a page.
func listIDs(t *testing.T, s *crm.Store, f crm.Filter) []int64 {
	t.Helper()
	var ids []int64
	after := mustCursor(t, "")
	for {
		p, err := s.ListCompanies(context.Background(), f, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			ids = append(ids, r.ID)
		}
		if p.Next == (crm.Cursor{}) {
			return ids
		}
		after = mustCursor(t, p.Next.String())
	}
}

// queryIDs runs a query of company ids.
func queryIDs(t *testing.T, pool *pgxpool.Pool, sql string) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// byScores lists live companies by score then id, both descending, as the
// scores table has them: what the list must show.
func byScores(t *testing.T, pool *pgxpool.Pool) []int64 {
	t.Helper()
	return queryIDs(t, pool, `SELECT c.id FROM companies c LEFT JOIN company_scores s ON s.company_id = c.id
		WHERE c.merged_into IS NULL ORDER BY coalesce(s.total, 0) DESC, c.id DESC`)
}

// The list's order follows every way a score changes: ingesting, a stage
// change, rescoring everything (which rebuilds the order), and a company
// not scored yet is listed at once.
func TestListOrderFollowsEveryScoreChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := &movableClock{t: now}
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clk.now})
	var ids []int64
	for i := range 6 {
		// Alternating fresh small and old large raises, so time reorders them.
		usd, age := int64(500_000*(i+1)), -2*i
		if i%2 == 1 {
			usd, age = int64(20_000_000*(i+1)), -300
		}
		ids = append(ids, mustIngest(t, s, formD(fmt.Sprint(4100+i), fmt.Sprintf("0004100-26-00000%d", i), "", usd, now.AddDate(0, 0, age))).CompanyID)
	}
	check := func(step string) {
		t.Helper()
		if n := rankDrift(t, pool); n != 0 {
			t.Fatalf("%s: %d companies out of place in the list's order", step, n)
		}
		if got, want := listIDs(t, s, crm.Filter{}), byScores(t, pool); !slices.Equal(got, want) {
			t.Fatalf("%s: list %v, want by score %v", step, got, want)
		}
	}
	check("after ingesting")

	var unscored int64
	if err := pool.QueryRow(ctx, `INSERT INTO companies (name, name_norm) VALUES ('Unscored Ltd', 'unscored ltd') RETURNING id`).Scan(&unscored); err != nil {
		t.Fatal(err)
	}
	check("a company with no score yet")
	if got := listIDs(t, s, crm.Filter{Sort: crm.SortNewest}); len(got) != 7 || got[0] != unscored {
		t.Fatalf("newest first = %v, want %d first of 7", got, unscored)
	}

	top := listIDs(t, s, crm.Filter{})[0]
	if err := s.MoveStage(ctx, 0, top, crm.StageDoNotContact, "Asked not to be called"); err != nil {
		t.Fatal(err)
	}
	check("a stage change")
	if listIDs(t, s, crm.Filter{})[0] == top {
		t.Fatalf("company %d still first after Do-not-contact", top)
	}

	// Rescoring everything writes scores without touching the order, then
	// rebuilds it: the totals must have moved for this to show anything.
	totals := func() (sum int) {
		if err := pool.QueryRow(ctx, `SELECT coalesce(sum(total), 0) FROM company_scores`).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	// A merge takes the merged company out of the order; undoing it puts
	// it back.
	mergeID, err := s.MergeCompanies(ctx, 0, ids[0], ids[1])
	if err != nil {
		t.Fatal(err)
	}
	check("a merge")
	if got := listIDs(t, s, crm.Filter{}); slices.Contains(got, ids[1]) || len(got) != 6 {
		t.Fatalf("after merging %d away the list is %v", ids[1], got)
	}
	if err := s.UndoMerge(ctx, 0, mergeID); err != nil {
		t.Fatal(err)
	}
	check("undoing the merge")

	before := totals()
	clk.advance(200 * 24 * time.Hour)
	if _, err := s.RescoreAll(ctx); err != nil {
		t.Fatal(err)
	}
	if after := totals(); after >= before {
		t.Fatalf("scores sum to %d after 200 days, %d before: no decay to check the order against", after, before)
	}
	check("rescoring everything 200 days later")

	// Estimate order: the estimates table's order, by keyset over pages.
	got := listIDs(t, s, crm.Filter{Sort: crm.SortEstimate})
	want := queryIDs(t, pool, `SELECT c.id FROM companies c LEFT JOIN company_scores s ON s.company_id = c.id
		WHERE c.merged_into IS NULL ORDER BY coalesce(s.estimated_project_usd, 0) DESC, c.id DESC`)
	if !slices.Equal(got, want) {
		t.Fatalf("by estimate %v, want %v", got, want)
	}
}

// The "last activity" order puts worked leads first, most recent first,
// and never-worked ones after them, and pages across the boundary.
func TestListSortsByLastActivityAcrossNever(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	var ids []int64
	for i := range 5 {
		ids = append(ids, mustIngest(t, s, formD(fmt.Sprint(4200+i), fmt.Sprintf("0004200-26-00000%d", i), "", 1_000_000, now)).CompanyID)
	}
	// Worked: ids[3] an hour ago, ids[1] a day ago; the rest never.
	for id, ago := range map[int64]time.Duration{ids[3]: time.Hour, ids[1]: 24 * time.Hour} {
		if _, err := pool.Exec(ctx, `UPDATE companies SET last_activity_at = $2 WHERE id = $1`, id, now.Add(-ago)); err != nil {
			t.Fatal(err)
		}
	}
	got := listIDs(t, s, crm.Filter{Sort: crm.SortActivity})
	want := []int64{ids[3], ids[1], ids[4], ids[2], ids[0]}
	if !slices.Equal(got, want) {
		t.Fatalf("by last activity %v, want %v", got, want)
	}
}

// At 20,000 companies each sort's first page walks an index: no plan has a
// Sort node, and a plain list reads few more rows than it shows. Filters
// still find the right rows.
func TestListWalksAnIndexPerSort(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	if err := s.LoadSyntheticCompanies(ctx, 20_000); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RescoreAll(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE companies SET last_activity_at = now() - make_interval(mins => id::int) WHERE id % 3 = 0;
		ANALYZE companies`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "sort=estimate", "sort=activity", "sort=newest", "min_score=30&max_score=60", "kind=client"} {
		v, _ := url.ParseQuery(q)
		f, err := crm.ParseFilter(v)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := s.ExplainList(ctx, f, 51)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if strings.Contains(plan, "Sort") || !strings.Contains(plan, "Index") {
			t.Errorf("%q: the plan sorts instead of walking an index:\n%s", q, plan)
		}
	}
	// The score band is the index's range: every row inside it, by score.
	f, _ := crm.ParseFilter(url.Values{"min_score": {"30"}, "max_score": {"60"}, "kind": {"client"}})
	p, err := s.ListCompanies(ctx, f, mustCursor(t, ""), 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 50 {
		t.Fatalf("%d rows in the 30–60 band of clients, want a full page", len(p.Rows))
	}
	for i, r := range p.Rows {
		if r.Score < 30 || r.Score > 60 || (i > 0 && r.Score > p.Rows[i-1].Score) {
			t.Fatalf("row %d scores %d: outside 30–60 or out of order", i, r.Score)
		}
	}
	n, capped, err := s.CountMatching(ctx, crm.Filter{})
	if err != nil || n != 1000 || !capped {
		t.Fatalf("count of 20,000 = %d capped %v, %v; want 1000 and capped", n, capped, err)
	}

	// Searches: a word every name has is checked while walking the order
	// (no Sort); a rare one, a name, a signal title, is read from the
	// indexes; relevance among 20,000 equal matches falls back to score
	// and says so.
	plan, err := s.ExplainList(ctx, crm.Filter{Query: "company"}, 51)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plan, "Sort") || !strings.Contains(plan, "company_rank_total_idx") {
		t.Errorf("a common word sorts every match instead of walking the order:\n%s", plan)
	}
	for _, tc := range []struct {
		q    string
		want int // capped at 1000
	}{{"company", 1000}, {"Synthetic Company 12345", 1}, {"backend", 1000}, {"company 99999", 0}, {"zzzz", 0}} {
		n, _, err := s.CountMatching(ctx, crm.Filter{Query: tc.q})
		if err != nil || n != tc.want {
			t.Errorf("search %q: %d matches, %v; want %d", tc.q, n, err, tc.want)
		}
	}
	p, err = s.ListCompanies(ctx, crm.Filter{Query: "backend"}, mustCursor(t, ""), 5)
	if err != nil || len(p.Rows) != 5 || p.Rows[0].ID%5 != 0 || p.Note != "" {
		t.Fatalf("search backend: %+v, %v; want companies with a hiring post (every fifth)", p, err)
	}
	p, err = s.ListCompanies(ctx, crm.Filter{Query: "company", Sort: crm.SortRelevance}, mustCursor(t, ""), 5)
	if err != nil || len(p.Rows) != 5 || !strings.Contains(p.Note, "sorted by score") {
		t.Fatalf("relevance among 20,000: %d rows, note %q, %v", len(p.Rows), p.Note, err)
	}
	for i := 1; i < len(p.Rows); i++ {
		if p.Rows[i].Score > p.Rows[i-1].Score {
			t.Fatalf("relevance fallback not by score: %d after %d", p.Rows[i].Score, p.Rows[i-1].Score)
		}
	}
	p, err = s.ListCompanies(ctx, crm.Filter{Query: "Synthetic Company 12345", Sort: crm.SortRelevance}, mustCursor(t, ""), 5)
	if err != nil || len(p.Rows) != 1 || p.Note != "" {
		t.Fatalf("relevance of a rare search: %+v, %v", p, err)
	}
}

// Rebuilding the order while a single company is being rescored loses
// neither: a score written while the swap waits lands in the new table.
func TestRebuildRankKeepsScoresWrittenDuringTheSwap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	a := mustIngest(t, s, formD("4301", "0004301-26-000001", "", 9_000_000, now)).CompanyID
	mustIngest(t, s, formD("4302", "0004302-26-000001", "", 1_000_000, now))

	// A reader holds the order open, so the rebuild waits to swap it.
	reader, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback(ctx) //nolint:errcheck
	if _, err := reader.Exec(ctx, `SELECT count(*) FROM company_rank`); err != nil {
		t.Fatal(err)
	}
	rebuilt := make(chan error, 1)
	go func() { rebuilt <- s.RebuildRank(ctx) }()
	waitForLock(t, pool, "AccessExclusiveLock")

	// Meanwhile a salesperson marks a company Do-not-contact: its score
	// drops to 0, and the write waits for the swap.
	moved := make(chan error, 1)
	go func() { moved <- s.MoveStage(ctx, 0, a, crm.StageDoNotContact, "Asked not to be called") }()
	waitForLock(t, pool, "RowExclusiveLock")

	if err := reader.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-rebuilt; err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	if err := <-moved; err != nil {
		t.Fatalf("stage change during the rebuild: %v", err)
	}
	if n := rankDrift(t, pool); n != 0 {
		t.Fatalf("%d companies out of place after the swap", n)
	}
	if ids := listIDs(t, s, crm.Filter{}); len(ids) != 2 || ids[0] == a {
		t.Fatalf("list %v: want 2 with the Do-not-contact company %d last", ids, a)
	}
}

// waitForLock waits until some session waits for a lock of this mode on
// the list's order.
func waitForLock(t *testing.T, pool *pgxpool.Pool, mode string) {
	t.Helper()
	for range 500 {
		var n int
		err := pool.QueryRow(context.Background(), `
			SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE NOT l.granted AND l.mode = $1 AND c.relname = 'company_rank'`, mode).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("nobody waited for %s on company_rank within 5 s", mode)
}

// Any search text is a value, never SQL: quotes, operators, wildcards and
// backslashes list without an error, in both shapes of the search.
func TestListSearchTakesAnyText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustIngest(t, s, formD("4401", "0004401-26-000001", "", 1_000_000, now))
	for _, q := range []string{`'`, `"unterminated`, `a' OR '1'='1`, `%`, `_`, `\`, `!`, `-`, `a | b & !c`, `(`, `$1`, `%[3]s`, "名前"} {
		for _, sort := range []crm.Sort{crm.SortScore, crm.SortRelevance, crm.SortActivity} {
			if _, err := s.ListCompanies(ctx, crm.Filter{Query: q, Sort: sort}, mustCursor(t, ""), 10); err != nil {
				t.Errorf("search %q by %q: %v", q, sort, err)
			}
		}
	}
	// Bytes that are not text are refused when the filter is read.
	for _, q := range []string{"a\x00b", "\xff\xfe"} {
		var ve *crm.ValidationError
		if _, err := crm.ParseFilter(url.Values{"q": {q}}); !errors.As(err, &ve) || ve.Field != "q" {
			t.Errorf("search %q: %v, want a validation error on q", q, err)
		}
		if _, err := crm.ParseFilter(url.Values{"tag": {q}}); !errors.As(err, &ve) || ve.Field != "tag" {
			t.Errorf("tag %q: %v, want a validation error on tag", q, err)
		}
	}
	if n := count(t, s, crm.Filter{Query: "Company 4401"}); n != 1 {
		t.Fatalf("search by name: %d, want 1", n)
	}
}
