package freelancer

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

const t0 = 1795000000 // submit time of the newest fixture project

func parseFixture(t *testing.T, name string) Page {
	t.Helper()
	p, err := ParsePage(bytes.NewReader(readFixture(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func projectByID(t *testing.T, p Page, id int64) Project {
	t.Helper()
	for _, pr := range p.Projects {
		if pr.ID == id {
			return pr
		}
	}
	t.Fatalf("project %d not parsed", id)
	return Project{}
}

func TestParsePageCurrencies(t *testing.T) {
	t.Parallel()
	p := parseFixture(t, "page_p0.json")
	if len(p.Projects) != 4 || p.Listed != 4 || p.Total != 6 || p.Skipped != 0 || len(p.Clients) != 3 {
		t.Fatalf("page: %d projects, listed %d, total %d, skipped %d, %d clients", len(p.Projects), p.Listed, p.Total, p.Skipped, len(p.Clients))
	}
	for _, tt := range []struct {
		id                  int64
		typ, currency       string
		rate, budgetMax     float64
		maxUSD, valueUSD    int64
		hoursWeek, durWeeks float64
		bids                int
		avgBidUSD           int64
	}{
		{41000001, TypeFixed, "USD", 1, 3000, 3000, 3000, 0, 0, 42, 2211},
		{41000002, TypeFixed, "INR", 0.012, 75000, 900, 900, 0, 0, 9, 735}, // 75,000 INR × 0.012 USD/INR
		{41000003, TypeHourly, "GBP", 1.27, 30, 38, 9906, 20, 13, 17, 34},  // £30/h × 20 h × 13 weeks × 1.27
		{41000004, TypeFixed, "USD", 1, 250, 250, 250, 0, 0, 88, 121},
	} {
		pr := projectByID(t, p, tt.id)
		if pr.Type != tt.typ || pr.Currency != tt.currency || pr.ExchangeRate != tt.rate || pr.BudgetMax != tt.budgetMax ||
			pr.USD(pr.BudgetMax) != tt.maxUSD || ProjectValueUSD(pr) != tt.valueUSD || pr.HoursPerWeek() != tt.hoursWeek ||
			pr.DurationWeeks() != tt.durWeeks || pr.BidCount != tt.bids || pr.USD(pr.BidAvg) != tt.avgBidUSD {
			t.Errorf("project %d = %+v (max $%d, value $%d)", tt.id, pr, pr.USD(pr.BudgetMax), ProjectValueUSD(pr))
		}
	}
	pr := projectByID(t, p, 41000003)
	if pr.OwnerID != 9100003 || pr.URL != "https://www.freelancer.com/projects/python/python-developer-order-sync" ||
		!pr.SubmittedAt.Equal(time.Unix(t0-300, 0)) || strings.Join(pr.Skills, ",") != "Python,Shopify" ||
		pr.Status != "active" || pr.FrontendStatus != "open" || pr.Closed() || pr.Duration != "one_to_three_months" {
		t.Errorf("hourly project = %+v", pr)
	}
}

func TestParsePageClients(t *testing.T) {
	t.Parallel()
	c := parseFixture(t, "page_p0.json").Clients[9100001]
	want := Client{
		ID: 9100001, Username: "northwind_ops", DisplayName: "Northwind Analytics", PublicName: "Northwind Analytics",
		Country: "United States", CountryCode: "US", City: "Denver", RegisteredAt: time.Unix(1600000000, 0).UTC(),
	}
	got := c
	got.Verified, got.Reputation, got.Reputation12m = nil, nil, nil
	if got != want {
		t.Errorf("client = %+v, want %+v", got, want)
	}
	if v := c.Verified; v == nil || *v != (Verification{Payment: true, Email: true, Phone: true, Deposit: true}) {
		t.Errorf("verified = %+v", v)
	}
	if r := c.Reputation; r == nil || *r != (Reputation{Rating: 4.8, Reviews: 19, Posted: 23, Completed: 21, Incomplete: 2, CompletionRate: 0.91}) {
		t.Errorf("reputation = %+v", r)
	}
	if r := c.Reputation12m; r == nil || r.Posted != 20 || r.Reviews != 17 || r.Completed != 19 {
		t.Errorf("12-month reputation = %+v", r)
	}
}

func TestParsePageQuirks(t *testing.T) {
	t.Parallel()
	p := parseFixture(t, "quirks.json")
	if p.Listed != 6 || len(p.Projects) != 4 || p.Skipped != 2 || p.Total != -1 {
		t.Fatalf("listed %d, parsed %d, skipped %d, total %d", p.Listed, len(p.Projects), p.Skipped, p.Total)
	}
	// 160 h a month over "three to six months": 60 × 160×12/52 × 26.
	if a := projectByID(t, p, 41000101); ProjectValueUSD(a) != 57600 {
		t.Errorf("monthly commitment: value $%d, %.2f h/week", ProjectValueUSD(a), a.HoursPerWeek())
	}
	b := projectByID(t, p, 41000102) // currency and budget maximum null, no bid stats
	if b.Currency != "" || b.ExchangeRate != 0 || b.BudgetMax != 500 || ProjectValueUSD(b) != 0 || b.BidCount != 0 {
		t.Errorf("null currency: %+v", b)
	}
	c := projectByID(t, p, 41000103) // USD with a null rate, closed, control characters, jobs null
	if c.ExchangeRate != 1 || ProjectValueUSD(c) != 1200 || !c.Closed() || c.Title != "Website redesign (closed)" || c.Skills != nil {
		t.Errorf("closed project: %+v", c)
	}
	e := projectByID(t, p, 41000105) // numbers as strings, submitdate only, deleted, no commitment
	if e.OwnerID != 9100014 || !e.SubmittedAt.Equal(time.Unix(t0-4400, 0)) || !e.Closed() || e.BudgetMax != 25 ||
		e.ExchangeRate != 1.27 || e.BidCount != 4 || ProjectValueUSD(e) != 1270 {
		t.Errorf("quirky hourly project: %+v", e)
	}
	if len(p.Clients) != 2 {
		t.Errorf("clients = %+v", p.Clients)
	}
	if c := p.Clients[9100011]; c.Username != "dataco" || c.Verified != nil || c.Reputation != nil || !c.RegisteredAt.IsZero() {
		t.Errorf("sparse client = %+v", c)
	}
	if c := p.Clients[9100012]; ClientName(c, 9100012) != "Freelancer client 9100012" || c.CountryCode != "IN" {
		t.Errorf("nameless client = %+v", c)
	}
}

func TestParsePageErrors(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"not json":      `<html>Service Unavailable</html>`,
		"truncated":     `{"status":"success","result":{"projects":[{"id":1`,
		"error status":  string(readFixture(t, "error_auth.json")),
		"no projects":   `{"status":"success","result":{"users":{}}}`,
		"null result":   `{"status":"success","result":null}`,
		"projects null": `{"status":"success","result":{"projects":null}}`,
		"array":         `[]`,
	} {
		p, err := ParsePage(strings.NewReader(body))
		if err == nil || !strings.HasPrefix(err.Error(), "freelancer: parse page: ") || len(p.Projects) != 0 {
			t.Errorf("%s: page %+v, error %v", name, p, err)
		}
	}
	if _, err := ParsePage(strings.NewReader(string(readFixture(t, "error_auth.json")))); !strings.Contains(err.Error(), "AUTH_UNAUTHORIZED") {
		t.Errorf("error status not named: %v", err)
	}
	p, err := ParsePage(strings.NewReader(`{"status":"success","result":{"projects":[]}}`))
	if err != nil || p.Listed != 0 || len(p.Clients) != 0 {
		t.Errorf("empty page: %+v, %v", p, err)
	}
}
