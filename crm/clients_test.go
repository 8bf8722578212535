package crm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func project(client, id string, usd int64, hourly bool, posted time.Time) crawlers.Signal {
	kind := "fixed"
	if hourly {
		kind = "hourly"
	}
	return crawlers.Signal{
		Source: "freelancer", SourceItemID: id, Kind: crawlers.KindProject, Title: "Project " + id,
		URL: "https://www.freelancer.com/projects/" + id, OccurredAt: posted, AmountUSD: usd,
		Company: crawlers.Company{Keys: []string{"freelancer:" + client}, Name: "Client " + client, Country: "Australia"},
		Raw: map[string]any{"type": kind, "qualifies": usd >= 500, "client_total_spend_usd": 48_000,
			"client_payment_verified": true, "client_reviews": 31, "client_country": "Australia",
			"client_jobs_posted": 40, "client_jobs_completed": 30},
	}
}

func TestClientProfile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	var id int64
	for i, p := range []crawlers.Signal{
		project("77", "p1", 3_000, false, now.AddDate(0, 0, -2)),
		project("77", "p2", 1_000, false, now.AddDate(0, 0, -120)),
		project("77", "p3", 12_000, true, now.AddDate(0, 0, -10)),
		project("77", "p4", 200, false, now.AddDate(0, 0, -1)),
	} {
		res := mustIngest(t, s, p)
		if i > 0 && res.CompanyID != id {
			t.Fatalf("project %s landed on company %d, want %d", p.SourceItemID, res.CompanyID, id)
		}
		id = res.CompanyID
	}
	c, err := s.GetCompany(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p := c.Client
	if p == nil {
		t.Fatal("no client profile")
	}
	got := fmt.Sprintf("%v %d/%d/%d %d/%d/%d spend %d hires %d rate %.2f verified %v reviews %d %s",
		p.Marketplaces, p.Projects, p.QualifyingProjects, p.Qualifying90d, p.LargestBudgetUSD, p.MedianBudgetUSD,
		p.HourlyEstimateUSD, p.TotalSpendUSD, p.Hires, p.HireRate, p.PaymentVerified, p.Reviews, p.Country)
	want := "[freelancer] 4/3/2 12000/3000/12000 spend 48000 hires 30 rate 0.75 verified true reviews 31 Australia"
	if got != want {
		t.Fatalf("client profile = %s\nwant             %s", got, want)
	}
}

func TestProjectsCloseAndStay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	open := project("88", "q1", 5_000, false, now)
	id := mustIngest(t, s, open).CompanyID
	mustIngest(t, s, project("88", "q2", 900, false, now))
	closed := open
	closed.Closed = true
	if res := mustIngest(t, s, closed); !res.Updated {
		t.Fatalf("closing a job = %+v, want an update", res)
	}
	if res := mustIngest(t, s, closed); res.Updated || res.New {
		t.Fatalf("re-reading a closed job = %+v, want no change", res)
	}
	// q2 was not listed again: a stale sweep closes it.
	n, err := s.CloseStaleProjects(ctx, "freelancer", time.Now().Add(time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("stale sweep closed %d, %v; want 1", n, err)
	}
	c, _ := s.GetCompany(ctx, id)
	if len(c.Signals) != 2 || c.Signals[0].ClosedAt.IsZero() || c.Signals[1].ClosedAt.IsZero() || c.Client.OpenProjects != 0 {
		t.Fatalf("signals %+v, open %d: want both kept and closed", c.Signals, c.Client.OpenProjects)
	}
	var notes []string
	for _, a := range c.Timeline {
		notes = append(notes, a.Note)
	}
	all := strings.Join(notes, "\n")
	if !strings.Contains(all, "Job closed: Project q1") || !strings.Contains(all, "Job no longer listed, marked closed: Project q2") {
		t.Fatalf("timeline:\n%s", all)
	}
}

// Upwork names a job's kind "job_type"; its hourly work counts too.
func TestClientProfileReadsUpworkHourlyJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	sig := crawlers.Signal{
		Source: "upwork", SourceItemID: "~01abc", Kind: crawlers.KindProject, Title: "Rails developer, 20 h/week",
		URL: "https://www.upwork.com/jobs/~01abc", OccurredAt: now.AddDate(0, 0, -3), AmountUSD: 9_600,
		Company: crawlers.Company{Keys: []string{"upwork:client-1"}, Name: "Upwork client 1"},
		Raw:     map[string]any{"job_type": "hourly", "qualifies": true},
	}
	c, err := s.GetCompany(ctx, mustIngest(t, s, sig).CompanyID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Client == nil || c.Client.HourlyEstimateUSD != 9_600 {
		t.Fatalf("client profile = %+v, want the hourly job's $9,600", c.Client)
	}
}
