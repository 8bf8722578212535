package web

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/crawlers/money"
)

// Budget is an item's budget as written and as read by the money package.
type Budget struct {
	Text     string // as written, e.g. "$1,500 - $3,000" or "£25/hr"
	Amount   int64  // low end in Currency, whole units; 0 when unknown
	Max      int64  // high end in Currency; Amount when not a range
	Currency string // ISO 4217; "" when unknown
	USD      int64  // low end in US dollars; 0 when unknown
	MaxUSD   int64  // high end in US dollars
	Hourly   bool   // a rate per hour, not a fixed price
}

// hourlyRe spots a rate written per hour.
var hourlyRe = regexp.MustCompile(`(?i)(/\s*(hr|hour|h)\b|per\s+hour|hourly|an\s+hour)`)

// bareNumberRe is a number without a currency sign, for default_currency.
var bareNumberRe = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)

// ParseBudget reads the first money phrase of text; a bare number counts
// when defaultCurrency (an ISO code) is given. Unreadable text keeps only Text.
func ParseBudget(text, defaultCurrency string) Budget {
	b := Budget{Text: text, Hourly: hourlyRe.MatchString(text)}
	var a money.Amount
	if ms := money.Find(text); len(ms) > 0 {
		a = ms[0].Amount
		// "$1,500 - $3,000" is one phrase; "$1,500 to 3,000 USD" may be two.
		if len(ms) > 1 && ms[1].Currency == a.Currency && a.Max == a.Value && ms[1].Max > a.Max {
			a.Max = ms[1].Max
		}
	} else if n := bareNumberRe.FindString(text); n != "" && defaultCurrency != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
		if err != nil {
			return b
		}
		a = money.Amount{Value: v, Max: v, Currency: defaultCurrency}
	} else {
		return b
	}
	lo, err1 := money.ToUSD(a.Value, a.Currency)
	hi, err2 := money.ToUSD(a.Max, a.Currency)
	if err1 != nil || err2 != nil || a.Max > math.MaxInt64/2 {
		return b
	}
	b.Amount, b.Max, b.Currency = int64(math.Round(a.Value)), int64(math.Round(a.Max)), a.Currency
	b.USD, b.MaxUSD = lo, hi
	return b
}

// link resolves a link against the page, keeping only http(s) URLs.
func (x extractor) link(v string) string {
	if v == "" {
		return ""
	}
	u, err := x.base.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// website reads a company website: a link, a bare host ("www.acme.com")
// or a percent-encoded redirect target; a link back into the listing
// site (its own profile page) is not the company's site.
func (x extractor) website(v string) string {
	if v == "" {
		return ""
	}
	if l := strings.ToLower(v); strings.HasPrefix(l, "http%3a") || strings.HasPrefix(l, "https%3a") {
		if un, err := url.QueryUnescape(v); err == nil {
			v = un
		}
	}
	if looksLikeHost(v) {
		v = "https://" + v
	}
	u := x.link(v)
	if u == "" || x.cfg.Allowed(u) {
		return ""
	}
	return u
}

// hostRe is a bare host name, optionally with a path: "acme.com/about".
var hostRe = regexp.MustCompile(`^(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?:/\S*)?$`)

// looksLikeHost tells a bare host from a relative link.
func looksLikeHost(v string) bool { return !strings.Contains(v, "://") && hostRe.MatchString(v) }

// cleanPhone keeps a phone number as written, minus a tel: prefix; text
// with fewer than 7 digits ("Call now") is not a phone number.
func cleanPhone(v string) string {
	if l := strings.ToLower(v); strings.HasPrefix(l, "tel:") || strings.HasPrefix(l, "callto:") {
		_, v, _ = strings.Cut(v, ":")
		if un, err := url.PathUnescape(v); err == nil {
			v = un
		}
		v = strings.TrimPrefix(v, "//")
	}
	v = clean(v)
	digits := 0
	for _, r := range v {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits < 7 || digits > 15 {
		return ""
	}
	return v
}

// phoneDigits is a phone's digits (and a leading +), for hashing.
func phoneDigits(v string) string {
	var b strings.Builder
	for i, r := range v {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
