package upwork

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

// checkSignal fails on a signal ingest would refuse or store badly.
func checkSignal(t *testing.T, s crawlers.Signal) {
	t.Helper()
	if s.Source != SourceName || s.SourceItemID == "" || s.Kind != crawlers.KindProject || s.OccurredAt.IsZero() {
		t.Fatalf("incomplete signal %+v", s)
	}
	if s.Company.Name == "" || len(s.Company.Keys) != 1 || s.Title == "" || !strings.HasPrefix(s.URL, jobURLBase+"~") {
		t.Fatalf("signal without company, title or URL %+v", s)
	}
	if s.AmountUSD < 0 || s.Amount < 0 || s.AmountUSD > maxValue {
		t.Fatalf("bad amount %+v", s)
	}
	for _, txt := range append([]string{s.SourceItemID, s.Title, s.URL, s.Currency, s.Company.Name, s.Company.Country}, s.Company.Keys...) {
		if !utf8.ValidString(txt) || strings.ContainsRune(txt, 0) {
			t.Fatalf("text %q is not storable", txt)
		}
	}
	raw, err := json.Marshal(s.Raw)
	if err != nil || bytes.Contains(raw, []byte(`\u0000`)) {
		t.Fatalf("Raw %s: %v", raw, err)
	}
}

func FuzzParseSearch(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "search_*.json"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"data":{"marketplaceJobPostingsSearch":{"totalCount":"1e400","edges":[{"node":{"id":1e30,"publishedDateTime":"99999999999999","amount":{"rawValue":"NaN"},"hourlyBudgetMax":{"rawValue":"1e308"},"engagement":"30+","client":{"totalFeedback":"Inf"}}}],"pageInfo":{"endCursor":"\u0000"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pg, err := ParseSearch(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "upwork: parse search: ") {
				t.Fatalf("unprefixed error %v", err)
			}
			return
		}
		if pg.Edges != len(pg.Jobs)+len(pg.Bad) || pg.TotalCount < 0 || strings.ContainsRune(pg.EndCursor, 0) {
			t.Fatalf("%d edges, %d jobs, %d bad, total %d", pg.Edges, len(pg.Jobs), len(pg.Bad), pg.TotalCount)
		}
		for _, b := range pg.Bad {
			if b.N < 1 || b.N > pg.Edges || b.Reason == "" {
				t.Fatalf("bad node error %+v", b)
			}
		}
		for _, j := range pg.Jobs {
			if j.ID == "" || j.Posted().IsZero() || j.HourlyMin < 0 || j.HourlyMax < 0 || j.Amount.Value < 0 {
				t.Fatalf("bad job %+v", j)
			}
			checkSignal(t, SignalFor(j, DefaultMinProjectUSD))
		}
	})
}
