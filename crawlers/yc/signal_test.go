package yc

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func fixtureCompanies(t testing.TB, name string) []Company {
	t.Helper()
	cs, err := ParseCompanies(openFixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestSignalFor(t *testing.T) {
	ferro := fixtureCompanies(t, "batches/fall-2026.json")[0]
	s, ok := SignalFor(ferro)
	if !ok {
		t.Fatal("no signal")
	}
	raw := s.Raw
	s.Raw = nil
	want := crawlers.Signal{
		Source: "yc", SourceItemID: "yc:32101", Kind: crawlers.KindYCBatch,
		Title:      "YC F26 — Persistent build caches for CI",
		URL:        "https://www.ycombinator.com/companies/ferrobyte",
		OccurredAt: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		Company: crawlers.Company{
			Keys: []string{"yc:32101"}, Name: "Ferrobyte", Domain: "https://ferrobyte.dev", Description: "Persistent build caches for CI",
			Categories: []string{"B2B", "Engineering, Product and Design", "Developer Tools", "DevOps"}, TeamSize: 7, Industry: "B2B",
			City: "San Francisco", State: "CA", Country: "USA",
		},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("signal = %+v\nwant     %+v", s, want)
	}
	if raw["batch"] != "Fall 2026" || raw["status"] != "Active" || raw["is_hiring"] != true || raw["team_size"] != 7 ||
		raw["industry"] != "B2B" || raw["launched_at"] != "2026-09-20T17:04:11Z" || raw["stage"] != "Early" {
		t.Errorf("raw = %v", raw)
	}
}

func TestSignalForQuirks(t *testing.T) {
	moss := fixtureCompanies(t, "batches/fall-2026.json")[3]
	s, ok := SignalFor(moss)
	if !ok || s.Title != "YC F26 — Mossgrid" || s.Company.Domain != "" || s.Company.City != "London" || s.Company.Country != "United Kingdom" ||
		s.Raw["launched_at"] != nil || s.Company.Categories[0] != "Climate" {
		t.Errorf("company with nulls: %+v", s)
	}
	old := fixtureCompanies(t, "company_f24.json")[0]
	if s, _ := SignalFor(old); s.Title != "YC F24 — Robotic sorting for textile recycling" || !s.OccurredAt.Equal(time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("short batch code: %q %v", s.Title, s.OccurredAt)
	}
	launched := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	if s, ok := SignalFor(Company{ID: 1, Name: "A", Batch: "Unspecified", LaunchedAt: launched}); !ok || !s.OccurredAt.Equal(launched) || s.Title != "YC Unspecified — A" || s.URL != "" {
		t.Errorf("unreadable batch: %+v", s)
	}
	if _, ok := SignalFor(Company{ID: 1, Name: "A"}); ok {
		t.Error("signal without a batch or a launch date")
	}
	long := Company{ID: 2, Name: "B", Batch: "W25", OneLiner: strings.Repeat("x", 500), Slug: "b"}
	if s, _ := SignalFor(long); len([]rune(s.Title)) != 200 {
		t.Errorf("title of %d runes", len([]rune(s.Title)))
	}
}

func TestWorthwhile(t *testing.T) {
	for status, want := range map[string]bool{"Active": true, "Public": true, "": true, "Inactive": false, "acquired": false} {
		if got := (Company{Status: status}).Worthwhile(); got != want {
			t.Errorf("Worthwhile(%q) = %v", status, got)
		}
	}
}
