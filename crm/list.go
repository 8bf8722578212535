package crm

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// The lead list's query is built per request from the filter: one
// condition per filter that is set, and an ORDER BY that an index serves
// (company_rank's for score and estimate, companies' for last activity and
// newest), so the first page reads about as many rows as it shows whatever
// the number of companies. The conditions are fixed text and every value a
// parameter; only the shape varies. The page's columns are then read for
// its rows alone (CompanyRows).

// listSort is how one sort order reads, compares and orders its key. In
// its SQL %[1]s is the cursor's key, %[2]s its id and %[3]s the search; a
// sort that does not read the key leaves it out (an unused parameter has no
// type, which PostgreSQL refuses).
type listSort struct {
	key     string // the sort key as a bigint, as cursors carry it
	after   string // the keyset condition
	order   string
	usesKey bool
}

// relevance is the search rank × 10^6.
const relevance = "(ts_rank(c.search, websearch_to_tsquery('simple', %[3]s::text)) * 1000000)::bigint"

var listSorts = map[Sort]listSort{
	SortScore: {
		key: "r.total::bigint", after: "(r.total, r.company_id) < (%[1]s::bigint, %[2]s::bigint)",
		order: "r.total DESC, r.company_id DESC", usesKey: true,
	},
	SortEstimate: {
		key: "r.estimate", after: "(r.estimate, r.company_id) < (%[1]s::bigint, %[2]s::bigint)",
		order: "r.estimate DESC, r.company_id DESC", usesKey: true,
	},
	// Never-worked leads last; the key is microseconds since 1970, 0 for never.
	SortActivity: {
		key:   "coalesce((extract(epoch FROM c.last_activity_at) * 1000000)::bigint, 0)",
		after: "(coalesce(c.last_activity_at, '-infinity'::timestamptz), c.id) < (%[1]s::timestamptz, %[2]s::bigint)",
		order: "coalesce(c.last_activity_at, '-infinity'::timestamptz) DESC, c.id DESC", usesKey: true,
	},
	SortNewest: {key: "c.id", after: "c.id < %[2]s::bigint", order: "c.id DESC"},
	SortRelevance: {
		key: relevance, after: "(" + relevance + ", c.id) < (%[1]s::bigint, %[2]s::bigint)",
		order: relevance + " DESC, c.id DESC", usesKey: true,
	},
}

// queueScope narrows a list to what a call queue may offer next.
type queueScope struct {
	queueID, userID int64
	cooldown        time.Duration
}

// listQuery is a statement being built and its parameters.
type listQuery struct {
	where []string
	args  []any
}

// arg adds a parameter and returns its placeholder.
func (q *listQuery) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *listQuery) cond(format string, values ...any) {
	ph := make([]any, len(values))
	for i, v := range values {
		ph[i] = q.arg(v)
	}
	q.where = append(q.where, fmt.Sprintf(format, ph...))
}

// commonSearch is how many companies a search must match to be checked
// row by row while walking the order rather than read from the indexes.
const commonSearch = 5000

// searchUnion is the companies a search (%[3]s) matches, from each of the
// search indexes (words of names and domains, name substrings, signal
// titles, notes); a company may come more than once.
const searchUnion = `SELECT id FROM companies WHERE search @@ websearch_to_tsquery('simple', %[3]s::text)
			UNION ALL SELECT id FROM companies WHERE name ILIKE '%%' || %[3]s::text || '%%'
			UNION ALL SELECT company_id FROM signals WHERE search @@ websearch_to_tsquery('simple', %[3]s::text)
			UNION ALL SELECT company_id FROM activities WHERE search @@ websearch_to_tsquery('simple', %[3]s::text)`

// searchMatches is the search condition read from the indexes, fast for a
// rare search.
const searchMatches = `c.id IN (` + searchUnion + `)`

// searchEach is the same condition checked on each company, fast for a
// search most companies match: the walk stops after a page.
const searchEach = `(c.search @@ websearch_to_tsquery('simple', %[3]s::text)
			OR c.name ILIKE '%%' || %[3]s::text || '%%'
			OR company_text_matches(c.id, websearch_to_tsquery('simple', %[3]s::text)))`

// listShape is what a list's statement depends on besides the filter.
type listShape struct {
	queue  *queueScope // set for a call queue's next leads
	common bool        // the search matches at least commonSearch companies
}

// shape finds the statement's shape for f: whether its search is common,
// counted from the search indexes up to commonSearch.
func (s *Store) shape(ctx context.Context, f Filter, queue *queueScope) (listShape, error) {
	sh := listShape{queue: queue}
	if f.Query == "" {
		return sh, nil
	}
	var n int
	probe := fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM (`+searchUnion+`) m LIMIT %[4]d) n`, "", "", "$1", commonSearch)
	err := s.db.QueryRow(ctx, probe, f.Query).Scan(&n)
	if err != nil {
		return sh, fmt.Errorf("count search matches: %w", err)
	}
	sh.common = n >= commonSearch
	return sh, nil
}

// matchSQL builds the statement that selects the id and sort key of up to
// limit companies f matches after the cursor, in the list's order.
func (s *Store) matchSQL(f Filter, after Cursor, limit int, sh listShape) (string, []any) {
	queue := sh.queue
	srt, ok := listSorts[f.Sort]
	if !ok || (f.Sort == SortRelevance && (f.Query == "" || sh.common)) {
		// Ranking thousands of matches costs seconds and tells little
		// (a common word matches them all alike): by score instead.
		srt = listSorts[SortScore]
	}
	q := &listQuery{}
	// The cursor and the search, each a parameter only where used.
	keyPH := ""
	if srt.usesKey {
		var key any = after.Key
		if f.Sort == SortActivity {
			key = activityCursor(after.Key)
		}
		keyPH = q.arg(key)
	}
	idPH := q.arg(after.ID)
	searchPH := ""
	if f.Query != "" {
		searchPH = q.arg(f.Query)
	}
	sqlf := func(format string) string {
		if !strings.Contains(format, "%[") {
			return format
		}
		return fmt.Sprintf(format, keyPH, idPH, searchPH)
	}
	q.where = append(q.where, "c.merged_into IS NULL", sqlf(srt.after))
	scores := false // whether company_scores is joined

	if f.IDs != nil {
		q.cond("c.id = ANY(%s::bigint[])", f.IDs)
	}
	if lo, hi := f.MinScore, cmp.Or(f.MaxScore, 100); lo > 0 || hi < 100 {
		q.cond("r.total BETWEEN %s::int AND %s::int", lo, hi)
	}
	if f.MinEstimateUSD > 0 {
		q.cond("r.estimate >= %s::bigint", f.MinEstimateUSD)
	}
	if bit := partBit(f.Part); bit != 0 {
		scores = true
		q.cond("s.part_mask & %s::int <> 0", bit)
	}
	if f.Industry != "" {
		q.cond("c.industry = %s::text", f.Industry)
	}
	if f.Stage != "" {
		q.cond("r.stage = %s::text", string(f.Stage))
	}
	if f.FundedWithinDays > 0 {
		scores = true
		q.cond("s.last_funding_at >= %s::timestamptz", s.now().AddDate(0, 0, -f.FundedWithinDays))
	}
	switch f.Kind {
	case KindFunded:
		scores = true
		q.where = append(q.where, "s.last_funding_usd > 0")
	case KindClient:
		q.where = append(q.where, "EXISTS (SELECT 1 FROM client_profiles cp WHERE cp.company_id = c.id)")
	case KindImported:
		q.where = append(q.where, "EXISTS (SELECT 1 FROM signals si WHERE si.company_id = c.id AND si.source = 'import')")
	}
	switch f.Owner {
	case "none":
		q.where = append(q.where, "c.owner_id IS NULL")
	case "me":
		q.cond("c.owner_id = %s::bigint", f.Me)
	}
	if f.Tag != "" {
		q.cond("EXISTS (SELECT 1 FROM company_tags t WHERE t.company_id = c.id AND t.tag = %s::text)", f.Tag)
	}
	if f.HasPhone {
		q.where = append(q.where, "c.phone <> ''")
	}
	if f.NotContacted {
		q.where = append(q.where, "c.last_contacted_at IS NULL")
	}
	if !f.ContactedAfter.IsZero() {
		q.cond("c.last_contacted_at >= %s::timestamptz", f.ContactedAfter)
	}
	if !f.ContactedBefore.IsZero() {
		q.cond("c.last_contacted_at < %s::timestamptz", f.ContactedBefore)
	}
	if f.Query != "" {
		if sh.common {
			q.where = append(q.where, sqlf(searchEach))
		} else {
			q.where = append(q.where, sqlf(searchMatches))
		}
	}
	if queue != nil {
		// Never Do-not-contact, not open in another user's queue, not
		// called within the cooldown, not skipped in this queue.
		q.where = append(q.where, "c.stage <> 'do_not_contact'")
		q.cond(`NOT EXISTS (SELECT 1 FROM queue_leases l
			WHERE l.company_id = c.id AND l.user_id <> %s::bigint AND l.leased_until > now())`, queue.userID)
		q.cond(`NOT EXISTS (SELECT 1 FROM activities a
			WHERE a.company_id = c.id AND a.kind = 'call' AND a.created_at > now() - make_interval(secs => %s::float8))`,
			queue.cooldown.Seconds())
		q.cond("NOT EXISTS (SELECT 1 FROM queue_skips k WHERE k.queue_id = %s::bigint AND k.company_id = c.id)", queue.queueID)
	}

	from := "company_rank r JOIN companies c ON c.id = r.company_id"
	if scores {
		from += " JOIN company_scores s ON s.company_id = c.id"
	}
	sql := "SELECT c.id, " + sqlf(srt.key) + " AS sort_key FROM " + from +
		"\nWHERE " + strings.Join(q.where, "\n  AND ") +
		"\nORDER BY " + sqlf(srt.order) + "\nLIMIT " + q.arg(limit)
	return sql, q.args
}

// activityCursor turns a cursor key (microseconds, 0 for never) into the
// time the activity order compares.
func activityCursor(key int64) pgtype.Timestamptz {
	switch key {
	case math.MaxInt64:
		return pgtype.Timestamptz{Valid: true, InfinityModifier: pgtype.Infinity}
	case 0:
		return pgtype.Timestamptz{Valid: true, InfinityModifier: pgtype.NegativeInfinity}
	}
	return pgtype.Timestamptz{Valid: true, Time: time.UnixMicro(key)}
}

// match is one company the list selects: its id and its sort key.
type match struct {
	ID, Key int64
}

// matching runs matchSQL: up to limit companies f selects after the cursor.
func (s *Store) matching(ctx context.Context, f Filter, after Cursor, limit int, queue *queueScope) ([]match, listShape, error) {
	sh, err := s.shape(ctx, f, queue)
	if err != nil {
		return nil, sh, err
	}
	sql, args := s.matchSQL(f, after, limit, sh)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, sh, err
	}
	defer rows.Close()
	var out []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.ID, &m.Key); err != nil {
			return nil, sh, err
		}
		out = append(out, m)
	}
	return out, sh, rows.Err()
}

// RebuildRank rebuilds the list's order (company_rank) from every live
// company's score and swaps it in: after rescoring every company, building
// a fresh table and its indexes is several times cheaper than updating
// each row and its index entries. Writers of single scores wait for the
// swap (so none is lost); readers wait only for the swap itself.
func (s *Store) RebuildRank(ctx context.Context) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("crm: rebuild rank: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	for _, q := range []string{
		// Derived data: a swap lost in a crash leaves the previous order.
		`SET LOCAL synchronous_commit = off`,
		`LOCK TABLE company_rank IN EXCLUSIVE MODE`,
		`DROP TABLE IF EXISTS company_rank_new`,
		`CREATE TABLE company_rank_new (
			company_id bigint  NOT NULL,
			total      integer NOT NULL DEFAULT 0,
			estimate   bigint  NOT NULL DEFAULT 0,
			stage      text    NOT NULL DEFAULT 'new')`,
		// The companies are the ranked ones (triggers keep that set and
		// their stages); only their scores are new, so the narrow old
		// table is read rather than companies.
		`INSERT INTO company_rank_new (company_id, total, estimate, stage)
		 SELECT r.company_id, coalesce(s.total, 0), coalesce(s.estimated_project_usd, 0), r.stage
		 FROM company_rank r LEFT JOIN company_scores s ON s.company_id = r.company_id`,
		`CREATE UNIQUE INDEX company_rank_new_pkey ON company_rank_new (company_id)`,
		`CREATE INDEX company_rank_new_total_idx ON company_rank_new (total DESC, company_id DESC)`,
		`CREATE INDEX company_rank_new_estimate_idx ON company_rank_new (estimate DESC, company_id DESC)`,
		`CREATE INDEX company_rank_new_stage_idx ON company_rank_new (stage, total DESC, company_id DESC)`,
		`ANALYZE company_rank_new`,
		`DROP TABLE company_rank`,
		`ALTER TABLE company_rank_new RENAME TO company_rank`,
		`ALTER TABLE company_rank ADD CONSTRAINT company_rank_pkey PRIMARY KEY USING INDEX company_rank_new_pkey`,
		`ALTER INDEX company_rank_new_total_idx RENAME TO company_rank_total_idx`,
		`ALTER INDEX company_rank_new_estimate_idx RENAME TO company_rank_estimate_idx`,
		`ALTER INDEX company_rank_new_stage_idx RENAME TO company_rank_stage_idx`,
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("crm: rebuild rank: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("crm: rebuild rank: %w", err)
	}
	// Marks the new table's pages all-visible, so walking an index of it
	// need not visit the table (VACUUM cannot run in the transaction).
	if _, err := s.db.Exec(ctx, `VACUUM company_rank`); err != nil {
		return fmt.Errorf("crm: vacuum rank: %w", err)
	}
	return nil
}

// ExplainList runs the list's query for f's first page of limit rows under
// EXPLAIN ANALYZE and returns the plan as text (for the performance notes
// and the page benchmark).
func (s *Store) ExplainList(ctx context.Context, f Filter, limit int) (string, error) {
	sh, err := s.shape(ctx, f, nil)
	if err != nil {
		return "", fmt.Errorf("crm: explain list: %w", err)
	}
	sql, args := s.matchSQL(f, start, limit, sh)
	rows, err := s.db.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+sql, args...)
	if err != nil {
		return "", fmt.Errorf("crm: explain list: %w", err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", fmt.Errorf("crm: explain list: %w", err)
		}
		b.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("crm: explain list: %w", err)
	}
	return b.String(), nil
}
