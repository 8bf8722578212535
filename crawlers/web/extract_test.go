package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testNow is the crawl instant the fixtures' relative dates are read against.
var testNow = time.Date(2026, 7, 17, 12, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// extractFixture runs Extract on a testdata page as if fetched from pageURL.
func extractFixture(t testing.TB, cfg Config, fixture, pageURL string) Page {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", fixture))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg.Now = testNow
	p, err := Extract(cfg, pageURL, f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractMarketplace(t *testing.T) {
	t.Parallel()
	cfg := loadExample(t, "marketplace")
	p := extractFixture(t, cfg, "marketplace_p1.html", cfg.StartURLs[0])
	const site = "https://www.gigharbor.example"
	if len(p.Items) != 5 || p.Skipped != 1 || p.NextURL != site+"/projects?page=2" {
		t.Fatalf("items %d, skipped %d, next %q", len(p.Items), p.Skipped, p.NextURL)
	}
	want := []struct {
		title, company, detail, category string
		budget                           Budget
		posted                           time.Time
	}{
		{"Migrate our Shopify store & 300 products to a new theme", "Bright Kettle Co.",
			site + "/projects/48211-shopify-store-migration?ref=list", "E-commerce",
			Budget{Text: "$1,500 - $3,000", Amount: 1500, Max: 3000, Currency: "USD", USD: 1500, MaxUSD: 3000}, day(2026, 7, 14)},
		{"Integrate HubSpot with our booking system", "Tandem Tours Pvt. Ltd.", site + "/projects/48207-crm-integration",
			"Web Development", Budget{Text: "₹40,000", Amount: 40000, Max: 40000, Currency: "INR", USD: 457, MaxUSD: 457},
			time.Date(2026, 7, 17, 11, 0, 0, 0, time.UTC)},
		{"Part-time bookkeeper for a London bakery (Xero)", "Crumb & Co", site + "/projects/48199-bookkeeping", "Accounting",
			Budget{Text: "£25/hr", Amount: 25, Max: 25, Currency: "GBP", USD: 34, MaxUSD: 34, Hourly: true}, day(2026, 7, 12)},
		{"Logo and brand kit for a craft brewery", "", site + "/projects/48190-logo", "Design",
			Budget{Text: "Negotiable"}, day(2026, 7, 16)},
		{"Fix two typos on our landing page", "Northwind Labs", site + "/projects/48188-landing-page", "Web Development",
			Budget{Text: "$50", Amount: 50, Max: 50, Currency: "USD", USD: 50, MaxUSD: 50}, day(2026, 7, 15)},
	}
	for i, w := range want {
		it := p.Items[i]
		if it.Title != w.title || it.Company != w.company || it.DetailURL != w.detail || it.Category != w.category ||
			it.Budget != w.budget || !it.Posted.Equal(w.posted) || it.PageURL != cfg.StartURLs[0] {
			t.Errorf("item %d =\n %+v\nwant\n %+v", i, it, w)
		}
	}
	p2 := extractFixture(t, cfg, "marketplace_p2.html", p.NextURL)
	if len(p2.Items) != 3 || p2.NextURL != "" || p2.Items[1].Budget.Currency != "EUR" || p2.Items[1].Budget.Max != 12000 ||
		!p2.Items[1].Posted.Equal(time.Date(2026, 7, 9, 16, 45, 0, 0, time.UTC)) || p2.Items[2].Budget.USD != 10949 {
		t.Errorf("page 2 = %+v", p2)
	}
}

func TestExtractDirectory(t *testing.T) {
	t.Parallel()
	cfg := loadExample(t, "directory")
	p := extractFixture(t, cfg, "directory.html", cfg.StartURLs[0])
	const site = "https://www.citypages.example"
	if len(p.Items) != 4 || p.Skipped != 1 || p.NextURL != site+"/search?terms=plumbers&geo=Boston%2C+MA&page=2" {
		t.Fatalf("items %d, skipped %d, next %q", len(p.Items), p.Skipped, p.NextURL)
	}
	want := []Item{
		{Company: "Harbor Plumbing & Heating", Phone: "(617) 555-0142", Address: "120 Hanover St, Boston, MA 02113",
			Category: "Plumbers, Water Heaters", Website: "https://www.harborplumbing.example/?utm_source=citypages",
			DetailURL: site + "/boston-ma/mip/harbor-plumbing-heating-1001"},
		{Company: "Maple Leaf Dental", Phone: "+1-617-555-0199", Address: "45 Tremont St, Suite 300, Boston, MA 02108",
			Category: "Dentists, Cosmetic Dentistry", Website: "https://mapleleafdental.example/",
			DetailURL: site + "/boston-ma/mip/maple-leaf-dental-1002"},
		{Company: "O'Brien’s Drain Service", Phone: "617.555.0177", Address: "PO Box 4410, Quincy, MA 02169",
			Category: "Plumbers", DetailURL: site + "/boston-ma/mip/o-briens-drain-1003"},
		{Company: "Back Bay Smiles", Address: "Serving the Greater Boston Area", Category: "Dentists",
			DetailURL: site + "/boston-ma/mip/back-bay-smiles-1004"},
	}
	for i, w := range want {
		it := p.Items[i]
		w.PageURL, w.SeenAt, w.Budget = cfg.StartURLs[0], testNow, Budget{}
		if it != w {
			t.Errorf("item %d =\n %+v\nwant\n %+v", i, it, w)
		}
	}
}

func TestExtractNextPageOutsideAllowedDomains(t *testing.T) {
	t.Parallel()
	cfg := loadExample(t, "marketplace")
	page := `<article class="project-card"><h2 class="project-title"><a href="/p/1">A</a></h2></article>
<nav class="pagination"><a class="next" href="https://tracker.evil.example/projects?page=2">Next</a></nav>`
	p, err := Extract(cfg, cfg.StartURLs[0], strings.NewReader(page))
	if err != nil || len(p.Items) != 1 || p.NextURL != "" {
		t.Errorf("page %+v, error %v", p, err)
	}
}

func TestExtractRegexAndSelf(t *testing.T) {
	t.Parallel()
	cfg := Config{Item: "tr", AllowedDomains: []string{"x.example"}, Fields: Fields{
		Title:   Field{Selector: "td.t"},
		Phone:   Field{Selector: "td.p", Regex: `Phone:\s*(.+)`},
		Posted:  Field{Attr: "data-posted"}, // the item element itself
		Website: Field{Selector: "td.w"},
	}}
	page := `<table><tr data-posted="2026-07-01"><td class="t">A</td><td class="p">Phone: 555 123 4567</td><td class="w">acme.example</td></tr>
<tr><td class="t">B</td><td class="p">Call now</td><td class="w">/about</td></tr></table>`
	p, err := Extract(cfg, "https://x.example/list", strings.NewReader(page))
	if err != nil || len(p.Items) != 2 {
		t.Fatalf("page %+v, error %v", p, err)
	}
	a, b := p.Items[0], p.Items[1]
	if a.Phone != "555 123 4567" || !a.Posted.Equal(day(2026, 7, 1)) || a.Website != "https://acme.example" {
		t.Errorf("first = %+v", a)
	}
	if b.Phone != "" || b.Website != "" || !b.Posted.IsZero() {
		t.Errorf("second = %+v", b)
	}
}

func TestExtractBadConfig(t *testing.T) {
	t.Parallel()
	for want, cfg := range map[string]Config{
		"fields.title: bad regex":    {Item: "li", Fields: Fields{Title: Field{Selector: "b", Regex: "("}}},
		"fields.phone: bad selector": {Item: "li", Fields: Fields{Title: Field{Selector: "b"}, Phone: Field{Selector: "p["}}},
		"item: bad selector":         {Item: "li >", Fields: Fields{Title: Field{Selector: "b"}}},
		"next_page[1]":               {Item: "li", NextPage: Field{Selector: "a", Fallbacks: []Field{{Regex: "(?<"}}}},
	} {
		if _, err := Extract(cfg, "https://x.example/", strings.NewReader("<li><b>x</b></li>")); err == nil ||
			!strings.Contains(err.Error(), strings.TrimSuffix(want, "[1]")) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
}

func TestParsePosted(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		"3 days ago":                  day(2026, 7, 14),
		"Posted 2 weeks ago":          day(2026, 7, 3),
		"an hour ago":                 time.Date(2026, 7, 17, 11, 0, 0, 0, time.UTC),
		"5 mins ago":                  time.Date(2026, 7, 17, 11, 55, 0, 0, time.UTC),
		"1 month ago":                 day(2026, 6, 17),
		"a year ago":                  day(2025, 7, 17),
		"just now":                    testNow,
		"Yesterday":                   day(2026, 7, 16),
		"today, 9:30":                 day(2026, 7, 17),
		"2026-07-09":                  day(2026, 7, 9),
		"2026-07-09T16:45:00+02:00":   time.Date(2026, 7, 9, 14, 45, 0, 0, time.UTC),
		"Listed on Jul 12, 2026":      day(2026, 7, 12),
		"July 4th, 2026":              day(2026, 7, 4),
		"Sept 3, 2025":                day(2025, 9, 3),
		"12 July 2026":                day(2026, 7, 12),
		"07/12/2026":                  day(2026, 7, 12),
		"Feb 31, 2026":                {},
		"in 3 days":                   {},
		"2027-01-01":                  {}, // the future
		"1850-01-01":                  {},
		"Negotiable":                  {},
		"99999999999999999 years ago": {},
		"999999999999999999999999999999 days ago": {}, // beyond int: not "a day ago"
	} {
		if got := ParsePosted(in, testNow); !got.Equal(want) {
			t.Errorf("ParsePosted(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseBudget(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in, def string
		want    Budget
	}{
		{"$1,500 - $3,000", "", Budget{Amount: 1500, Max: 3000, Currency: "USD", USD: 1500, MaxUSD: 3000}},
		{"$1,500 to 3,000 USD", "", Budget{Amount: 1500, Max: 3000, Currency: "USD", USD: 1500, MaxUSD: 3000}},
		{"₹40,000", "", Budget{Amount: 40000, Max: 40000, Currency: "INR", USD: 457, MaxUSD: 457}},
		{"£25/hr", "", Budget{Amount: 25, Max: 25, Currency: "GBP", USD: 34, MaxUSD: 34, Hourly: true}},
		{"1500", "EUR", Budget{Amount: 1500, Max: 1500, Currency: "EUR", USD: 1744, MaxUSD: 1744}},
		{"1500", "", Budget{}},
		{"Negotiable", "USD", Budget{}},
	} {
		tt.want.Text = tt.in
		if got := ParseBudget(tt.in, tt.def); got != tt.want {
			t.Errorf("ParseBudget(%q, %q) = %+v, want %+v", tt.in, tt.def, got, tt.want)
		}
	}
}
