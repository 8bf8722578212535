package web

import (
	"context"
	"strings"
	"testing"
)

func TestCheckMarketplace(t *testing.T) {
	t.Parallel()
	s, cfg := marketplaceSite(t)
	cfg.Enabled = false // checking a disabled source is how it gets tuned
	var b strings.Builder
	if err := Check(context.Background(), cfg, &b, testOptions()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"source:  web:gigharbor-projects (project)\n",
		"page:    " + s.URL + p1 + "\n",
		"items:   5 found, 1 skipped (no title or company), 1 below min_budget_usd\n",
		"next:    " + s.URL + p2 + "\n",
		"\n#1\n  title:     Migrate our Shopify store & 300 products to a new theme\n  company:   Bright Kettle Co.\n",
		"  budget:    $1,500 - $3,000 → 1,500–3,000 USD ≈ 1,500–3,000 USD\n",
		"  posted:    3 days ago → 2026-07-14 00:00 UTC\n",
		"  budget:    ₹40,000 → 40,000 INR ≈ 457 USD\n",
		"  budget:    £25/hr → 25 GBP per hour ≈ 34 USD\n",
		"  budget:    $50 → 50 USD ≈ 50 USD\n  posted:    2 days ago → 2026-07-15 00:00 UTC\n  detail:    " + s.URL + "/projects/48188-landing-page\n  note:      below min_budget_usd: a crawl drops it\n",
		"  budget:    Negotiable → (no amount read)\n",
		"  detail:    " + s.URL + "/projects/48207-crm-integration\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if len(s.hitsOf(p2)) != 0 {
		t.Error("check fetched page 2")
	}
}

func TestCheckDirectoryEmptyFields(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	const start = "/search?terms=plumbers"
	s.serveFixture(t, start, "directory.html")
	cfg := atSite(t, loadExample(t, "directory"), s, start)
	cfg.Fields.Budget = Field{Selector: "span.price"} // matches nothing on a directory
	var b strings.Builder
	if err := Check(context.Background(), cfg, &b, testOptions()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"items:   4 found, 1 skipped",
		"next:    " + s.URL + "/search?terms=plumbers&geo=Boston%2C+MA&page=2\n",
		"empty:   budget (configured but matched on no item)\n",
		"  phone:     +1-617-555-0199\n",
		"  address:   120 Hanover St, Boston, MA 02113\n",
		"  website:   https://mapleleafdental.example/\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckFetchError(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	cfg := atSite(t, loadExample(t, "directory"), s, "/missing")
	var b strings.Builder
	if err := Check(context.Background(), cfg, &b, testOptions()); err == nil || !strings.Contains(err.Error(), "404") || b.Len() != 0 {
		t.Errorf("error %v, output %q", err, b.String())
	}
}

func TestCommas(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q, want %q", n, got, want)
		}
	}
}
