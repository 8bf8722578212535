package techcrunch

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
)

// SourceName is the Signal.Source of every news-feed signal, whichever
// feed it came from; Raw["feed_host"] tells the feeds apart.
const SourceName = "news"

// SignalFor turns a feed item that reports a raise into a Signal. It
// keeps only the headline, link, date, author and categories of the item
// (the feeds are "for personal use only"), never the excerpt.
func SignalFor(it Item, f Funding, feedURL string) crawlers.Signal {
	id := it.GUID
	if id == "" {
		id = it.Link
	}
	return crawlers.Signal{
		Source:        SourceName,
		SourceItemID:  id,
		Kind:          crawlers.KindFunding,
		Title:         SignalTitle(f, it.Title),
		URL:           it.Link,
		OccurredAt:    it.Published,
		AmountUSD:     f.AmountUSD,
		Amount:        f.Amount,
		Currency:      f.Currency,
		Round:         f.Round,
		LeadInvestors: slices.Clone(f.LeadInvestors),
		Company: crawlers.Company{
			Name:       f.Company,
			Keys:       []string{}, // crm resolves news companies by name and domain
			Categories: slices.Clone(it.Categories),
		},
		Raw: rawFor(it, f, feedURL),
	}
}

// SignalTitle is "Raised $12M Series A led by X" when the amount is known,
// else the headline.
func SignalTitle(f Funding, headline string) string {
	if f.Amount <= 0 {
		return headline
	}
	var b strings.Builder
	b.WriteString("Raised ")
	b.WriteString(money.Format(f.Amount, f.Currency))
	if f.Currency != "USD" && f.AmountUSD > 0 {
		b.WriteString(" (≈" + money.Format(f.AmountUSD, "USD") + ")")
	}
	if r := roundPhrase(f.Round); r != "" {
		b.WriteString(" " + r)
	}
	if len(f.LeadInvestors) > 0 {
		b.WriteString(" led by " + joinNames(f.LeadInvestors))
	}
	return b.String()
}

// roundPhrase words a round for a title: "Series A", "seed round", "in debt".
func roundPhrase(round string) string {
	switch round {
	case "", RoundUndisclosed:
		return ""
	case "Seed", "Pre-seed", "Bridge", "Growth":
		return strings.ToLower(round) + " round"
	case "Debt":
		return "in debt"
	case "Grant":
		return "grant"
	}
	return round
}

// joinNames writes "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// rawFor keeps the item's public fields and what was read from them.
func rawFor(it Item, f Funding, feedURL string) map[string]any {
	host := ""
	if u, err := url.Parse(feedURL); err == nil {
		host = u.Host
	}
	return map[string]any{
		"title":          it.Title,
		"link":           it.Link,
		"guid":           it.GUID,
		"published":      it.Published.Format(time.RFC3339),
		"author":         it.Author,
		"categories":     nonNil(it.Categories),
		"feed_url":       feedURL,
		"feed_host":      host,
		"company":        f.Company,
		"amount":         f.Amount,
		"currency":       f.Currency,
		"amount_usd":     f.AmountUSD,
		"round":          f.Round,
		"lead_investors": nonNil(f.LeadInvestors),
		"rates_as_of":    money.RatesAsOf().Format(time.DateOnly),
	}
}

// nonNil copies s, as [] rather than null in JSON.
func nonNil(s []string) []string {
	return append([]string{}, s...)
}
