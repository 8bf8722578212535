package freelancer

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"page_p0.json", "page_p1.json", "quirks.json", "error_auth.json"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`{"status":"success","result":{"projects":[{"id":"7","owner_id":8,"time_submitted":1.7e9,"type":"hourly",` +
		`"currency":{"code":"gbp","exchange_rate":"1e300"},"budget":{"minimum":-1,"maximum":1e308},` +
		`"hourly_project_info":{"commitment":{"hours":1e9,"interval":"day"},"duration_enum":"over_six_months"},` +
		`"seo_url":"../a b/%zz?x#y","title":"\u0000\u2028x"}],"users":{"8":{"location":null,"status":{"payment_verified":"yes"}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePage(bytes.NewReader(data))
		if err != nil {
			if len(p.Projects) != 0 || !strings.HasPrefix(err.Error(), "freelancer: parse page: ") {
				t.Fatalf("error %v with %d projects", err, len(p.Projects))
			}
			return
		}
		if p.Listed != len(p.Projects)+p.Skipped {
			t.Fatalf("listed %d but %d parsed and %d skipped", p.Listed, len(p.Projects), p.Skipped)
		}
		for id, c := range p.Clients {
			checkClient(t, id, c)
		}
		for _, pr := range p.Projects {
			checkProject(t, pr)
			checkSignal(t, pr, p.Clients[pr.OwnerID])
		}
	})
}

// checkProject asserts what every parsed project must satisfy.
func checkProject(t *testing.T, p Project) {
	t.Helper()
	if p.ID <= 0 || p.OwnerID <= 0 || p.SubmittedAt.IsZero() {
		t.Fatalf("project without id, owner or date: %+v", p)
	}
	if p.BudgetMin < 0 || p.BudgetMax < p.BudgetMin || p.BidAvg < 0 || p.BidCount < 0 || p.ExchangeRate < 0 || p.ExchangeRate > 1e4 {
		t.Fatalf("bad amounts: %+v", p)
	}
	if v := ProjectValueUSD(p); v < 0 || v > 1e12 || p.HoursPerWeek() < 0 || p.HoursPerWeek() > 168 {
		t.Fatalf("value %d, %v h/week for %+v", v, p.HoursPerWeek(), p)
	}
	u, err := url.Parse(p.URL)
	if err != nil || u.Scheme != "https" || u.Host != "www.freelancer.com" || !strings.HasPrefix(u.Path, "/projects/") ||
		u.RawQuery != "" || u.Fragment != "" || strings.Contains(u.Path, "/../") {
		t.Fatalf("bad URL %q", p.URL)
	}
	for _, s := range append([]string{p.Title, p.Type, p.Status, p.FrontendStatus, p.Currency, p.CommitmentInterval, p.Duration}, p.Skills...) {
		checkText(t, s)
	}
}

// checkClient asserts what every parsed client must satisfy.
func checkClient(t *testing.T, id int64, c Client) {
	t.Helper()
	if c.ID != id || id <= 0 {
		t.Fatalf("client %d filed under %d", c.ID, id)
	}
	for _, r := range []*Reputation{c.Reputation, c.Reputation12m} {
		if r != nil && (r.Rating < 0 || r.Rating > 5 || r.CompletionRate < 0 || r.CompletionRate > 1 || r.Reviews < 0 || r.Posted < 0) {
			t.Fatalf("bad reputation %+v", r)
		}
	}
	for _, s := range []string{c.Username, c.DisplayName, c.PublicName, c.Country, c.CountryCode, c.City} {
		checkText(t, s)
	}
}

// checkSignal asserts a project's signal is whole and storable.
func checkSignal(t *testing.T, p Project, c Client) {
	t.Helper()
	s := SignalFor(p, c, DefaultMinProjectUSD)
	key := "freelancer:" + strconv.FormatInt(p.OwnerID, 10)
	if s.SourceItemID != strconv.FormatInt(p.ID, 10) || len(s.Company.Keys) != 1 || s.Company.Keys[0] != key ||
		s.Company.Name == "" || s.AmountUSD < 0 || s.Amount < 0 || s.Title == "" || utf8.RuneCountInString(s.Title) > maxTitle {
		t.Fatalf("bad signal %+v", s)
	}
	checkText(t, s.Title)
	checkText(t, s.Company.Name)
	if _, err := json.Marshal(s.Raw); err != nil {
		t.Fatalf("raw not storable: %v", err)
	}
	if q, _ := s.Raw["qualifies"].(bool); q != (s.AmountUSD >= DefaultMinProjectUSD) {
		t.Fatalf("qualifies %v for $%d", q, s.AmountUSD)
	}
}

// checkText asserts a string is valid UTF-8 on one line.
func checkText(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) ||
		s != strings.TrimSpace(s) {
		t.Fatalf("unsafe text %q", s)
	}
}
