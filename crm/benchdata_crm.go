package crm

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The users LoadSyntheticCRM creates, all with SyntheticPassword, so a
// benchmark can sign in as one of them.
var (
	SyntheticSalesEmails = []string{"sales1@bench.example", "sales2@bench.example", "sales3@bench.example"}
	SyntheticAdminEmail  = "admin@bench.example"
)

// SyntheticPassword is the password of every user LoadSyntheticCRM creates.
const SyntheticPassword = "synthetic bench password"

// syntheticTags are the tags LoadSyntheticCRM puts on leads.
var syntheticTags = []string{"priority", "conference", "referral", "follow-up", "partner"}

// LoadSyntheticCRM adds a sales team's work to the companies
// LoadSyntheticCompanies made, set-based, for benchmarks of the pages: three
// sales users and an admin; about 40% of the companies owned (spread over
// the sales users), 60% with a phone, 10% tagged; 20% worked in the last 60
// days (two calls and a note each, stage changes, the field history) and
// left in a stage past New; open tasks on about 5% (some overdue, some due
// today, most later); a few saved views, personal and shared. It runs
// ANALYZE at the end but does not score: score afterwards, so that stages
// (Do-not-contact scores 0) count. It is not for production databases.
func (s *Store) LoadSyntheticCRM(ctx context.Context) error {
	sales := make([]int64, len(SyntheticSalesEmails))
	for i, email := range SyntheticSalesEmails {
		id, err := s.syntheticUser(ctx, email, RoleSales)
		if err != nil {
			return err
		}
		sales[i] = id
	}
	admin, err := s.syntheticUser(ctx, SyntheticAdminEmail, RoleAdmin)
	if err != nil {
		return err
	}
	// Stage labels as the field history records them.
	stages, labels := make([]string, len(Stages)), make([]string, len(Stages))
	for i, st := range Stages {
		stages[i], labels[i] = string(st), st.Label()
	}
	// "Today" is the Go process's local day, as the Today page reckons it.
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())

	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("crm: load synthetic CRM: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	steps := []struct {
		sql  string
		args []any
	}{
		// The same data on every run: random() below follows this seed
		// within the transaction's connection.
		{sql: `SELECT setseed(0.42)`},
		// One row per synthetic company with everything decided for it.
		// worked_at is its latest call, 1 to 50 days ago; the first call was
		// 6 days before, the note 2 days before.
		{sql: `CREATE TEMP TABLE bench_plan (
			id bigint PRIMARY KEY, worked boolean, owner_id bigint, stage text,
			has_phone boolean, tag text, worked_at timestamptz, assigned_at timestamptz, r_task float8
		) ON COMMIT DROP`},
		{sql: `INSERT INTO bench_plan
			SELECT id, worked,
			       CASE WHEN worked OR r_owner < 0.25 THEN ($1::bigint[])[1 + floor(r_who * cardinality($1::bigint[]))::int] END,
			       CASE WHEN NOT worked THEN 'new'
			            WHEN r_stage < 0.50 THEN 'contacted'
			            WHEN r_stage < 0.65 THEN 'meeting'
			            WHEN r_stage < 0.75 THEN 'proposal'
			            WHEN r_stage < 0.80 THEN 'won'
			            WHEN r_stage < 0.93 THEN 'lost'
			            ELSE 'do_not_contact' END,
			       worked OR r_phone < 0.5,
			       CASE WHEN r_tag < 0.1 THEN ($2::text[])[1 + floor(r_tag * 10 * cardinality($2::text[]))::int] END,
			       now() - make_interval(secs => (1 + r_time * 49) * 86400),
			       CASE WHEN worked THEN now() - make_interval(secs => (1 + r_time * 49 + 7) * 86400)
			            ELSE now() - make_interval(secs => r_time * 59 * 86400) END,
			       r_task
			FROM (
				SELECT id, random() < 0.2 AS worked, random() AS r_owner, random() AS r_who, random() AS r_stage,
				       random() AS r_phone, random() AS r_tag, random() AS r_time, random() AS r_task
				FROM companies
				WHERE name_norm LIKE 'synthetic company %' AND merged_into IS NULL
				ORDER BY id
			) r`, args: []any{sales, syntheticTags}},
		{sql: `UPDATE companies c
			SET owner_id = p.owner_id, stage = p.stage, updated_at = now(),
			    phone = CASE WHEN p.has_phone AND c.phone = ''
			                 THEN (ARRAY['212', '312', '415', '512', '617'])[1 + c.id % 5] || '-555-01' || lpad((c.id % 100)::text, 2, '0')
			                 ELSE c.phone END
			FROM bench_plan p
			WHERE c.id = p.id AND (p.owner_id IS NOT NULL OR p.stage <> 'new' OR p.has_phone)`},
		{sql: `INSERT INTO company_tags (company_id, tag, created_at)
			SELECT id, tag, assigned_at FROM bench_plan WHERE tag IS NOT NULL
			ON CONFLICT DO NOTHING`},
		// The admin handed the leads out; the history says so.
		{sql: `INSERT INTO company_changes (company_id, user_id, field, old_value, new_value, created_at)
			SELECT p.id, $1, 'owner', '', u.email, p.assigned_at
			FROM bench_plan p JOIN users u ON u.id = p.owner_id`, args: []any{admin}},
		// The timeline of a worked lead, oldest first: a first call that got
		// nobody (it moved the lead from New to Contacted), a note, and a
		// connected call whose outcome fits the stage the lead ended in.
		{sql: `INSERT INTO activities (company_id, user_id, kind, call_result, outcome, note, stage_from, stage_to, created_at)
			SELECT id, owner_id, kind, call_result, outcome, note, stage_from, stage_to, at
			FROM (
				SELECT p.id, p.owner_id, 'call' AS kind,
				       (ARRAY['no_answer', 'voicemail', 'busy', 'gatekeeper'])[1 + p.id % 4] AS call_result,
				       '' AS outcome,
				       CASE WHEN p.id % 4 = 1 THEN 'Left a voicemail for the founder.' ELSE '' END AS note,
				       '' AS stage_from, '' AS stage_to, p.worked_at - interval '6 days' AS at
				FROM bench_plan p WHERE p.worked
				UNION ALL
				SELECT p.id, p.owner_id, 'stage_change', '', '', '', 'new', 'contacted', p.worked_at - interval '6 days'
				FROM bench_plan p WHERE p.worked
				UNION ALL
				SELECT p.id, p.owner_id, 'note', '', '',
				       (ARRAY['Their site lists open backend roles; ask who owns the roadmap.',
				              'Raised recently; the CTO is hiring but wants an agency for the mobile app.',
				              'Spoke to the office manager: the founder decides, call mornings.',
				              'Competitor agency already engaged for design; we could take the API work.',
				              'Budget approved for Q3 per LinkedIn post; send case studies first.'])[1 + p.id % 5],
				       '', '', p.worked_at - interval '2 days'
				FROM bench_plan p WHERE p.worked
				UNION ALL
				SELECT p.id, p.owner_id, 'call', 'connected',
				       CASE p.stage WHEN 'meeting' THEN 'Meeting booked'
				                    WHEN 'lost' THEN (ARRAY['Not interested', 'Not a fit'])[1 + p.id % 2]
				                    WHEN 'do_not_contact' THEN 'Do not call'
				                    WHEN 'contacted' THEN (ARRAY['Interested', 'Call back later'])[1 + p.id % 2]
				                    ELSE 'Interested' END,
				       CASE p.stage WHEN 'do_not_contact' THEN 'Asked us never to call again.'
				                    WHEN 'lost' THEN 'Building it in-house this year.'
				                    WHEN 'meeting' THEN 'Demo with the founders booked.'
				                    ELSE 'Good call; they want an estimate for the backend rewrite.' END,
				       '', '', p.worked_at
				FROM bench_plan p WHERE p.worked
				UNION ALL
				-- Past Contacted: the second call (or a person, a minute later) moved it on.
				SELECT p.id, p.owner_id, 'stage_change', '', '',
				       CASE WHEN p.stage = 'do_not_contact' THEN 'Asked us never to call again.' ELSE '' END,
				       'contacted', p.stage, p.worked_at + interval '1 minute'
				FROM bench_plan p WHERE p.worked AND p.stage <> 'contacted'
			) a
			ORDER BY at`},
		// The field history of those stage changes.
		{sql: `INSERT INTO company_changes (company_id, user_id, field, old_value, new_value, created_at)
			SELECT a.company_id, a.user_id, 'stage', f.label, t.label, a.created_at
			FROM activities a
			JOIN bench_plan p ON p.id = a.company_id
			JOIN unnest($1::text[], $2::text[]) AS f (stage, label) ON f.stage = a.stage_from
			JOIN unnest($1::text[], $2::text[]) AS t (stage, label) ON t.stage = a.stage_to
			WHERE a.kind = 'stage_change' AND p.worked`, args: []any{stages, labels}},
		// Kept on the company as the activity writers keep them.
		{sql: `UPDATE companies c SET last_activity_at = a.last_activity, last_contacted_at = a.last_call
			FROM (
				SELECT company_id,
				       max(created_at) FILTER (WHERE kind IN ('note', 'call', 'email', 'meeting', 'stage_change')) AS last_activity,
				       max(created_at) FILTER (WHERE kind = 'call') AS last_call
				FROM activities WHERE company_id IN (SELECT id FROM bench_plan WHERE worked)
				GROUP BY company_id
			) a
			WHERE c.id = a.company_id`},
		// The next step on a third of the worked leads still open (about 5%
		// of all): u (r_task × 3, uniform on [0, 1)) puts 30% overdue by 1
		// to 10 days, 20% due today between 9:00 and 17:00, the rest due in
		// 1 to 21 days.
		{sql: `INSERT INTO tasks (company_id, owner_id, kind, title, due_at, created_by, created_at)
			SELECT id, owner_id,
			       CASE stage WHEN 'meeting' THEN 'meeting' WHEN 'proposal' THEN 'email' ELSE 'call' END,
			       CASE stage WHEN 'meeting' THEN 'Meeting with the founders'
			                  WHEN 'proposal' THEN 'Send the proposal'
			                  ELSE 'Call back' END,
			       CASE WHEN u < 0.3 THEN $1::timestamptz - make_interval(days => 1 + floor(u / 0.3 * 10)::int) + interval '10 hours'
			            WHEN u < 0.5 THEN $1::timestamptz + make_interval(secs => 9 * 3600 + (u - 0.3) / 0.2 * 8 * 3600)
			            ELSE $1::timestamptz + make_interval(days => 1 + floor((u - 0.5) / 0.5 * 21)::int) + interval '10 hours' END,
			       owner_id, worked_at
			FROM (SELECT *, r_task * 3 AS u FROM bench_plan) p
			WHERE worked AND stage IN ('contacted', 'meeting', 'proposal') AND r_task < 1.0 / 3`, args: []any{today}},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("crm: load synthetic CRM: %w\n%s", err, firstLine(st.sql))
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("crm: load synthetic CRM: %w", err)
	}

	// Saved views: each salesperson's own, and two the team shares.
	type view struct {
		user   int64
		name   string
		query  string // the list's query string
		shared bool
	}
	views := []view{
		{sales[0], "Hot freelance clients", "kind=client&min_score=40", true},
		{sales[1], "Priority", "tag=priority&sort=estimate", true},
		{admin, "Not called yet", "not_contacted=1&has_phone=1", false},
	}
	for _, u := range sales {
		views = append(views, view{u, "My open leads", "owner=me&stage=contacted&sort=activity", false})
	}
	for _, v := range views {
		f, err := parseQuery(v.query)
		if err != nil {
			return fmt.Errorf("crm: load synthetic CRM: view %q: %w", v.name, err)
		}
		if _, err := s.SaveView(ctx, v.user, v.name, f, v.shared); err != nil {
			return err
		}
	}

	_, err = s.db.Exec(ctx, `ANALYZE companies, company_tags, company_changes, activities, tasks, saved_views, users`)
	if err != nil {
		return fmt.Errorf("crm: load synthetic CRM: analyze: %w", err)
	}
	return nil
}

// syntheticUser creates a user with SyntheticPassword, or returns the id of
// the one that already has the email (a second load into the same database).
func (s *Store) syntheticUser(ctx context.Context, email string, role Role) (int64, error) {
	u, err := s.CreateUser(ctx, email, SyntheticPassword, role)
	if err == nil {
		return u.ID, nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "email" {
		return 0, err
	}
	users, lerr := s.ListUsers(ctx)
	if lerr != nil {
		return 0, lerr
	}
	for _, u := range users {
		if strings.EqualFold(u.Email, email) {
			return u.ID, nil
		}
	}
	return 0, err
}

// parseQuery is ParseFilter over a query string.
func parseQuery(q string) (Filter, error) {
	v, err := url.ParseQuery(q)
	if err != nil {
		return Filter{}, err
	}
	return ParseFilter(v)
}

// firstLine is the start of a statement, to say which one failed.
func firstLine(sql string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(sql), "\n")
	return line
}

// BenchFacts is what the page benchmark needs to know of a loaded
// database: its size, its server and pages worth timing.
type BenchFacts struct {
	Companies     int64  // live companies
	ServerVersion string // PostgreSQL's
	BusiestID     int64  // the company with the longest timeline people wrote
	SharedViewID  int64  // a view the team shares
}

// LoadBenchFacts reads BenchFacts; it needs LoadSyntheticCRM's data.
func (s *Store) LoadBenchFacts(ctx context.Context) (BenchFacts, error) {
	var f BenchFacts
	err := s.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM companies WHERE merged_into IS NULL),
		current_setting('server_version'),
		(SELECT company_id FROM activities WHERE kind IN ('call', 'note')
		 GROUP BY company_id ORDER BY count(*) DESC, company_id LIMIT 1),
		(SELECT id FROM saved_views WHERE shared ORDER BY id LIMIT 1)`).
		Scan(&f.Companies, &f.ServerVersion, &f.BusiestID, &f.SharedViewID)
	if err != nil {
		return f, fmt.Errorf("crm: bench facts (is the CRM data loaded?): %w", err)
	}
	return f, nil
}

// Analyze refreshes the planner's statistics of every table, as autovacuum
// would on a database in use.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.db.Exec(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("crm: analyze: %w", err)
	}
	return nil
}
