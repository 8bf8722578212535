package web

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

func TestSignalForProject(t *testing.T) {
	t.Parallel()
	cfg := loadExample(t, "marketplace")
	p := extractFixture(t, cfg, "marketplace_p1.html", cfg.StartURLs[0])
	s := SignalFor(cfg, p.Items[0])
	if s.Source != "web:gigharbor-projects" || s.Kind != crawlers.KindProject ||
		s.SourceItemID != "https://www.gigharbor.example/projects/48211-shopify-store-migration?ref=list" ||
		s.URL != s.SourceItemID || s.Title != "Migrate our Shopify store & 300 products to a new theme" ||
		!s.OccurredAt.Equal(day(2026, 7, 14)) || s.AmountUSD != 1500 || s.Amount != 1500 || s.Currency != "USD" ||
		s.Company.Name != "Bright Kettle Co." || len(s.Company.Keys) != 0 || !slices.Equal(s.Company.Categories, []string{"E-commerce"}) {
		t.Errorf("signal = %+v", s)
	}
	if s.Raw["budget"] != "$1,500 - $3,000" || s.Raw["budget_max_usd"] != int64(3000) || s.Raw["posted"] != "3 days ago" {
		t.Errorf("raw = %v", s.Raw)
	}
	// An anonymous client's project names no company: the title is not a company name.
	if anon := SignalFor(cfg, p.Items[3]); anon.Company.Name != "" || anon.AmountUSD != 0 || anon.Raw["budget"] != "Negotiable" {
		t.Errorf("anonymous = %+v", anon)
	}
	if hourly := SignalFor(cfg, p.Items[2]); hourly.Currency != "GBP" || hourly.Raw["budget_hourly"] != true {
		t.Errorf("hourly = %+v", hourly)
	}
}

func TestSignalForListing(t *testing.T) {
	t.Parallel()
	cfg := loadExample(t, "directory")
	p := extractFixture(t, cfg, "directory.html", cfg.StartURLs[0])
	s := SignalFor(cfg, p.Items[1])
	c := s.Company
	if s.Kind != crawlers.KindListing || s.Title != "Maple Leaf Dental" || c.Name != "Maple Leaf Dental" ||
		c.Domain != "https://mapleleafdental.example/" || c.Phone != "+1-617-555-0199" || c.Street != "45 Tremont St, Suite 300" ||
		c.City != "Boston" || c.State != "MA" || c.Zip != "02108" || !slices.Equal(c.Categories, []string{"Dentists", "Cosmetic Dentistry"}) ||
		!s.OccurredAt.Equal(day(2026, 7, 17)) || s.AmountUSD != 0 {
		t.Errorf("signal = %+v", s)
	}
	if odd := SignalFor(cfg, p.Items[3]).Company; odd.Street != "Serving the Greater Boston Area" || odd.City != "" {
		t.Errorf("unsplittable address = %+v", odd)
	}
}

func TestItemIDWithoutDetailURL(t *testing.T) {
	t.Parallel()
	a := Item{Company: "Harbor Plumbing", Title: "", Phone: "(617) 555-0142", SeenAt: time.Now()}
	b := Item{Company: "harbor plumbing", Phone: "617-555-0142 ", PageURL: "https://other.example/p2"}
	c := Item{Company: "Harbor Plumbing", Phone: "(617) 555-0143"}
	if ItemID(a) != ItemID(b) || ItemID(a) == ItemID(c) || !strings.HasPrefix(ItemID(a), "sha256:") || len(ItemID(a)) != 39 {
		t.Errorf("ids %q %q %q", ItemID(a), ItemID(b), ItemID(c))
	}
	if s := SignalFor(Config{Name: "x", Kind: crawlers.KindListing}, b); s.URL != b.PageURL {
		t.Errorf("URL = %q, want the page URL", s.URL)
	}
}

func TestSplitAddress(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][4]string{
		"120 Hanover St, Boston, MA 02113":         {"120 Hanover St", "Boston", "MA", "02113"},
		"Boston, MA 02113-1234":                    {"", "Boston", "MA", "02113-1234"},
		"1 Yonge St, Suite 9, Toronto, ON M5E 1E5": {"1 Yonge St, Suite 9", "Toronto", "ON", "M5E 1E5"},
		"10 High St, Leeds LS1 4AB":                {"10 High St, Leeds LS1 4AB", "", "", ""},
		"":                                         {"", "", "", ""},
	} {
		s, c, st, z := SplitAddress(in)
		if got := [4]string{s, c, st, z}; got != want {
			t.Errorf("SplitAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
