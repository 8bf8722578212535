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
