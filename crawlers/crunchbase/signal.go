package crunchbase

import (
	"fmt"
	"maps"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crawlers"
	cbmoney "github.com/leadgen/leadgen/crawlers/money"
)

// siteURL is where a person opens a Crunchbase entity.
const siteURL = "https://www.crunchbase.com"

// Company key prefixes. The API names organizations by uuid, a CSV export
// only by permalink, so API signals carry both keys to meet CSV imports.
const (
	keyUUID      = "crunchbase:"
	keyPermalink = "crunchbase-permalink:"
)

// SignalFor turns a funding round, and what the run learned about the
// funded organization (zero when it was not looked up), into a Signal.
func SignalFor(r FundingRound, org Organization) crawlers.Signal {
	round := RoundName(r.InvestmentType)
	leads := names(r.LeadInvestors)
	ref := firstNonEmpty(r.Identifier.Permalink, r.UUID)
	raw := maps.Clone(r.Properties)
	if raw == nil {
		raw = map[string]any{}
	}
	raw["uuid"] = r.UUID
	s := crawlers.Signal{
		Source:        SourceName,
		SourceItemID:  r.UUID,
		Kind:          crawlers.KindFunding,
		Title:         Title(round, r.MoneyRaised, leads),
		URL:           siteURL + "/funding_round/" + url.PathEscape(ref),
		OccurredAt:    r.AnnouncedOn,
		AmountUSD:     usdOf(r.MoneyRaised),
		Amount:        r.MoneyRaised.Value,
		Currency:      r.MoneyRaised.Currency,
		Round:         round,
		LeadInvestors: leads,
		Company:       companyFor(r.FundedOrganization, org),
		Raw:           raw,
	}
	if p := r.Identifier.Permalink; p != "" {
		// A funding-rounds CSV export names the round by this id.
		s.Aliases = []string{roundItemID(p)}
	}
	return s
}

// roundItemID is the item id of a round known only by its permalink.
func roundItemID(permalink string) string { return "funding_round/" + permalink }

// companyFor maps the funded organization to a crawlers.Company.
func companyFor(fo Identifier, org Organization) crawlers.Company {
	c := crawlers.Company{
		Keys:        companyKeys(fo.UUID, fo.Permalink),
		Name:        firstNonEmpty(fo.Value, org.Identifier.Value),
		Domain:      org.Website,
		Description: org.ShortDescription,
		Categories:  org.Categories,
	}
	for _, l := range org.Locations {
		switch l.LocationType {
		case "city":
			c.City = l.Value
		case "region":
			c.State = l.Value
		case "country":
			c.Country = l.Value
		}
	}
	return c
}

// companyKeys lists the organization's keys, most specific first.
func companyKeys(uuid, permalink string) []string {
	var keys []string
	if uuid != "" {
		keys = append(keys, keyUUID+uuid)
	}
	if permalink != "" {
		keys = append(keys, keyPermalink+permalink)
	}
	return keys
}

// usdOf is the amount in US dollars, 0 when unknown.
func usdOf(m Money) int64 {
	if m.ValueUSD == 0 && m.Currency == "USD" {
		return m.Value
	}
	return m.ValueUSD
}

// RoundName maps a Crunchbase investment type ("series_a", or an export's
// "Series A", "Venture - Series Unknown") to the Signal.Round wording.
func RoundName(investmentType string) string {
	t := snake(investmentType)
	if t == "" {
		return ""
	}
	if name, ok := roundNames(t); ok {
		return name
	}
	if rest, ok := strings.CutPrefix(t, "series_"); ok && len(rest) == 1 {
		return "Series " + strings.ToUpper(rest)
	}
	words := strings.Split(t, "_")
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// roundNames holds the investment types whose wording is not mechanical.
func roundNames(t string) (string, bool) {
	switch t {
	case "pre_seed":
		return "Pre-seed", true
	case "series_unknown", "venture_series_unknown":
		return "Series Unknown", true
	case "debt_financing", "debt":
		return "Debt", true
	case "post_ipo_equity":
		return "Post-IPO Equity", true
	case "post_ipo_debt":
		return "Post-IPO Debt", true
	case "post_ipo_secondary":
		return "Post-IPO Secondary", true
	case "non_equity_assistance":
		return "Non-equity Assistance", true
	case "initial_coin_offering":
		return "ICO", true
	case "ipo":
		return "IPO", true
	}
	return "", false
}

// snake lower-cases s and joins its words with underscores.
func snake(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, "_")
}

// Title is the one-line summary, e.g. "Series A — $12M led by Point Nine".
func Title(round string, m Money, leads []string) string {
	head := firstNonEmpty(round, "Funding round")
	var tail []string
	if a := FormatMoney(m); a != "" {
		tail = append(tail, a)
	}
	if len(leads) > 0 {
		tail = append(tail, "led by "+joinNames(leads))
	}
	if len(tail) == 0 {
		return head
	}
	return head + " — " + strings.Join(tail, " ")
}

// FormatMoney writes an amount briefly: "$12M", or "€12.7M ($15.49M)"
// when Crunchbase gives both; "" when unknown.
func FormatMoney(m Money) string {
	usd := usdOf(m)
	switch {
	case m.Value > 0 && m.Currency != "" && m.Currency != "USD":
		s := cbmoney.Format(m.Value, m.Currency)
		if usd > 0 {
			s += " (" + cbmoney.Format(usd, "USD") + ")"
		}
		return s
	case usd > 0:
		return cbmoney.Format(usd, "USD")
	}
	return ""
}

// joinNames lists names for a title: "A", "A and B", "A, B and C",
// "A, B, C and 2 more".
func joinNames(ns []string) string {
	switch {
	case len(ns) == 1:
		return ns[0]
	case len(ns) <= 3:
		return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ns[:3], ", "), len(ns)-3)
}

// names are the non-empty display names of ids.
func names(ids []Identifier) []string {
	var out []string
	for _, id := range ids {
		if id.Value != "" {
			out = append(out, id.Value)
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
