package freelancer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func TestTitle(t *testing.T) {
	t.Parallel()
	p0 := parseFixture(t, "page_p0.json")
	for id, want := range map[int64]string{
		41000001: "Fixed $2K–$3K: Build a React dashboard for sales metrics",
		41000002: "Fixed ₹38K–₹75K (≈$900): Inventory web app for a textile mill",
		41000003: "Hourly £20–£30/h (≈$38/h) × 20 h/week, 1–3 months: Python developer for order-sync integration",
		41000004: "Fixed $30–$250: Logo refresh for internal tool",
	} {
		if got := Title(projectByID(t, p0, id)); got != want {
			t.Errorf("Title(%d) = %q, want %q", id, got, want)
		}
	}
	q := parseFixture(t, "quirks.json")
	for id, want := range map[int64]string{
		41000101: "Hourly $40–$60/h × 36.9 h/week, 3–6 months: Long-term Python data engineer",
		41000102: "Fixed 500: Fix checkout bug",
		41000105: "Hourly £15–£25/h (≈$32/h): Shopify store setup",
	} {
		if got := Title(projectByID(t, q, id)); got != want {
			t.Errorf("Title(%d) = %q, want %q", id, got, want)
		}
	}
	long := Project{Type: TypeFixed, Title: strings.Repeat("word ", 100)}
	if got := Title(long); !strings.HasPrefix(got, "Fixed, budget not stated: word") || len([]rune(got)) != maxTitle {
		t.Errorf("long title = %q", got)
	}
}

func TestSignalFor(t *testing.T) {
	t.Parallel()
	p := parseFixture(t, "page_p0.json")
	pr := projectByID(t, p, 41000003)
	s := SignalFor(pr, p.Clients[9100003], 500)
	if s.Source != "freelancer" || s.SourceItemID != "41000003" || s.Kind != crawlers.KindProject ||
		s.URL != pr.URL || !s.OccurredAt.Equal(time.Unix(t0-300, 0)) || s.AmountUSD != 9906 ||
		s.Amount != 7800 || s.Currency != "GBP" || s.Closed {
		t.Errorf("signal = %+v", s)
	}
	if c := s.Company; !slices.Equal(c.Keys, []string{"freelancer:9100003"}) || c.Name != "Holloway Foods Ltd" ||
		c.Country != "United Kingdom" || c.City != "Leeds" {
		t.Errorf("company = %+v", c)
	}
	want := map[string]any{
		"type": "hourly", "currency": "GBP", "exchange_rate": 1.27, "budget_min": 20.0, "budget_max": 30.0,
		"budget_min_usd": int64(25), "budget_max_usd": int64(38), "hourly_rate_usd": int64(38), "hours_per_week": 20.0,
		"duration": "one_to_three_months", "duration_weeks": 13.0, "value_usd": int64(9906), "bids": 17, "avg_bid": 26.5,
		"avg_bid_usd": int64(34), "qualifies": true, "owner_id": int64(9100003), "client_anonymous": false,
		"client_username": "hollowayfoods", "client_country": "United Kingdom", "client_country_code": "GB",
		"client_registered_at": "2022-04-15T05:20:00Z", "client_payment_verified": true, "client_identity_verified": true,
		"client_rating": 5.0, "client_reviews": 6, "client_completion_rate": 1.0, "client_jobs_posted": 7,
		"client_jobs_completed": 6, "client_jobs_posted_12m": 4, "client_jobs_completed_12m": 4,
	}
	for k, v := range want {
		if s.Raw[k] != v {
			t.Errorf("Raw[%q] = %#v, want %#v", k, s.Raw[k], v)
		}
	}
	if _, ok := s.Raw["client_total_spend_usd"]; ok {
		t.Error("client_total_spend_usd set though the API gives none")
	}
	if sk, _ := s.Raw["skills"].([]string); !slices.Equal(sk, []string{"Python", "Shopify"}) {
		t.Errorf("skills = %#v", s.Raw["skills"])
	}
}

func TestSignalForAnonymous(t *testing.T) {
	t.Parallel()
	pr := projectByID(t, parseFixture(t, "page_p1.json"), 41000006)
	s := SignalFor(pr, Client{}, 5000)
	if s.Company.Name != "Freelancer client 9100005" || s.Company.Country != "" || s.AmountUSD != 2400 ||
		s.Raw["client_anonymous"] != true || s.Raw["qualifies"] != false {
		t.Errorf("anonymous signal = %+v", s)
	}
	for k := range s.Raw {
		if strings.HasPrefix(k, "client_") && k != "client_anonymous" {
			t.Errorf("anonymous client has %s", k)
		}
	}
	closed := projectByID(t, parseFixture(t, "quirks.json"), 41000103)
	if s := SignalFor(closed, Client{}, 500); !s.Closed || s.Company.Name != "Freelancer client 9100013" {
		t.Errorf("closed signal = %+v", s)
	}
}
