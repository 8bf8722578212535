package crm_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
	"github.com/leadgen/leadgen/scoring"
)

// TestSeedDemo seeds 300 demo companies and checks that they exercise the
// product: funded startups, marketplace clients sized by their projects,
// hiring companies, every pipeline stage; that every piece of evidence is
// marked as demo data; and that seeding again adds nothing.
func TestSeedDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// The real clock: client profiles count recent projects by the database's.
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{})
	u, err := s.CreateUser(ctx, "demo@leadgen.invalid", "a demo password", crm.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	// A smaller data set first: the larger one of the same seed extends it.
	small, err := s.SeedDemo(ctx, crm.DemoOptions{Companies: 100, Seed: 7, UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	opts := crm.DemoOptions{Companies: 300, Seed: 7, UserID: u.ID}
	res, err := s.SeedDemo(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %+v", res)
	res.Signals += small.Signals
	res.Activities += small.Activities
	for src, n := range small.Sources {
		res.Sources[src] += n
	}
	if res.Companies != 300 || res.Signals < 450 || res.Activities < 100 {
		t.Fatalf("first run: %d companies, %d signals, %d activities; want 300, 450+, 100+", res.Companies, res.Signals, res.Activities)
	}
	if n := count(t, s, crm.Filter{}); n != 300 {
		t.Fatalf("%d companies listed, want 300 (demo companies must never resolve into each other)", n)
	}
	for _, kind := range []string{"Form D startup", "Freelancer client", "Upwork client", "YC company", "hiring on Hacker News", "pooled fund", "real-estate issuer"} {
		if res.Kinds[kind] == 0 {
			t.Errorf("no %s in the mix %v", kind, res.Kinds)
		}
	}
	for _, src := range []string{"edgar", "news", "crunchbase", "hn", "yc", "freelancer", "upwork"} {
		if res.Sources[src] == 0 {
			t.Errorf("no signal from %s: %v", src, res.Sources)
		}
	}

	parts := map[string]int{}
	for _, p := range []string{scoring.PartFunding, scoring.PartProjectSize, scoring.PartClientQuality, scoring.PartHiring, scoring.PartRDFit} {
		parts[p] = count(t, s, crm.Filter{Part: p})
	}
	if parts[scoring.PartFunding] < 60 || parts[scoring.PartProjectSize] < 20 || parts[scoring.PartClientQuality] < 20 ||
		parts[scoring.PartHiring] < 20 || parts[scoring.PartRDFit] < 100 {
		t.Errorf("companies per score part = %v; want a realistic mix", parts)
	}
	if n := count(t, s, crm.Filter{FundedWithinDays: 90}); n < 15 {
		t.Errorf("%d companies funded within 90 days, want 15+", n)
	}
	// Scores spread like real leads: a tail of hot ones, a body in the 40s.
	if n40, n50 := count(t, s, crm.Filter{MinScore: 40}), count(t, s, crm.Filter{MinScore: 50}); n50 < 3 || n40 < 15 || n40 > 150 {
		t.Errorf("%d companies score 40+ and %d score 50+ of 300; want 15–150 and at least 3 hot leads", n40, n50)
	}

	for _, st := range crm.Stages {
		p, err := s.ListCompanies(ctx, crm.Filter{Stage: st}, mustCursor(t, ""), 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Rows) == 0 {
			t.Errorf("no company in stage %s", st)
		}
		for _, r := range p.Rows {
			if st == crm.StageDoNotContact && r.Score != 0 {
				t.Errorf("do-not-contact %s scores %d, want 0", r.Name, r.Score)
			}
		}
		if st == crm.StageDoNotContact && len(p.Rows) > 0 {
			c, err := s.GetCompany(ctx, p.Rows[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if !hasCallBy(c.Timeline, u.Email) {
				t.Errorf("timeline of do-not-contact %s has no call by %s: %+v", c.Name, u.Email, c.Timeline)
			}
		}
	}
	// Only the deliberate lookalikes (about one company in 150) go to review.
	if n, err := s.CountPossibleDuplicates(ctx); err != nil || n > 300/40 {
		t.Errorf("%d possible duplicates (%v), want at most %d", n, err, 300/40)
	}

	sigs := exportSignals(t, s)
	if len(sigs) != res.Signals {
		t.Errorf("%d signals exported, %d reported", len(sigs), res.Signals)
	}
	for _, r := range sigs {
		if !strings.HasPrefix(r["url"], crm.DemoURL+"/") || !strings.HasPrefix(r["source_item_id"], crm.DemoItemPrefix) {
			t.Fatalf("signal not marked as demo data: %v", r)
		}
		if d := r["domain"]; d != "" && !strings.HasSuffix(d, ".example") {
			t.Fatalf("demo company with a real-looking domain: %v", r)
		}
	}

	checkDemoWorkSpread(t, s, pool, u.ID)

	again, err := s.SeedDemo(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again.Companies != 300 || again.Signals != 0 || again.Activities != 0 {
		t.Fatalf("second run added %d signals and %d activities, want none", again.Signals, again.Activities)
	}
	if n, m := count(t, s, crm.Filter{}), len(exportSignals(t, s)); n != 300 || m != len(sigs) {
		t.Fatalf("after a second run: %d companies, %d signals; want 300, %d", n, m, len(sigs))
	}
}

// checkDemoWorkSpread checks that the demo's calls, notes and stage
// changes look like weeks of a team's work, not one burst at seeding
// time: they span more than 30 days of the last ~45, none is within the
// last hour (so call mode offers every called lead not Do-not-contact),
// the calls chart has calls on more than 10 days, and each company's last
// activity and last call, its tasks and its field history agree with its
// timeline.
func checkDemoWorkSpread(t *testing.T, s *crm.Store, pool *pgxpool.Pool, userID int64) {
	t.Helper()
	ctx := context.Background()
	var first, last time.Time
	err := pool.QueryRow(ctx, `SELECT min(created_at), max(created_at) FROM activities WHERE kind <> 'crawl'`).Scan(&first, &last)
	if err != nil {
		t.Fatal(err)
	}
	seeded := time.Now()
	if last.Sub(first) <= 30*24*time.Hour || first.Before(seeded.AddDate(0, 0, -47)) || last.After(seeded.Add(-time.Hour)) {
		t.Errorf("demo work from %v to %v; want more than 30 days of the last 47, none in the last hour", first, last)
	}
	var badDates, recentTasks, recentChanges int
	err = pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM companies c
		        WHERE c.last_activity_at IS DISTINCT FROM (SELECT max(a.created_at) FROM activities a
		                                                   WHERE a.company_id = c.id AND a.kind <> 'crawl')
		           OR c.last_contacted_at IS DISTINCT FROM (SELECT max(a.created_at) FROM activities a
		                                                    WHERE a.company_id = c.id AND a.kind = 'call')),
		       (SELECT count(*) FROM tasks WHERE created_at > now() - interval '1 hour'),
		       (SELECT count(*) FROM company_changes WHERE created_at > now() - interval '1 hour')`).
		Scan(&badDates, &recentTasks, &recentChanges)
	if err != nil {
		t.Fatal(err)
	}
	if badDates != 0 || recentTasks != 0 || recentChanges != 0 {
		t.Errorf("%d companies' last activity or last call disagree with their timelines; %d tasks and %d history entries made in the last hour",
			badDates, recentTasks, recentChanges)
	}

	// Call mode through every lead called in the last 60 days.
	f := crm.Filter{ContactedAfter: seeded.AddDate(0, 0, -60)}
	called, dnc := count(t, s, f), 0
	f.Stage = crm.StageDoNotContact
	dnc = count(t, s, f)
	f.Stage = ""
	queue, err := s.StartQueue(ctx, userID, f)
	if err != nil {
		t.Fatal(err)
	}
	offered := map[int64]bool{}
	for {
		id, err := s.QueueCurrent(ctx, userID, queue)
		if errors.Is(err, crm.ErrQueueDone) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if offered[id] {
			t.Fatalf("call mode offered %d twice", id)
		}
		offered[id] = true
		if err := s.QueueSkip(ctx, userID, queue, id); err != nil {
			t.Fatal(err)
		}
	}
	if called < 30 || len(offered) != called-dnc {
		t.Errorf("call mode offered %d of the %d called leads (%d do-not-contact); want every one but those", len(offered), called, dnc)
	}

	d, err := s.Dashboard(ctx, userID, seeded)
	if err != nil {
		t.Fatal(err)
	}
	days := 0
	for _, day := range d.CallDays {
		if day.Total() > 0 {
			days++
		}
	}
	if days <= 10 {
		t.Errorf("the calls chart has calls on %d of its %d days, want more than 10", days, len(d.CallDays))
	}
}

func hasCallBy(timeline []crm.Activity, email string) bool {
	for _, a := range timeline {
		if a.Kind == crm.ActivityCall && a.UserEmail == email {
			return true
		}
	}
	return false
}

// exportSignals reads the per-signal export as maps by column.
func exportSignals(t *testing.T, s *crm.Store) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.ExportSignalsCSV(context.Background(), &buf, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, col := range recs[0] {
			m[col] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestSeedDemoTiming seeds the default data set (3000 companies) and logs
// how long it took and the top leads; it runs only when asked, being slow.
func TestSeedDemoTiming(t *testing.T) {
	if testing.Short() || os.Getenv("LEADGEN_DEMO_TIMING") == "" {
		t.Skip("set LEADGEN_DEMO_TIMING=1 to time the default demo data set")
	}
	s := crmtest.Store(t, crm.StoreOptions{})
	res, err := s.SeedDemo(context.Background(), crm.DemoOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %+v", res)
	p, err := s.ListCompanies(context.Background(), crm.Filter{}, mustCursor(t, ""), 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Rows {
		t.Logf("%3d %s (%s): %s", r.Score, r.Name, r.Stage.Label(), r.EstimateBasis)
	}
}
