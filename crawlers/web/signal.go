package web

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// SignalFor turns an extracted item into a signal. The item id is its
// detail URL, else a hash of company, title and phone, so a re-crawl
// upserts the same signal. It leaves Company.Keys empty: a listing site
// gives no id that is stable across sites.
func SignalFor(cfg Config, it Item) crawlers.Signal {
	name := it.Company
	if name == "" && cfg.Kind != crawlers.KindProject {
		name = it.Title // a directory lists businesses by name
	}
	street, city, state, zip := SplitAddress(it.Address)
	when := it.Posted
	if when.IsZero() {
		when = crawlDay(it.SeenAt)
	}
	url := it.DetailURL
	if url == "" {
		url = it.PageURL
	}
	return crawlers.Signal{
		Source:       cfg.SourceName(),
		SourceItemID: ItemID(it),
		Kind:         cfg.Kind,
		Title:        truncate(firstNonEmpty(it.Title, it.Company), 200),
		URL:          url,
		OccurredAt:   when,
		AmountUSD:    it.Budget.USD,
		Amount:       it.Budget.Amount,
		Currency:     it.Budget.Currency,
		Company: crawlers.Company{
			Name: name, Domain: it.Website, Phone: it.Phone, Categories: categories(it.Category),
			Street: street, City: city, State: state, Zip: zip,
		},
		Raw: raw(it),
	}
}

// ItemID is the item's stable id within its source: the detail URL, or
// "sha256:" and a hash of lower-cased company, title and phone digits.
func ItemID(it Item) string {
	if it.DetailURL != "" {
		return it.DetailURL
	}
	key := strings.ToLower(it.Company) + "\x00" + strings.ToLower(it.Title) + "\x00" + phoneDigits(it.Phone)
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:16])
}

// crawlDay is the UTC day of the crawl (now when unset).
func crawlDay(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Truncate(24 * time.Hour)
}

// usAddressRe is "street, city, ST 12345" (or a Canadian postal code);
// the street part is optional.
var usAddressRe = regexp.MustCompile(`^(?:(.+?),\s*)?([^,]+?),\s*([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$`)

// SplitAddress splits a North American "street, city, ST zip" address;
// any other shape comes back whole as the street.
func SplitAddress(a string) (street, city, state, zip string) {
	m := usAddressRe.FindStringSubmatch(strings.TrimSpace(a))
	if m == nil {
		return a, "", "", ""
	}
	return m[1], m[2], m[3], m[4]
}

// categories splits "Plumbers, Water Heaters" into its parts, dropping repeats.
func categories(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '|' || r == '·' || r == ';' }) {
		p = strings.TrimSpace(p)
		if k := strings.ToLower(p); p != "" && !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// raw keeps every extracted text field, and the budget as read.
func raw(it Item) map[string]any {
	m := map[string]any{}
	for k, v := range map[string]string{"title": it.Title, "company": it.Company, "website": it.Website,
		"phone": it.Phone, "address": it.Address, "category": it.Category, "budget": it.Budget.Text,
		"posted": it.PostedText, "detail_url": it.DetailURL, "page_url": it.PageURL} {
		if v != "" {
			m[k] = v
		}
	}
	if it.Budget.Currency != "" {
		m["budget_max"] = it.Budget.Max
		m["budget_max_usd"] = it.Budget.MaxUSD
	}
	if it.Budget.Hourly {
		m["budget_hourly"] = true
	}
	return m
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
