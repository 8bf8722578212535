package web

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Check fetches the first start URL only, politely as Crawl does, and
// writes what it extracts to w: counts, the next-page URL, the fields of
// the first CheckItems items and the configured fields that matched
// nothing, so a user can tune selectors. It works on disabled configs.
func Check(ctx context.Context, cfg Config, w io.Writer, opt Options) error {
	f, _, err := newFetcher(ctx, cfg, opt)
	if err != nil {
		return fmt.Errorf("web: check: %w", err)
	}
	u := cfg.StartURLs[0]
	p, err := fetchPage(f, cfg, u)
	if err != nil {
		return fmt.Errorf("web: check: %w", err)
	}
	return Report(w, cfg, p)
}

// Report writes Check's summary of an extracted page to w.
func Report(w io.Writer, cfg Config, p Page) error {
	var b strings.Builder
	below := 0
	for _, it := range p.Items {
		if belowMinimum(cfg, it) {
			below++
		}
	}
	fmt.Fprintf(&b, "source:  %s (%s)\n", cfg.SourceName(), cfg.Kind)
	fmt.Fprintf(&b, "page:    %s\n", p.URL)
	fmt.Fprintf(&b, "items:   %d found, %d skipped (no title or company), %d below min_budget_usd\n",
		len(p.Items), p.Skipped, below)
	fmt.Fprintf(&b, "next:    %s\n", orNone(p.NextURL, cfg.NextPage.IsZero()))
	if empty := neverMatched(cfg, p.Items); len(empty) > 0 && len(p.Items) > 0 {
		fmt.Fprintf(&b, "empty:   %s (configured but matched on no item)\n", strings.Join(empty, ", "))
	}
	for i, it := range p.Items[:min(len(p.Items), CheckItems)] {
		fmt.Fprintf(&b, "\n#%d\n", i+1)
		for _, kv := range itemLines(cfg, it) {
			fmt.Fprintf(&b, "  %-10s %s\n", kv[0]+":", kv[1])
		}
	}
	if len(p.Items) > CheckItems {
		fmt.Fprintf(&b, "\n… and %d more items\n", len(p.Items)-CheckItems)
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("web: check: write: %w", err)
	}
	return nil
}

// itemLines are an item's non-empty fields, as label and value.
func itemLines(cfg Config, it Item) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("title", it.Title)
	add("company", it.Company)
	add("website", it.Website)
	add("phone", it.Phone)
	add("address", it.Address)
	add("category", it.Category)
	add("budget", budgetLine(it.Budget))
	if it.PostedText != "" {
		add("posted", it.PostedText+" → "+dateOrUnread(it.Posted))
	}
	add("detail", it.DetailURL)
	if it.DetailURL == "" {
		add("id", ItemID(it))
	}
	if belowMinimum(cfg, it) {
		add("note", "below min_budget_usd: a crawl drops it")
	}
	return out
}

// budgetLine shows the budget text and how it was read.
func budgetLine(b Budget) string {
	if b.Text == "" {
		return ""
	}
	if b.Currency == "" {
		return b.Text + " → (no amount read)"
	}
	read := commas(b.Amount)
	if b.Max != b.Amount {
		read += "–" + commas(b.Max)
	}
	usd := commas(b.USD)
	if b.MaxUSD != b.USD {
		usd += "–" + commas(b.MaxUSD)
	}
	per := ""
	if b.Hourly {
		per = " per hour"
	}
	return fmt.Sprintf("%s → %s %s%s ≈ %s USD", b.Text, read, b.Currency, per, usd)
}

// commas writes n with thousands separators: exact, unlike money.Format's "$2K".
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func dateOrUnread(t time.Time) string {
	if t.IsZero() {
		return "(unread)"
	}
	return t.Format("2006-01-02 15:04 MST")
}

func orNone(s string, unconfigured bool) string {
	switch {
	case s != "":
		return s
	case unconfigured:
		return "(next_page not configured)"
	}
	return "(none: last page, or the link is outside allowed_domains)"
}

// neverMatched lists the configured fields empty on every item.
func neverMatched(cfg Config, items []Item) []string {
	var out []string
	for _, nf := range cfg.Fields.ordered() {
		if nf.f.IsZero() {
			continue
		}
		found := false
		for _, it := range items {
			if fieldOf(it, nf.key) != "" {
				found = true
				break
			}
		}
		if !found {
			out = append(out, nf.key)
		}
	}
	return out
}

// fieldOf is an item's value for a field key.
func fieldOf(it Item, key string) string {
	switch key {
	case "title":
		return it.Title
	case "company":
		return it.Company
	case "website":
		return it.Website
	case "phone":
		return it.Phone
	case "address":
		return it.Address
	case "category":
		return it.Category
	case "budget":
		return it.Budget.Text
	case "posted":
		return it.PostedText
	}
	return it.DetailURL
}
