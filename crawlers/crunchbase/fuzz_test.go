package crunchbase

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crawlers"
)

// addSeeds adds every file of testdata/dir to the fuzz corpus.
func addSeeds(f *testing.F, dir string) {
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds in %s: %v", dir, err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// checkSignal fails on a signal ingest would refuse or store badly.
func checkSignal(t *testing.T, s crawlers.Signal) {
	t.Helper()
	if s.Source != SourceName || s.SourceItemID == "" || s.Kind != crawlers.KindFunding || s.OccurredAt.IsZero() {
		t.Fatalf("incomplete signal %+v", s)
	}
	if s.Company.Name == "" || len(s.Company.Keys) == 0 || s.Title == "" || !strings.HasPrefix(s.URL, siteURL+"/") {
		t.Fatalf("signal without company, title or URL %+v", s)
	}
	if s.AmountUSD < 0 || s.Amount < 0 {
		t.Fatalf("negative amount %+v", s)
	}
	texts := append([]string{s.SourceItemID, s.Title, s.URL, s.Round, s.Currency, s.Company.Name, s.Company.Domain,
		s.Company.Description, s.Company.City, s.Company.State, s.Company.Country, s.Company.Phone},
		append(append(s.Company.Keys, s.Company.Categories...), s.LeadInvestors...)...)
	for _, c := range s.Contacts {
		texts = append(texts, c.Name)
	}
	for _, txt := range texts {
		if !utf8.ValidString(txt) || strings.ContainsRune(txt, 0) {
			t.Fatalf("text %q is not storable", txt)
		}
	}
	raw, err := json.Marshal(s.Raw)
	if err != nil || bytes.Contains(raw, []byte(`\u0000`)) {
		t.Fatalf("Raw %s: %v", raw, err)
	}
}

func FuzzParseSearchPage(f *testing.F) {
	addSeeds(f, "api")
	f.Add([]byte(`{"count":1,"entities":[{"uuid":"u","properties":{"announced_on":"2026-01-02T00:00:00Z","funded_organization_identifier":{"uuid":"o","value":"\u0000X"},"money_raised":{"value":1.5e3,"currency":"usd"}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pg, err := ParseSearchPage(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "crunchbase: parse search page: ") {
				t.Fatalf("unprefixed error %v", err)
			}
			return
		}
		if pg.Entities != len(pg.Rounds)+len(pg.Bad) || pg.Count < 0 {
			t.Fatalf("%d entities, %d rounds, %d bad, count %d", pg.Entities, len(pg.Rounds), len(pg.Bad), pg.Count)
		}
		for _, b := range pg.Bad {
			if b.N < 1 || b.N > pg.Entities || b.Reason == "" {
				t.Fatalf("bad entity error %+v", b)
			}
		}
		for _, r := range pg.Rounds {
			if r.UUID == "" || r.FundedOrganization.UUID == "" || r.MoneyRaised.Value < 0 || r.MoneyRaised.ValueUSD < 0 {
				t.Fatalf("bad round %+v", r)
			}
			checkSignal(t, SignalFor(r, Organization{}))
		}
	})
}

func FuzzParseCSV(f *testing.F) {
	addSeeds(f, "csv")
	f.Add([]byte("Organization Name,Organization Name URL,IPO Date\nA,https://www.crunchbase.com/organization/a,2020-01-02\n\"B\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sigs, bad, err := ParseCSV(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "crunchbase: parse csv: ") || sigs != nil || bad != nil {
				t.Fatalf("error %v with %d signals, %d row errors", err, len(sigs), len(bad))
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if len(sigs)+len(bad) > lines {
			t.Fatalf("%d signals and %d row errors from %d lines", len(sigs), len(bad), lines)
		}
		prev := 1
		for _, b := range bad {
			if b.Line <= prev || b.Line > lines || b.Reason == "" {
				t.Fatalf("row error %+v after line %d of %d", b, prev, lines)
			}
			prev = b.Line
		}
		for _, s := range sigs {
			checkSignal(t, s)
		}
	})
}

func FuzzParseOrganization(f *testing.F) {
	addSeeds(f, "api")
	f.Add([]byte(`{"properties":{"identifier":{"uuid":"o","value":"X"},"website_url":"https://x.example","categories":[{"value":"AI"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		org, err := ParseOrganization(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range append([]string{org.Website, org.ShortDescription, org.Identifier.Value}, org.Categories...) {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("organization field %q is not clean text (PostgreSQL would refuse it)", s)
			}
		}
	})
}
