package crunchbase

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func openFixture(t testing.TB, parts ...string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(append([]string{"testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Identifiers of the fixtures.
var (
	tallowby   = Identifier{UUID: "5b0e6f5a-2c71-4c1e-8f3b-9d2a7e4c1b01", Value: "Tallowby", Permalink: "tallowby", EntityDefID: "organization", ImageID: "v1471300001/tallowby"}
	brightkeel = Identifier{UUID: "8c4d2e7f-1a93-4b6e-a0d5-3e9f1c2b7a02", Value: "Brightkeel", Permalink: "brightkeel", EntityDefID: "organization", ImageID: "xk2jd8sl0qmwnz3bcd41"}
	nordwind   = Identifier{UUID: "11111111-aaaa-4bbb-8ccc-000000000002", Value: "Nordwind Capital", Permalink: "nordwind-capital", EntityDefID: "organization"}
	kestrel    = Identifier{UUID: "11111111-aaaa-4bbb-8ccc-000000000003", Value: "Kestrel & Finch Partners", Permalink: "kestrel-finch-partners", EntityDefID: "organization"}
)

func parsePage(t *testing.T, name string) SearchPage {
	t.Helper()
	pg, err := ParseSearchPage(openFixture(t, "api", name))
	if err != nil {
		t.Fatalf("ParseSearchPage(%s): %v", name, err)
	}
	return pg
}

func TestParseSearchPage(t *testing.T) {
	pg := parsePage(t, "search_page1.json")
	if pg.Count != 5 || pg.Entities != 2 || len(pg.Rounds) != 2 || len(pg.Bad) != 0 || pg.LastUUID != "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52" {
		t.Fatalf("page = %+v", pg)
	}
	r := pg.Rounds[1]
	props := r.Properties
	r.Properties = nil
	want := FundingRound{
		UUID: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52",
		Identifier: Identifier{UUID: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52", Value: "Series A - Brightkeel",
			Permalink: "brightkeel-series-a--7a2b3c4d", EntityDefID: "funding_round"},
		AnnouncedOn:        day("2026-11-03"),
		InvestmentType:     "series_a",
		MoneyRaised:        Money{Value: 12700000, Currency: "EUR", ValueUSD: 15492603},
		LeadInvestors:      []Identifier{nordwind, kestrel},
		FundedOrganization: brightkeel,
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("round:\n got %+v\nwant %+v", r, want)
	}
	if m, ok := props["money_raised"].(map[string]any); !ok || m["value_usd"] != json.Number("15492603") {
		t.Errorf("Properties money_raised = %#v, want the number as sent", props["money_raised"])
	}
	// A float amount and a round without money or leads.
	if r := parsePage(t, "search_page3.json").Rounds[0]; r.MoneyRaised != (Money{Value: 40000000, Currency: "USD", ValueUSD: 40000000}) {
		t.Errorf("float money = %+v", r.MoneyRaised)
	}
	if r := parsePage(t, "search_page2.json").Rounds[0]; r.MoneyRaised != (Money{}) || r.LeadInvestors != nil {
		t.Errorf("round without money = %+v", r)
	}
	if pg := parsePage(t, "search_empty.json"); pg.Entities != 0 || pg.LastUUID != "" || pg.Rounds != nil {
		t.Errorf("empty page = %+v", pg)
	}
}

func TestParseSearchPageBadEntities(t *testing.T) {
	pg := parsePage(t, "search_mixed.json")
	if pg.Count != 1234 || pg.Entities != 8 || len(pg.Rounds) != 3 {
		t.Fatalf("page = %d entities, %d rounds, count %d", pg.Entities, len(pg.Rounds), pg.Count)
	}
	if pg.Rounds[1].UUID != "d0000000-0000-4000-8000-000000000004" {
		t.Errorf("round without a top-level uuid: %q, want the identifier's", pg.Rounds[1].UUID)
	}
	want := []struct {
		n      int
		uuid   string
		reason string
	}{
		{2, "d0000000-0000-4000-8000-000000000001", "announced_on"},
		{3, "d0000000-0000-4000-8000-000000000002", "money_raised: not an object"},
		{4, "", "not an entity object"},
		{5, "d0000000-0000-4000-8000-000000000003", "no funded organization"},
		{7, "", "no uuid"},
	}
	if len(pg.Bad) != len(want) {
		t.Fatalf("bad = %+v", pg.Bad)
	}
	for i, w := range want {
		b := pg.Bad[i]
		if b.N != w.n || b.UUID != w.uuid || !strings.Contains(b.Reason, w.reason) || !strings.HasPrefix(b.Error(), "crunchbase: entity ") {
			t.Errorf("bad[%d] = %+v, want %+v", i, b, w)
		}
	}
	if pg.LastUUID != "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52" {
		t.Errorf("LastUUID = %q", pg.LastUUID)
	}
}

func TestParseSearchPageErrors(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "api", "search_malformed.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{
		"truncated":       string(b),
		"empty":           "",
		"html error page": "<html><body>Bad gateway</body></html>",
		"array":           `[{"uuid":"x"}]`,
		"no entities":     `{"count":3}`,
		"null":            `null`,
		"trailing data":   `{"count":0,"entities":[]} {"count":0}`,
		"entities object": `{"count":0,"entities":{}}`,
		"negative count":  `{"count":-1,"entities":[]}`,
	} {
		if _, err := ParseSearchPage(strings.NewReader(doc)); err == nil || !strings.HasPrefix(err.Error(), "crunchbase: parse search page: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestParseOrganization(t *testing.T) {
	o, err := ParseOrganization(openFixture(t, "api", "organization_tallowby.json"))
	if err != nil {
		t.Fatal(err)
	}
	if o.Website != "https://www.tallowby.example/" || o.ShortDescription != "Tallowby makes billing software for independent veterinary clinics." ||
		!reflect.DeepEqual(o.Categories, []string{"SaaS", "Veterinary"}) || len(o.Locations) != 4 || o.Locations[0].LocationType != "city" ||
		o.Identifier != tallowby {
		t.Errorf("organization = %+v", o)
	}
	// website as a link object, categories null.
	o, err = ParseOrganization(openFixture(t, "api", "organization_vexmoor.json"))
	if err != nil || o.Website != "https://vexmoor.example" || o.Categories != nil || !strings.Contains(o.ShortDescription, "épicerie") {
		t.Errorf("organization = %+v, %v", o, err)
	}
	for name, doc := range map[string]string{
		"no properties":   `{"cards":{}}`,
		"bad categories":  `{"properties":{"categories":"SaaS"}}`,
		"website number":  `{"properties":{"website_url":42}}`,
		"not json":        `Too Many Requests`,
		"bad identifiers": `{"properties":{"location_identifiers":[1]}}`,
	} {
		if _, err := ParseOrganization(strings.NewReader(doc)); err == nil || !strings.HasPrefix(err.Error(), "crunchbase: parse organization: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestSignalFor(t *testing.T) {
	r := parsePage(t, "search_page1.json").Rounds[1]
	o, err := ParseOrganization(openFixture(t, "api", "organization_brightkeel.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := SignalFor(r, o)
	raw := s.Raw
	s.Raw = nil
	want := crawlers.Signal{
		Source:        "crunchbase",
		SourceItemID:  "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c52",
		Kind:          crawlers.KindFunding,
		Title:         "Series A — €12.7M ($15.49M) led by Nordwind Capital and Kestrel & Finch Partners",
		URL:           "https://www.crunchbase.com/funding_round/brightkeel-series-a--7a2b3c4d",
		OccurredAt:    day("2026-11-03"),
		AmountUSD:     15492603,
		Amount:        12700000,
		Currency:      "EUR",
		Round:         "Series A",
		LeadInvestors: []string{"Nordwind Capital", "Kestrel & Finch Partners"},
		Aliases:       []string{"funding_round/brightkeel-series-a--7a2b3c4d"},
		Company: crawlers.Company{
			Keys:        []string{"crunchbase:8c4d2e7f-1a93-4b6e-a0d5-3e9f1c2b7a02", "crunchbase-permalink:brightkeel"},
			Name:        "Brightkeel",
			Domain:      "brightkeel.example",
			Description: "Brightkeel builds hull-cleaning robots for cargo ports.",
			Categories:  []string{"Robotics", "Shipping"},
			City:        "Rotterdam", State: "Zuid-Holland", Country: "The Netherlands",
		},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("signal:\n got %+v\nwant %+v", s, want)
	}
	if raw["uuid"] != r.UUID || raw["investment_type"] != "series_a" || raw["announced_on"] != "2026-11-03" {
		t.Errorf("Raw = %v", raw)
	}
	if _, err := json.Marshal(raw); err != nil {
		t.Errorf("Raw does not marshal: %v", err)
	}
	if _, ok := r.Properties["uuid"]; ok {
		t.Error("SignalFor changed the round's properties")
	}

	// Without an organization lookup: name and keys from the identifier only.
	s = SignalFor(parsePage(t, "search_page2.json").Rounds[1], Organization{})
	if s.Title != "Debt — $5M" || s.AmountUSD != 5000000 || s.Company.Name != "Tallowby" || s.Company.Domain != "" || len(s.Company.Keys) != 2 {
		t.Errorf("debt signal = %+v", s)
	}
}

func TestRoundName(t *testing.T) {
	for in, want := range map[string]string{
		"seed": "Seed", "pre_seed": "Pre-seed", "angel": "Angel", "series_a": "Series A", "series_j": "Series J",
		"series_unknown": "Series Unknown", "debt_financing": "Debt", "grant": "Grant", "convertible_note": "Convertible Note",
		"corporate_round": "Corporate Round", "undisclosed": "Undisclosed", "private_equity": "Private Equity",
		"post_ipo_equity": "Post-IPO Equity", "non_equity_assistance": "Non-equity Assistance", "initial_coin_offering": "ICO",
		"equity_crowdfunding": "Equity Crowdfunding", "": "",
		// Export wording.
		"Series A": "Series A", "Pre-Seed": "Pre-seed", "Venture - Series Unknown": "Series Unknown", "Debt Financing": "Debt",
		"Post-IPO Debt": "Post-IPO Debt", "Funding Round": "Funding Round", "évaluation_x": "Évaluation X", "  ": "",
	} {
		if got := RoundName(in); got != want {
			t.Errorf("RoundName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		round string
		m     Money
		leads []string
		want  string
	}{
		{"Series A", Money{Value: 12000000, Currency: "USD"}, []string{"Point Nine"}, "Series A — $12M led by Point Nine"},
		{"Seed", Money{ValueUSD: 950}, nil, "Seed — $950"},
		{"Seed", Money{}, []string{"A", "B", "C", "D", "E"}, "Seed — led by A, B, C and 2 more"},
		{"", Money{}, nil, "Funding round"},
		{"Grant", Money{Value: 250000, Currency: "GBP"}, nil, "Grant — £250K"},
		{"Series B", Money{Value: 1029908, Currency: "EUR", ValueUSD: 1999999999}, []string{"X", "Y", "Z"}, "Series B — €1.03M ($2B) led by X, Y and Z"},
	}
	for _, tt := range tests {
		if got := Title(tt.round, tt.m, tt.leads); got != tt.want {
			t.Errorf("Title(%q, %+v, %v) = %q, want %q", tt.round, tt.m, tt.leads, got, tt.want)
		}
	}
}
