package yc

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParseCompanies(t *testing.T) {
	cs, err := ParseCompanies(openFixture(t, "batches/fall-2026.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 {
		t.Fatalf("%d companies, want 4", len(cs))
	}
	ferro := cs[0]
	if ferro.ID != 32101 || ferro.Name != "Ferrobyte" || ferro.Slug != "ferrobyte" || ferro.Website != "https://ferrobyte.dev" ||
		ferro.OneLiner != "Persistent build caches for CI" || ferro.TeamSize != 7 || ferro.Industry != "B2B" ||
		ferro.Subindustry != "B2B -> Engineering, Product and Design" || !ferro.IsHiring || ferro.Batch != "Fall 2026" ||
		ferro.Status != "Active" || ferro.Stage != "Early" || ferro.Locations != "San Francisco, CA, USA" ||
		ferro.URL != "https://www.ycombinator.com/companies/ferrobyte" ||
		!ferro.LaunchedAt.Equal(time.Date(2026, 9, 20, 17, 4, 11, 0, time.UTC)) {
		t.Errorf("company = %+v", ferro)
	}
	if !slices.Equal(ferro.Tags, []string{"Developer Tools", "DevOps", "B2B"}) || !slices.Equal(ferro.Industries, []string{"B2B", "Engineering, Product and Design"}) ||
		!slices.Equal(ferro.Regions, []string{"United States of America", "America / Canada"}) {
		t.Errorf("lists = %q %q %q", ferro.Tags, ferro.Industries, ferro.Regions)
	}
	if strings.Contains(ferro.LongDescription, "\r") || !strings.Contains(ferro.LongDescription, "restarts.\n\nWe started") {
		t.Errorf("long description = %q, want LF line ends", ferro.LongDescription)
	}
	// Nulls and unknown fields.
	moss := cs[3]
	if moss.Website != "" || moss.TeamSize != 0 || !moss.LaunchedAt.IsZero() || moss.Tags != nil || moss.Regions != nil ||
		moss.Stage != "" || moss.OneLiner != "" || !slices.Equal(moss.FormerNames, []string{"Moss Labs"}) ||
		moss.LongDescription != "Mossgrid balances office heating against the day’s electricity prices." {
		t.Errorf("company with nulls = %+v", moss)
	}
}

func TestParseCompaniesOneCompanyFile(t *testing.T) {
	cs, err := ParseCompanies(openFixture(t, "company_f24.json"))
	if err != nil || len(cs) != 1 || cs[0].ID != 30411 || cs[0].Batch != "F24" {
		t.Fatalf("companies = %+v, err %v", cs, err)
	}
}

func TestParseCompaniesQuirks(t *testing.T) {
	for name, tc := range map[string]struct {
		body    string
		ids     []int64
		skipped int
		wantErr bool
	}{
		"empty array":        {body: "[]"},
		"byte order mark":    {body: "\uFEFF\n[{\"id\":1,\"name\":\"A\"}]", ids: []int64{1}},
		"ids as strings":     {body: `[{"id":"12","name":"A","team_size":"4"}]`, ids: []int64{12}},
		"entries refused":    {body: `[null, 3, "x", [], {"name":"no id"}, {"id":0,"name":"zero"}, {"id":-4,"name":"neg"}, {"id":1.5,"name":"frac"}, {"id":7}, {"id":8,"name":"  "}, {"id":9,"name":"ok"}]`, ids: []int64{9}, skipped: 10},
		"wrong field types":  {body: `[{"id":5,"name":"B","tags":"AI","industries":[1,"B2B",null],"isHiring":"true","team_size":3.5,"launched_at":"soon","website":{"u":1}}]`, ids: []int64{5}},
		"truncated":          {body: `[{"id":5,"name":"B"`, wantErr: true},
		"html":               {body: "<!DOCTYPE html><html><body>404</body></html>", wantErr: true},
		"scalar":             {body: `42`, wantErr: true},
		"empty":              {body: ``, wantErr: true},
		"object not closed":  {body: `{"id":5,"name":"B"`, wantErr: true},
		"nul and bad utf-8 ": {body: "[{\"id\":6,\"name\":\"Nu\\u0000ll \xff Co\"}]", ids: []int64{6}},
	} {
		t.Run(name, func(t *testing.T) {
			cs, skipped, err := parseCompanies(strings.NewReader(tc.body))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "yc: parse companies: ") {
					t.Errorf("error %q lacks context", err)
				}
				return
			}
			var ids []int64
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			if !slices.Equal(ids, tc.ids) || skipped != tc.skipped {
				t.Errorf("ids %v skipped %d, want %v %d", ids, skipped, tc.ids, tc.skipped)
			}
		})
	}
	cs, _ := ParseCompanies(strings.NewReader(`[{"id":5,"name":"B","tags":"AI","industries":[1,"B2B",null],"isHiring":"true","team_size":3.5,"launched_at":"soon"}]`))
	if c := cs[0]; !slices.Equal(c.Tags, []string{"AI"}) || !slices.Equal(c.Industries, []string{"B2B"}) || !c.IsHiring || c.TeamSize != 0 || !c.LaunchedAt.IsZero() {
		t.Errorf("lenient fields = %+v", c)
	}
	cs, _ = ParseCompanies(strings.NewReader("[{\"id\":6,\"name\":\"Nu\\u0000ll \xff Co\"}]"))
	if cs[0].Name != "Null \uFFFD Co" {
		t.Errorf("name = %q, want NUL dropped and bad UTF-8 replaced", cs[0].Name)
	}
}
