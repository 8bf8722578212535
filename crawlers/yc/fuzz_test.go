package yc

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzParseCompanies(f *testing.F) {
	for _, name := range []string{"batches/fall-2026.json", "batches/summer-2026.json", "company_f24.json", "meta.json"} {
		b, err := io.ReadAll(openFixture(f, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`[{"id":"12","name":"A","tags":"AI","industries":[1,"B2B",null],"isHiring":"true","team_size":1e3,"launched_at":1.7e9,"batch":"x26"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, skipped, err := parseCompanies(bytes.NewReader(data))
		if err != nil {
			if len(cs) != 0 || skipped != 0 || !strings.HasPrefix(err.Error(), "yc: parse companies: ") {
				t.Fatalf("error %v with %d companies", err, len(cs))
			}
			return
		}
		for _, c := range cs {
			if c.ID <= 0 || c.Name == "" || c.TeamSize < 0 {
				t.Fatalf("bad company %+v", c)
			}
			for _, s := range append([]string{c.Name, c.Website, c.OneLiner, c.Batch, c.Status, c.LongDescription}, c.Tags...) {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
					t.Fatalf("unsafe string %q", s)
				}
			}
			s, ok := SignalFor(c)
			if !ok {
				continue
			}
			if s.SourceItemID == "" || s.SourceItemID != s.Company.Keys[0] || s.OccurredAt.IsZero() || s.Title == "" || utf8.RuneCountInString(s.Title) > 200 {
				t.Fatalf("bad signal %+v", s)
			}
		}
	})
}

func FuzzParseBatchIndex(f *testing.F) {
	b, err := io.ReadAll(openFixture(f, "meta.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"batches":{"winter-2026":{}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, err := ParseBatchIndex(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i, b := range bs {
			// A batch read back from its own short name must be itself, and
			// the list runs newest first.
			if back, ok := ParseBatch(b.Short()); !ok || back != b {
				t.Fatalf("batch %+v does not round-trip through %q", b, b.Short())
			}
			if i > 0 && bs[i-1].Compare(b) < 0 {
				t.Fatalf("batches not newest first: %v before %v", bs[i-1], b)
			}
		}
	})
}

func FuzzParseBatch(f *testing.F) {
	for _, s := range []string{"W25", "Winter 2025", "winter-2025", "w2025", "S05", "F24", "X99", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, ok := ParseBatch(s)
		if !ok {
			return
		}
		if back, ok := ParseBatch(b.Name()); !ok || back != b {
			t.Fatalf("ParseBatch(%q) = %+v, but its name %q reads back as %+v", s, b, b.Name(), back)
		}
		if back, ok := ParseBatch(b.Slug()); !ok || back != b {
			t.Fatalf("ParseBatch(%q) = %+v, but its slug %q reads back as %+v", s, b, b.Slug(), back)
		}
	})
}
