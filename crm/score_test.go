package crm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
	"github.com/leadgen/leadgen/scoring"
)

// partOf returns the named part of a company's score.
func partOf(t *testing.T, c crm.Company, name string) scoring.Part {
	t.Helper()
	for _, p := range c.Parts {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("%s has no %q part: %+v", c.Name, name, c.Parts)
	return scoring.Part{}
}

func mustCompany(t *testing.T, s *crm.Store, id int64) crm.Company {
	t.Helper()
	c, err := s.GetCompany(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A company seen as a Form D, in the news, on YC and hiring on HN gets one
// score whose parts each cite their evidence.
func TestScoreGathersEveryKindOfEvidence(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	fd := formD("7001", "0007001-26-000001", "", 7_500_000, now.AddDate(0, 0, -12))
	fd.Company.Domain = "northwind.ai"
	id := mustIngest(t, s, fd).CompanyID
	older := formD("7001", "0007001-25-000009", "", 2_000_000, now.AddDate(-1, 0, 0))
	older.Company.Domain = "northwind.ai"
	mustIngest(t, s, older)
	tc := crawlers.Signal{
		Source: "news", SourceItemID: "tc-1", Kind: crawlers.KindFunding, Title: "Northwind raises $7.5M Series A",
		URL: "https://techcrunch.com/2026/11/20/northwind", OccurredAt: now.AddDate(0, 0, -6), AmountUSD: 7_500_000,
		Round:   "Series A",
		Company: crawlers.Company{Name: "Company 7001", Domain: "northwind.ai", Categories: []string{"Artificial Intelligence", "B2B"}},
		Raw:     map[string]any{"feed_host": "techcrunch.com"},
	}
	mustIngest(t, s, tc)
	hn := crawlers.Signal{
		Source: "hn", SourceItemID: "hn-1", Kind: crawlers.KindHiring, Title: "Hiring: Backend Engineer",
		URL: "https://news.ycombinator.com/item?id=1", OccurredAt: now.AddDate(0, 0, -3),
		Company: crawlers.Company{Name: "Company 7001", Domain: "northwind.ai"},
		Raw:     map[string]any{"engineering": true},
	}
	mustIngest(t, s, hn)

	c := mustCompany(t, s, id)
	if len(c.Signals) != 4 {
		t.Fatalf("%d signals on one company, want 4 (resolved by domain)", len(c.Signals))
	}
	funding := partOf(t, c, scoring.PartFunding)
	if !strings.Contains(funding.Reason, "Raised $7.5M Series A") || !strings.Contains(funding.Reason, "(TechCrunch, Form D)") {
		t.Errorf("funding reason %q: want the round named by the news and both sources, filing last", funding.Reason)
	}
	if !strings.Contains(funding.Reason, "$9.5M raised in total") {
		t.Errorf("funding reason %q: want the total over the Form D filings ($9.5M), not news and filings added", funding.Reason)
	}
	if funding.EvidenceURL != tc.URL || funding.HalfLifeDays == 0 {
		t.Errorf("funding evidence %q half-life %g: want the newest funding signal and a half-life", funding.EvidenceURL, funding.HalfLifeDays)
	}
	if fit := partOf(t, c, scoring.PartRDFit); fit.Points <= 0 || fit.EvidenceURL == "" {
		t.Errorf("R&D fit = %+v", fit)
	}
	if h := partOf(t, c, scoring.PartHiring); h.EvidenceURL != hn.URL || !strings.Contains(h.Reason, "Hacker News") {
		t.Errorf("hiring part = %+v", h)
	}
	if r := partOf(t, c, scoring.PartRecency); !strings.Contains(r.Reason, "3 days ago") {
		t.Errorf("recency part = %+v: want the newest evidence (the job post)", r)
	}
	if c.EstimatedProjectUSD <= 0 || !strings.Contains(c.EstimateBasis, "Series A") {
		t.Errorf("estimate %d %q: want one from the Series A", c.EstimatedProjectUSD, c.EstimateBasis)
	}
	var sum float64
	for _, p := range c.Parts {
		sum += p.Points
		if later, ok := c.PointsIn30Days[p.Name]; !ok || (p.HalfLifeDays > 0 && later >= p.Points) {
			t.Errorf("part %s: %g now, %g in 30 days (ok %v): a decaying part must fall", p.Name, p.Points, later, ok)
		}
	}
	if want := int(sum + 0.5); c.Score != min(100, want) {
		t.Errorf("score %d, parts sum to %.1f", c.Score, sum)
	}
}

// Marketplace projects feed the project size, client quality and estimate.
func TestScoreOfAMarketplaceClient(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	var id int64
	for i, usd := range []int64{15_000, 25_000, 300} {
		id = mustIngest(t, s, project("c9", "p9"+string(rune('a'+i)), usd, false, now.AddDate(0, 0, -2-i))).CompanyID
	}
	c := mustCompany(t, s, id)
	ps := partOf(t, c, scoring.PartProjectSize)
	if ps.Points <= 0 || !strings.Contains(ps.Reason, "Freelancer.com") || ps.HalfLifeDays == 0 {
		t.Errorf("project size = %+v", ps)
	}
	if q := partOf(t, c, scoring.PartClientQuality); !strings.Contains(q.Reason, "Payment verified") {
		t.Errorf("client quality = %+v", q)
	}
	if c.EstimatedProjectUSD != 40_000 || !strings.Contains(c.EstimateBasis, "2 projects") {
		t.Errorf("estimate %d %q: want ~$40k from the two qualifying projects this month", c.EstimatedProjectUSD, c.EstimateBasis)
	}
}

// Moving to Lost, Won or Do-not-contact rescores at once, with the penalty explained.
func TestStageChangesRescore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	id := mustIngest(t, s, formD("7101", "0007101-26-000001", "", 3_000_000, now.AddDate(0, 0, -5))).CompanyID
	before := mustCompany(t, s, id).Score
	for _, tc := range []struct {
		stage  crm.Stage
		reason string
	}{{crm.StageLost, "Lost"}, {crm.StageWon, "Already a customer"}, {crm.StageDoNotContact, "Do-not-contact"}} {
		if err := s.SetStage(ctx, 0, id, tc.stage); err != nil {
			t.Fatal(err)
		}
		c := mustCompany(t, s, id)
		pen := partOf(t, c, scoring.PartPenalty)
		if c.Score >= before || pen.Points >= 0 || !strings.Contains(pen.Reason, tc.reason) {
			t.Errorf("%s: score %d (was %d), penalty %+v", tc.stage, c.Score, before, pen)
		}
		if tc.stage == crm.StageDoNotContact && (c.Score != 0 || c.EstimatedProjectUSD != 0) {
			t.Errorf("do-not-contact scores %d, estimate %d; want 0", c.Score, c.EstimatedProjectUSD)
		}
	}
}

// A history row is written when the total changes, not on every rescoring.
func TestScoreHistoryRecordsChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clockAt := now
	s := crmtest.Store(t, crm.StoreOptions{Now: func() time.Time { return clockAt }})
	id := mustIngest(t, s, formD("7201", "0007201-26-000001", "", 5_000_000, now)).CompanyID
	for range 2 {
		if _, err := s.RescoreAll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if h := mustCompany(t, s, id).ScoreHistory; len(h) != 1 {
		t.Fatalf("history after unchanged rescoring = %+v, want one point", h)
	}
	clockAt = now.AddDate(0, 0, 120) // funding and recency decay
	if _, err := s.RescoreAll(ctx); err != nil {
		t.Fatal(err)
	}
	c := mustCompany(t, s, id)
	if len(c.ScoreHistory) != 2 || c.ScoreHistory[1].Total != c.Score || c.ScoreHistory[0].Total <= c.Score {
		t.Fatalf("history = %+v, score %d: want the old total then the lower new one", c.ScoreHistory, c.Score)
	}
}

func TestWeightsVersionsAndBackgroundRescoring(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	admin, err := s.CreateUser(ctx, "admin@example.com", "correct horse battery", crm.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.LoadWeights(ctx, nil)
	if err != nil || v.Version != 1 || v.Origin != "default" {
		t.Fatalf("first load = %+v, %v; want version 1 from the defaults", v, err)
	}
	file := scoring.DefaultWeights()
	file.HiringPoints++
	if v, err = s.LoadWeights(ctx, &file); err != nil || v.Version != 2 || v.Origin != "file" {
		t.Fatalf("load with a file = %+v, %v; want version 2 from the file", v, err)
	}
	if v, err = s.LoadWeights(ctx, &file); err != nil || v.Version != 2 {
		t.Fatalf("same file again = %+v, %v; want version 2 kept", v, err)
	}
	for i := range 30 {
		mustIngest(t, s, formD(fmt.Sprint(7200+i), fmt.Sprint("acc-72-", i), "", int64(1_000_000*(i+1)), now.AddDate(0, 0, -i)))
	}
	var bad scoring.Weights = file
	bad.FundingHalfLifeDays = 0
	if _, _, err := s.SaveWeights(ctx, admin.ID, bad); err == nil {
		t.Fatal("saved weights with a zero half-life")
	}
	if _, _, err := s.SaveWeights(ctx, admin.ID, file); !errors.Is(err, crm.ErrNoChange) {
		t.Fatalf("saving the current weights: %v, want ErrNoChange", err)
	}
	next := file
	next.FundingPoints /= 2
	saved, jobID, err := s.SaveWeights(ctx, admin.ID, next)
	if err != nil || saved.Version != 3 || len(saved.Changes) != 1 {
		t.Fatalf("save = %+v job %d, %v; want version 3 with one change", saved, jobID, err)
	}
	ran, err := s.RunNextRescoreJob(ctx)
	if err != nil || !ran {
		t.Fatalf("run job: %v %v", ran, err)
	}
	job, ok, err := s.LatestRescore(ctx)
	if err != nil || !ok || job.ID != jobID || job.Status != "done" || job.Done != 30 || job.Percent() != 100 {
		t.Fatalf("job = %+v %v %v; want done with 30 companies", job, ok, err)
	}
	p, err := s.ListCompanies(ctx, crm.Filter{}, mustCursor(t, ""), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Rows {
		if r.ScoreVersion != "v1/w3" {
			t.Fatalf("%s scored with %q after the rescoring, want v1/w3", r.Name, r.ScoreVersion)
		}
	}
	hist, err := s.WeightsHistory(ctx, 10)
	if err != nil || len(hist) != 3 || hist[0].CreatedBy != "admin@example.com" || !strings.Contains(hist[0].Changes[0], "→") {
		t.Fatalf("history = %+v, %v", hist, err)
	}
}

// Queuing a job supersedes an older one still waiting or running.
func TestNewerRescoringSupersedesOlder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustIngest(t, s, formD("7301", "0007301-26-000001", "", 1_000_000, now))
	first, err := s.QueueRescore(ctx, "first", 0)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.QueueRescore(ctx, "second", 0)
	if err != nil {
		t.Fatal(err)
	}
	if ran, err := s.RunNextRescoreJob(ctx); err != nil || !ran {
		t.Fatalf("run: %v %v", ran, err)
	}
	if ran, err := s.RunNextRescoreJob(ctx); err != nil || ran {
		t.Fatalf("second run found a job (%v, %v); the first should have been superseded", ran, err)
	}
	job, _, _ := s.LatestRescore(ctx)
	if job.ID != second || job.Status != "done" || first >= second {
		t.Fatalf("latest job = %+v; want %d done", job, second)
	}
}

// The preview re-ranks the top with proposed weights without saving them.
func TestPreviewWeights(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	client := mustIngest(t, s, project("c77", "p77", 20_000, false, now.AddDate(0, 0, -1))).CompanyID
	for i := range 5 {
		mustIngest(t, s, formD(fmt.Sprint(7400+i), fmt.Sprint("acc-74-", i), "", int64(3_000_000*(i+1)), now.AddDate(0, 0, -i)))
	}
	_, w := s.Weights()
	rows, err := s.PreviewWeights(ctx, w, 25)
	if err != nil || len(rows) != 6 {
		t.Fatalf("preview = %+v, %v", rows, err)
	}
	for _, r := range rows {
		if r.Move() != 0 || r.OldTotal != r.NewTotal {
			t.Fatalf("unchanged weights moved %+v", r)
		}
	}
	old := rows[slices.IndexFunc(rows, func(r crm.PreviewRow) bool { return r.CompanyID == client })]
	if old.OldRank == 1 {
		t.Fatalf("the client already leads: %+v", rows)
	}
	w.FundingPoints, w.TotalRaisedPoints = 0, 0
	rows, err = s.PreviewWeights(ctx, w, 25)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].CompanyID != client || rows[0].Move() != old.OldRank-1 || rows[0].NewTotal != old.OldTotal || rows[0].Name != "Client c77" {
		t.Fatalf("without funding points the top row is %+v; want the client, up from #%d", rows[0], old.OldRank)
	}
	for _, r := range rows[1:] {
		if r.NewTotal >= r.OldTotal {
			t.Errorf("funded company %+v did not lose points without funding points", r)
		}
	}
	if v, _ := s.Weights(); v != 0 {
		t.Fatalf("preview saved weights (version %d)", v)
	}
}

func TestListSortsByEstimateAndFiltersByPart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustIngest(t, s, project("c81", "p81", 60_000, false, now.AddDate(0, 0, -1)))
	mustIngest(t, s, project("c82", "p82", 2_000, false, now.AddDate(0, 0, -1)))
	mustIngest(t, s, formD("7501", "0007501-26-000001", "", 20_000_000, now))
	f, err := crm.ParseFilter(map[string][]string{"sort": {"estimate"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	after := mustCursor(t, "")
	for { // two per page: the keyset works on the estimate
		p, err := s.ListCompanies(ctx, f, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			got = append(got, r.EstimatedProjectUSD)
		}
		if p.Next == (crm.Cursor{}) {
			break
		}
		after = p.Next
	}
	if len(got) != 3 || !slices.IsSortedFunc(got, func(a, b int64) int { return int(b - a) }) || got[2] != 2_000 {
		t.Fatalf("estimates by sort = %v, want 3 descending ending with $2k", got)
	}
	if n := count(t, s, crm.Filter{Part: scoring.PartProjectSize}); n != 2 {
		t.Errorf("%d companies with a project size part, want the 2 clients", n)
	}
	if n := count(t, s, crm.Filter{MinEstimateUSD: 50_000}); n < 1 {
		t.Errorf("no company with an estimate of $50k or more")
	}
	p, _ := s.ListCompanies(ctx, crm.Filter{}, mustCursor(t, ""), 10)
	top := p.Rows[0].Score
	if n := count(t, s, crm.Filter{MinScore: top, MaxScore: top}); n < 1 {
		t.Errorf("score band %d–%d matched nothing", top, top)
	}
	for _, bad := range []map[string][]string{{"part": {"Penalties"}}, {"part": {"Magic"}}, {"sort": {"name"}}, {"min_score": {"50"}, "max_score": {"10"}}} {
		if _, err := crm.ParseFilter(bad); err == nil {
			t.Errorf("ParseFilter(%v) accepted", bad)
		}
	}
}
