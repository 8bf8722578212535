package crm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func newStore(t *testing.T) *crm.Store {
	t.Helper()
	return crmtest.Store(t, crm.StoreOptions{Now: clock})
}

// formD builds an EDGAR-like signal; acc is the filing's accession, orig the
// offering it amends ("" for a new offering).
func formD(cik, acc, orig string, usd int64, filed time.Time) crawlers.Signal {
	item := acc
	aliases := []string{acc}
	if orig != "" {
		item = orig
		aliases = append(aliases, orig)
	}
	return crawlers.Signal{
		Source: "edgar", SourceItemID: item, Kind: crawlers.KindFormD,
		Title: fmt.Sprintf("Form D: %d sold", usd), URL: "https://www.sec.gov/Archives/edgar/data/" + cik + "/" + acc + "-index.htm",
		OccurredAt: filed, RevisedAt: filed, AmountUSD: usd, Aliases: aliases,
		Company: crawlers.Company{Keys: []string{"cik:" + cik}, Name: "Company " + cik, City: "Austin", State: "TX",
			Industry: "Other Technology", Phone: "512-555-0100"},
		Contacts: []crawlers.Contact{{Name: "Ada Lovelace", Title: "CEO", Relationship: "Executive Officer"}},
		Raw:      map[string]any{"accession": acc, "sold": usd},
	}
}

func count(t *testing.T, s *crm.Store, f crm.Filter) int {
	t.Helper()
	p, err := s.ListCompanies(context.Background(), f, mustCursor(t, ""), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Rows)
}

func mustCursor(t *testing.T, s string) crm.Cursor {
	t.Helper()
	c, err := crm.ParseCursor(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustIngest(t *testing.T, s *crm.Store, sig crawlers.Signal) crm.IngestResult {
	t.Helper()
	res, err := s.Ingest(context.Background(), sig)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestIngestIsIdempotent(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	sig := formD("1001", "0001001-26-000001", "", 2_000_000, now.AddDate(0, 0, -3))
	first := mustIngest(t, s, sig)
	if !first.New || first.CompanyID == 0 {
		t.Fatalf("first ingest = %+v, want new", first)
	}
	again := mustIngest(t, s, sig)
	if again.New || again.Updated || again.CompanyID != first.CompanyID {
		t.Fatalf("second ingest = %+v, want nothing changed on company %d", again, first.CompanyID)
	}
	c, err := s.GetCompany(context.Background(), first.CompanyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Signals) != 1 || len(c.Contacts) != 1 || count(t, s, crm.Filter{}) != 1 {
		t.Fatalf("after two ingests: %d signals, %d contacts, %d companies; want 1 each", len(c.Signals), len(c.Contacts), count(t, s, crm.Filter{}))
	}
	if len(c.Timeline) != 1 || c.Timeline[0].Kind != crm.ActivityCrawl {
		t.Fatalf("timeline = %+v, want one first-seen crawl event", c.Timeline)
	}
}

func TestIngestScoresWithEvidence(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	sig := formD("1002", "0001002-26-000001", "", 7_500_000, now.AddDate(0, 0, -12))
	res := mustIngest(t, s, sig)
	c, err := s.GetCompany(context.Background(), res.CompanyID)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh $7.5M raise by a technology issuer: funding, fit and recency.
	var names []string
	for _, p := range c.Parts {
		names = append(names, p.Name)
	}
	if c.Score < 40 || strings.Join(names, ",") != "Funding,R&D fit,Recency" || c.ScoreVersion != "v1/w0" {
		t.Fatalf("score = %d parts %+v version %q; want 40+ from funding, fit and recency", c.Score, c.Parts, c.ScoreVersion)
	}
	for _, p := range c.Parts {
		if p.EvidenceURL != sig.URL {
			t.Errorf("part %s evidence %q, want %q", p.Name, p.EvidenceURL, sig.URL)
		}
	}
	if c.Parts[0].Reason != "Raised $7.5M 12 days ago (Form D)" {
		t.Errorf("reason = %q", c.Parts[0].Reason)
	}
	if c.LastFundingUSD != 7_500_000 || !c.LastFundingAt.Equal(sig.OccurredAt) {
		t.Errorf("last funding = %d at %v", c.LastFundingUSD, c.LastFundingAt)
	}
}

func TestAmendmentUpdatesTheOffering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, order := range []string{"OriginalFirst", "AmendmentFirst"} {
		t.Run(order, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			orig := formD("1003", "0001003-26-000001", "", 1_000_000, now.AddDate(0, 0, -20))
			amend := formD("1003", "0001003-26-000009", "0001003-26-000001", 3_000_000, now.AddDate(0, 0, -2))
			amend.Title = "Form D/A: amended"
			first, second := orig, amend
			if order == "AmendmentFirst" {
				first, second = amend, orig
			}
			a := mustIngest(t, s, first)
			b := mustIngest(t, s, second)
			if a.CompanyID != b.CompanyID || b.New {
				t.Fatalf("second filing created something new: %+v then %+v", a, b)
			}
			c, err := s.GetCompany(ctx, a.CompanyID)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Signals) != 1 || c.Signals[0].AmountUSD != 3_000_000 || c.Signals[0].Title != "Form D/A: amended" {
				t.Fatalf("signals = %+v, want one offering holding the amendment", c.Signals)
			}
			// A later amendment naming the first amendment finds the same offering.
			again := formD("1003", "0001003-26-000010", "0001003-26-000009", 4_000_000, now.AddDate(0, 0, -1))
			if r := mustIngest(t, s, again); r.New || !r.Updated {
				t.Fatalf("chained amendment = %+v, want an update", r)
			}
			if n := count(t, s, crm.Filter{}); n != 1 {
				t.Fatalf("%d companies, want 1", n)
			}
		})
	}
}

func TestCompaniesResolveByKey(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	a := mustIngest(t, s, formD("1004", "0001004-25-000001", "", 500_000, now.AddDate(-1, 0, 0)))
	newer := formD("1004", "0001004-26-000002", "", 900_000, now.AddDate(0, 0, -5))
	newer.Company.Phone = "512-555-0199"
	b := mustIngest(t, s, newer)
	if a.CompanyID != b.CompanyID || !b.New {
		t.Fatalf("two offerings of one CIK: %+v, %+v; want one company, two signals", a, b)
	}
	c, err := s.GetCompany(context.Background(), a.CompanyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Signals) != 2 || c.Phone != "512-555-0199" || c.LastFundingUSD != 900_000 {
		t.Fatalf("company = %d signals, phone %q, last funding %d", len(c.Signals), c.Phone, c.LastFundingUSD)
	}
}

func TestIngestRejectsIncompleteSignals(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	bad := []crawlers.Signal{
		{Source: "edgar"},
		{Source: "edgar", SourceItemID: "x", OccurredAt: now},
		{Source: "edgar", SourceItemID: "x", Company: crawlers.Company{Keys: []string{"cik:1"}, Name: "X"}},
	}
	for i, sig := range bad {
		if _, err := s.Ingest(context.Background(), sig); err == nil {
			t.Errorf("signal %d: no error", i)
		}
	}
	if n := count(t, s, crm.Filter{}); n != 0 {
		t.Fatalf("%d companies stored from bad signals", n)
	}
}

func TestConcurrentIngestMakesOneCompany(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			_, err := s.Ingest(context.Background(), formD("1005", fmt.Sprintf("0001005-26-00000%d", i), "", 100_000, now))
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, s, crm.Filter{}); n != 1 {
		t.Fatalf("%d companies from 8 concurrent filings of one CIK, want 1", n)
	}
}

func TestRescoreAllScoresEveryLiveCompany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	if err := s.LoadSyntheticCompanies(ctx, 120); err != nil {
		t.Fatal(err)
	}
	n, err := s.RescoreAll(ctx)
	if err != nil || n != 120 {
		t.Fatalf("rescored %d, %v; want 120", n, err)
	}
	p, err := s.ListCompanies(ctx, crm.Filter{MinScore: 1}, mustCursor(t, ""), 1000)
	if err != nil || len(p.Rows) == 0 {
		t.Fatalf("no company scored above 0 after rescoring: %v", err)
	}
	for _, r := range p.Rows {
		if len(r.Parts) == 0 || r.EvidenceURL == "" {
			t.Fatalf("scored without parts or evidence: %+v", r)
		}
	}
}
