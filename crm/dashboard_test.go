package crm_test

import (
	"context"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York wherever the tests run

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// dashSignal is a signal of source about the company known by key.
func dashSignal(source, item string, kind crawlers.Kind, key, name string, usd int64) crawlers.Signal {
	return crawlers.Signal{Source: source, SourceItemID: item, Kind: kind, Title: name + " " + item,
		URL: "https://example.com/" + item, OccurredAt: now.AddDate(0, 0, -5), AmountUSD: usd,
		Company: crawlers.Company{Keys: []string{key}, Name: name}}
}

// TestDashboard builds a known pipeline and checks every number of every
// chart. Days are New York days around the start of daylight saving time
// (March 8, 2026 has 23 hours).
func TestDashboard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, ny)
	}
	dashNow := at(time.March, 10, 10, 0)

	var users []int64
	for _, email := range []string{"rep@example.com", "boss@example.com", "gone@example.com"} {
		role := crm.RoleSales
		if email == "boss@example.com" {
			role = crm.RoleAdmin
		}
		u, err := s.CreateUser(ctx, email, "correct horse battery", role)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u.ID)
	}
	rep, boss, gone := users[0], users[1], users[2]

	ingest := func(sigs ...crawlers.Signal) int64 {
		t.Helper()
		var id int64
		for _, sig := range sigs {
			res := mustIngest(t, s, sig)
			if id != 0 && res.CompanyID != id {
				t.Fatalf("%s landed on %d, want %d", sig.SourceItemID, res.CompanyID, id)
			}
			id = res.CompanyID
		}
		return id
	}
	// Companies: where they come from, the stage they end at and the score
	// they are given last.
	alpha := ingest(dashSignal("edgar", "a1", crawlers.KindFormD, "k:alpha", "Alpha", 5_000_000)) // funded, won, 80
	beta := ingest(dashSignal("edgar", "b1", crawlers.KindFormD, "k:beta", "Beta", 0),            // no amount: other
		dashSignal("hn", "b2", crawlers.KindHiring, "k:beta", "Beta", 0)) // lost, 24
	gamma := ingest(project("g", "g1", 3_000, false, now.AddDate(0, 0, -2)))                                    // client, meeting, 50
	delta := ingest(dashSignal("hn", "d1", crawlers.KindHiring, "k:delta", "Delta", 0))                         // other, back to new, 25
	epsilon := ingest(dashSignal(crm.ImportSource, "e1", crawlers.KindImported, "k:eps", "Epsilon", 2_000_000)) // funded, do-not-contact, 0
	zeta := ingest(dashSignal("crunchbase", "z1", crawlers.KindFunding, "k:zeta", "Zeta", 1_000_000))           // merged into Alpha
	eta := ingest(dashSignal("yc", "h1", crawlers.KindYCBatch, "k:eta", "Eta", 0))                              // other, new, no score
	theta := ingest(dashSignal("news:techcrunch.com", "t1", crawlers.KindFunding, "k:theta", "Theta", 3_000_000),
		dashSignal("news:techcrunch.com", "t2", crawlers.KindFunding, "k:theta", "Theta", 500_000),
		dashSignal("hn", "t3", crawlers.KindHiring, "k:theta", "Theta", 0)) // funded, proposal, 100
	iota := ingest(dashSignal("hn", "i1", crawlers.KindHiring, "k:iota", "Iota", 0))    // other, contacted, 49
	kappa := ingest(dashSignal("hn", "j1", crawlers.KindHiring, "k:kappa", "Kappa", 0)) // other, new, 74
	lambda := ingest(project("l", "l1", 2_000, false, now.AddDate(0, 0, -3)),
		dashSignal("edgar", "l2", crawlers.KindFormD, "freelancer:l", "Client l", 1_000_000)) // client and funded: funded, new, 75

	// Calls, each dated as logged.
	call := func(user, company int64, result crm.CallResult, outcome, note string, when time.Time) {
		t.Helper()
		c := crm.Call{Result: result, Outcome: outcome, Note: note}
		if outcome == "" || outcome == "Interested" {
			c.Next = crm.TaskInput{DueAt: now.AddDate(0, 0, 3)}
		}
		if err := s.LogCall(ctx, user, company, c); err != nil {
			t.Fatal(err)
		}
		backdate(t, pool, "call", when)
	}
	note := func(user, company int64, text string, when time.Time) {
		t.Helper()
		if err := s.AddNote(ctx, user, company, text); err != nil {
			t.Fatal(err)
		}
		backdate(t, pool, "note", when)
	}
	stage := func(company int64, to crm.Stage) {
		t.Helper()
		if err := s.SetStage(ctx, rep, company, to); err != nil {
			t.Fatal(err)
		}
	}
	call(rep, alpha, crm.CallConnected, "Interested", "", at(time.March, 10, 9, 0)) // new → contacted
	stage(alpha, crm.StageWon)
	call(rep, alpha, crm.CallConnected, "", "", at(time.March, 10, 11, 0))
	call(rep, beta, crm.CallNoAnswer, "", "", at(time.March, 10, 8, 0)) // new → contacted
	stage(beta, crm.StageLost)
	call(boss, alpha, crm.CallBusy, "", "", at(time.March, 9, 0, 30))
	call(rep, alpha, crm.CallVoicemail, "", "", at(time.March, 8, 23, 30)) // still March 8 in New York
	call(gone, alpha, crm.CallConnected, "", "", at(time.March, 4, 12, 0))
	call(rep, alpha, crm.CallGatekeeper, "", "", at(time.March, 3, 23, 59))
	call(rep, alpha, crm.CallBadNumber, "", "", at(time.February, 9, 0, 0))     // the first day's first instant
	call(rep, alpha, crm.CallWrongNumber, "", "", at(time.February, 8, 23, 59)) // a day too early
	call(rep, alpha, crm.CallConnected, "", "", at(time.March, 11, 0, 0))       // tomorrow
	// A first call that ends it: straight to Do-not-contact, never Contacted.
	call(rep, epsilon, crm.CallConnected, "Do not call", "Asked us to stop", at(time.March, 2, 10, 0))
	if _, err := pool.Exec(ctx, `INSERT INTO activities (company_id, user_id, kind, call_result, created_at)
		VALUES ($1, $2, 'call', 'left_message', $3)`, alpha, rep, at(time.March, 1, 12, 0)); err != nil {
		t.Fatal(err)
	}
	stage(gamma, crm.StageMeeting)
	stage(delta, crm.StageContacted)
	stage(delta, crm.StageNew)
	stage(theta, crm.StageProposal)
	stage(iota, crm.StageContacted)
	stage(zeta, crm.StageProposal)
	if _, err := s.MergeCompanies(ctx, rep, alpha, zeta); err != nil {
		t.Fatal(err)
	}

	note(rep, alpha, "today", at(time.March, 10, 7, 0))
	note(rep, alpha, "last month", at(time.February, 20, 12, 0))
	note(rep, alpha, "too old", at(time.February, 1, 12, 0))
	note(boss, alpha, "boss", at(time.March, 5, 12, 0))
	note(gone, alpha, "gone", at(time.March, 6, 12, 0))
	note(0, alpha, "the system", at(time.March, 7, 12, 0))
	if err := s.SetUserActive(ctx, gone, false); err != nil {
		t.Fatal(err)
	}

	for id, total := range map[int64]int{alpha: 80, beta: 24, gamma: 50, delta: 25, epsilon: 0, theta: 100, iota: 49, kappa: 74, lambda: 75} {
		if _, err := pool.Exec(ctx, `UPDATE company_scores SET total = $2 WHERE company_id = $1`, id, total); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, `DELETE FROM company_scores WHERE company_id = $1`, eta); err != nil {
		t.Fatal(err)
	}

	d, err := s.Dashboard(ctx, rep, dashNow)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Funnel", func(t *testing.T) {
		want := []crm.StageCount{{crm.StageNew, 4}, {crm.StageContacted, 1}, {crm.StageMeeting, 1}, {crm.StageProposal, 1},
			{crm.StageWon, 1}, {crm.StageLost, 1}, {crm.StageDoNotContact, 1}}
		if !slices.Equal(d.Funnel, want) {
			t.Errorf("funnel = %v, want %v", d.Funnel, want)
		}
	})

	t.Run("CallsPerDay", func(t *testing.T) {
		if !d.Today.Equal(at(time.March, 10, 0, 0)) {
			t.Errorf("today = %v", d.Today)
		}
		wantResults := append(slices.Clone(crm.CallResults), "left_message")
		if !slices.Equal(d.CallResults, wantResults) {
			t.Errorf("results = %v, want %v", d.CallResults, wantResults)
		}
		if len(d.CallDays) != crm.DashboardDays {
			t.Fatalf("%d days, want %d", len(d.CallDays), crm.DashboardDays)
		}
		if first := d.CallDays[0].Day; !first.Equal(at(time.February, 9, 0, 0)) {
			t.Errorf("first day = %v, want February 9", first)
		}
		want := map[string]map[crm.CallResult]int{
			"2026-02-09": {crm.CallBadNumber: 1},
			"2026-03-01": {"left_message": 1},
			"2026-03-02": {crm.CallConnected: 1},
			"2026-03-03": {crm.CallGatekeeper: 1},
			"2026-03-04": {crm.CallConnected: 1},
			"2026-03-08": {crm.CallVoicemail: 1},
			"2026-03-09": {crm.CallBusy: 1},
			"2026-03-10": {crm.CallConnected: 2, crm.CallNoAnswer: 1},
		}
		for i, day := range d.CallDays {
			key := day.Day.In(ny).Format("2006-01-02")
			if i > 0 && key == d.CallDays[i-1].Day.In(ny).Format("2006-01-02") {
				t.Errorf("day %s twice", key)
			}
			w := want[key]
			got := map[crm.CallResult]int{}
			for r, n := range day.Calls {
				if n != 0 {
					got[r] = n
				}
			}
			if len(got) != len(w) {
				t.Errorf("%s: calls %v, want %v", key, got, w)
				continue
			}
			for r, n := range w {
				if got[r] != n {
					t.Errorf("%s: calls %v, want %v", key, got, w)
				}
			}
		}
	})

	t.Run("SourceKinds", func(t *testing.T) {
		want := []crm.SourceKindBands{
			{Kind: crm.SourceKindFunded, Label: "Funded startup", Bands: [4]int{1, 0, 0, 3}},   // Epsilon; Alpha, Theta, Lambda
			{Kind: crm.SourceKindClient, Label: "Freelance client", Bands: [4]int{0, 0, 1, 0}}, // Gamma
			{Kind: crm.SourceKindOther, Label: "Hiring / other", Bands: [4]int{2, 2, 1, 0}},    // Beta, Eta; Delta, Iota; Kappa
		}
		if !slices.Equal(d.SourceKinds, want) {
			t.Errorf("source kinds = %+v, want %+v", d.SourceKinds, want)
		}
	})

	t.Run("Conversion", func(t *testing.T) {
		want := []crm.SourceConversion{
			{Source: "crunchbase", Label: "Crunchbase", Contacted: 1, Won: 1},          // Zeta's round, now Alpha's
			{Source: "edgar", Label: "SEC EDGAR", Contacted: 2, Won: 1},                // Alpha, Beta (not Lambda)
			{Source: "freelancer", Label: "Freelancer.com", Contacted: 1, Won: 0},      // Gamma (not Lambda)
			{Source: "hn", Label: "Hacker News", Contacted: 4, Won: 0},                 // Beta, Delta, Theta, Iota (not Kappa)
			{Source: crm.ImportSource, Label: "Imported lists", Contacted: 0, Won: 0},  // Epsilon went straight to do-not-contact
			{Source: "news:techcrunch.com", Label: "TechCrunch", Contacted: 1, Won: 0}, // Theta once, for two signals
			{Source: "yc", Label: "Y Combinator", Contacted: 0, Won: 0},                // Eta
		}
		if !slices.Equal(d.Conversion, want) {
			t.Errorf("conversion =\n%+v\nwant\n%+v", d.Conversion, want)
		}
		if r, ok := d.Conversion[1].Rate(); !ok || r != 0.5 {
			t.Errorf("edgar rate = %v, %v", r, ok)
		}
		if _, ok := d.Conversion[4].Rate(); ok {
			t.Error("a source with nobody contacted has a rate")
		}
	})

	t.Run("Activity", func(t *testing.T) {
		// rep: calls on Mar 10 (3), Mar 8, Mar 3, Mar 2, Mar 1, Feb 9; notes on Mar 10, Feb 20.
		// boss: a call on Mar 9, a note on Mar 5. gone (deactivated) and the system count for no one.
		want := []crm.ActivityMetric{
			{Label: "Calls, last 7 days", Mine: 4, Team: 5, TeamAverage: 2.5},
			{Label: "Calls, last 30 days", Mine: 8, Team: 9, TeamAverage: 4.5},
			{Label: "Notes, last 7 days", Mine: 1, Team: 2, TeamAverage: 1},
			{Label: "Notes, last 30 days", Mine: 2, Team: 3, TeamAverage: 1.5},
		}
		if !slices.Equal(d.Activity, want) || d.ActiveUsers != 2 {
			t.Errorf("activity = %+v over %d users, want %+v over 2", d.Activity, d.ActiveUsers, want)
		}
	})
}

// backdate moves the newest activity of kind to when.
func backdate(t *testing.T, pool *pgxpool.Pool, kind string, when time.Time) {
	t.Helper()
	_, err := pool.Exec(context.Background(),
		`UPDATE activities SET created_at = $1 WHERE id = (SELECT max(id) FROM activities WHERE kind = $2)`, when, kind)
	if err != nil {
		t.Fatal(err)
	}
}

func TestDashboardEmpty(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	d, err := s.Dashboard(context.Background(), 0, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Funnel) != len(crm.Stages) || len(d.CallDays) != crm.DashboardDays || len(d.SourceKinds) != 3 ||
		len(d.Conversion) != 0 || len(d.Activity) != 4 || d.ActiveUsers != 0 {
		t.Fatalf("empty dashboard = %+v", d)
	}
	for _, m := range d.Activity {
		if m.Mine != 0 || m.Team != 0 || m.TeamAverage != 0 {
			t.Errorf("activity with no users = %+v", m)
		}
	}
}

// TestDashboardFundedMatchesList checks that the dashboard's funded
// startups are the lead list's kind=funded leads: the companies whose
// score records a last round in USD (company_scores.last_funding_usd > 0),
// whatever else is true of them: marketplace clients with a round,
// do-not-contact, a round that came with a merge; a round without an
// amount is no round, and a company not scored yet is not funded yet.
func TestDashboardFundedMatchesList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := crmtest.Pool(t)
	s := crm.NewStore(pool, crm.StoreOptions{Now: clock})
	u, err := s.CreateUser(ctx, "rep@example.com", "correct horse battery", crm.RoleSales)
	if err != nil {
		t.Fatal(err)
	}
	ingest := func(sig crawlers.Signal) int64 { t.Helper(); return mustIngest(t, s, sig).CompanyID }
	ingest(dashSignal("edgar", "f1", crawlers.KindFormD, "k:f1", "Form D", 5_000_000))
	ingest(dashSignal("crunchbase", "f2", crawlers.KindFunding, "k:f2", "Round", 1_000_000))
	ingest(dashSignal(crm.ImportSource, "f3", crawlers.KindImported, "k:f3", "Imported", 2_000_000))
	ingest(dashSignal("edgar", "n1", crawlers.KindFormD, "k:n1", "No amount", 0))
	ingest(dashSignal("hn", "n2", crawlers.KindHiring, "k:n2", "Hiring", 0))
	ingest(project("c1", "n3", 3_000, false, now.AddDate(0, 0, -2)))
	client := ingest(project("c2", "f4", 2_000, false, now.AddDate(0, 0, -3)))
	if got := ingest(dashSignal("edgar", "f4b", crawlers.KindFormD, "freelancer:c2", "Client c2", 1_000_000)); got != client {
		t.Fatalf("the client's Form D landed on %d, want %d", got, client)
	}
	dnc := ingest(dashSignal("edgar", "f5", crawlers.KindFormD, "k:f5", "Do not call", 3_000_000))
	if err := s.MoveStage(ctx, u.ID, dnc, crm.StageDoNotContact, "asked us to stop"); err != nil {
		t.Fatal(err)
	}
	// A funded company merged into one without a round: one funded lead.
	winner := ingest(dashSignal("hn", "m1", crawlers.KindHiring, "k:m1", "Winner", 0))
	loser := ingest(dashSignal("news", "m2", crawlers.KindFunding, "k:m2", "Loser", 4_000_000))
	if _, err := s.MergeCompanies(ctx, u.ID, winner, loser); err != nil {
		t.Fatal(err)
	}
	// A round on a company not scored yet (as an import leaves its
	// companies until the rescoring that follows): the list does not call
	// it funded until its score records the round, nor may the dashboard.
	unscored := ingest(dashSignal("edgar", "u1", crawlers.KindFormD, "k:u1", "Unscored", 6_000_000))
	if _, err := pool.Exec(ctx, `DELETE FROM company_scores WHERE company_id = $1`, unscored); err != nil {
		t.Fatal(err)
	}

	listed := count(t, s, crm.Filter{Kind: crm.KindFunded})
	d, err := s.Dashboard(ctx, u.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	var funded int
	for _, k := range d.SourceKinds {
		if k.Kind == crm.SourceKindFunded {
			funded = k.Total()
		}
	}
	// Form D, Round, Imported, the client, Do not call, Winner.
	if funded != listed || listed != 6 {
		t.Errorf("dashboard counts %d funded startups, the list %d for kind=funded; want 6 both", funded, listed)
	}
	all := 0
	for _, k := range d.SourceKinds {
		all += k.Total()
	}
	if n := count(t, s, crm.Filter{}); all != n {
		t.Errorf("dashboard counts %d leads by source, the list has %d", all, n)
	}
}
