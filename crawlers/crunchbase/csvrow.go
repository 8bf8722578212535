package crunchbase

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
)

// column is a field the importer reads from an export.
type column int

const (
	colUnknown column = iota
	colName
	colOrgURL
	colIndustries
	colLocation
	colDescription
	colWebsite
	colPhone
	colEmployees
	colFounders
	colFounded
	colRoundURL
	colFundingType
	colMoney
	colMoneyCurrency
	colMoneyUSD
	colAnnounced
	colLeads
	colLastDate
	colLastType
	colLastAmount
	colLastCurrency
	colLastUSD
	colIPODate
	colIPOURL
	colIPOMoney
	colIPOCurrency
	colIPOUSD
)

// columnOf names the field a header feeds. Exports disagree on names:
// "… Currency (in USD)" holds the dollar amount in older ones.
func columnOf(header string) column {
	switch normHeader(header) {
	case "organization name", "company name":
		return colName
	case "organization name url", "organization url", "crunchbase url":
		return colOrgURL
	case "industries", "organization industries", "categories":
		return colIndustries
	case "headquarters location", "organization location", "location":
		return colLocation
	case "description", "organization description", "short description":
		return colDescription
	case "website", "organization website", "website url", "homepage url":
		return colWebsite
	case "phone number", "phone":
		return colPhone
	case "number of employees", "employees":
		return colEmployees
	case "founders":
		return colFounders
	case "founded date":
		return colFounded
	}
	return fundingColumnOf(normHeader(header))
}

// fundingColumnOf names the funding fields of a normalised header.
func fundingColumnOf(h string) column {
	switch h {
	case "transaction name url", "funding round url":
		return colRoundURL
	case "funding type", "investment type":
		return colFundingType
	case "money raised":
		return colMoney
	case "money raised currency":
		return colMoneyCurrency
	case "money raised (in usd)", "money raised currency (in usd)":
		return colMoneyUSD
	case "announced date", "announced on":
		return colAnnounced
	case "lead investors":
		return colLeads
	case "last funding date":
		return colLastDate
	case "last funding type":
		return colLastType
	case "last funding amount":
		return colLastAmount
	case "last funding amount currency":
		return colLastCurrency
	case "last funding amount (in usd)", "last funding amount currency (in usd)":
		return colLastUSD
	case "ipo date":
		return colIPODate
	case "stock symbol url", "ipo url":
		return colIPOURL
	case "money raised at ipo":
		return colIPOMoney
	case "money raised at ipo currency":
		return colIPOCurrency
	case "money raised at ipo (in usd)", "money raised at ipo currency (in usd)":
		return colIPOUSD
	}
	return colUnknown
}

// event is the dated funding event a row describes.
type event struct {
	itemID, url, round string
	date               time.Time
	money              Money
	leads              []string
}

// rowSignal builds the signal of a well-formed row.
func (t *csvTable) rowSignal(rec []string) (crawlers.Signal, error) {
	name := t.get(rec, colName)
	if name == "" {
		return crawlers.Signal{}, errors.New("no Organization Name")
	}
	orgURL := t.get(rec, colOrgURL)
	if orgURL == "" {
		// The permalink is the only id an export gives; without it the
		// company could not be matched again.
		return crawlers.Signal{}, errors.New("no Organization Name URL")
	}
	perm, ok := permalinkOf(orgURL, "organization")
	if !ok {
		return crawlers.Signal{}, fmt.Errorf("%q in Organization Name URL is not a Crunchbase organization link", orgURL)
	}
	ev, err := t.event(rec, perm)
	if err != nil {
		return crawlers.Signal{}, err
	}
	if ev.url == "" {
		ev.url = siteURL + "/organization/" + url.PathEscape(perm)
	}
	return crawlers.Signal{
		Source:        SourceName,
		SourceItemID:  ev.itemID,
		Kind:          crawlers.KindFunding,
		Title:         Title(ev.round, ev.money, ev.leads),
		URL:           ev.url,
		OccurredAt:    ev.date,
		AmountUSD:     usdOf(ev.money),
		Amount:        ev.money.Value,
		Currency:      ev.money.Currency,
		Round:         ev.round,
		LeadInvestors: ev.leads,
		Company:       t.company(rec, name, perm),
		Contacts:      founders(t.get(rec, colFounders)),
		Raw:           t.raw(rec),
	}, nil
}

// event picks the row's event: the round of a funding-rounds export, else
// the company's last funding, else its IPO.
func (t *csvTable) event(rec []string, perm string) (event, error) {
	switch {
	case t.get(rec, colAnnounced) != "" || t.get(rec, colRoundURL) != "":
		return t.roundEvent(rec, perm)
	case t.get(rec, colLastDate) != "":
		ev, err := t.moneyEvent(rec, colLastDate, colLastAmount, colLastCurrency, colLastUSD)
		ev.round = RoundName(t.get(rec, colLastType))
		ev.itemID = "organization/" + perm + "/last_funding/" + ev.date.Format(time.DateOnly)
		return ev, err
	case t.get(rec, colIPODate) != "":
		ev, err := t.moneyEvent(rec, colIPODate, colIPOMoney, colIPOCurrency, colIPOUSD)
		ev.round = "IPO"
		ev.itemID = "organization/" + perm + "/ipo"
		if p, ok := permalinkOf(t.get(rec, colIPOURL), "ipo"); ok {
			ev.itemID, ev.url = "ipo/"+p, siteURL+"/ipo/"+url.PathEscape(p)
		}
		return ev, err
	}
	return event{}, errors.New("no dated event: needs Announced Date, Last Funding Date or IPO Date")
}

// roundEvent reads a funding-rounds export row.
func (t *csvTable) roundEvent(rec []string, perm string) (event, error) {
	ev, err := t.moneyEvent(rec, colAnnounced, colMoney, colMoneyCurrency, colMoneyUSD)
	if err != nil {
		return ev, err
	}
	if ev.date.IsZero() {
		return ev, errors.New("no Announced Date")
	}
	ev.round = RoundName(t.get(rec, colFundingType))
	ev.leads = splitList(t.get(rec, colLeads))
	ev.itemID = "organization/" + perm + "/funding_round/" + ev.date.Format(time.DateOnly) + "/" + firstNonEmpty(snake(ev.round), "round")
	if raw := t.get(rec, colRoundURL); raw != "" {
		p, ok := permalinkOf(raw, "funding_round")
		if !ok {
			return ev, fmt.Errorf("%q in Transaction Name URL is not a Crunchbase funding round link", raw)
		}
		ev.itemID, ev.url = roundItemID(p), siteURL+"/funding_round/"+url.PathEscape(p)
	}
	return ev, nil
}

// moneyEvent reads an event's date and amount columns.
func (t *csvTable) moneyEvent(rec []string, date, amount, currency, usd column) (event, error) {
	var ev event
	var err error
	if ev.date, err = parseCSVDate(t.get(rec, date)); err != nil {
		return ev, err
	}
	if ev.money.Value, err = parseCSVAmount(t.get(rec, amount)); err != nil {
		return ev, err
	}
	if ev.money.ValueUSD, err = parseCSVAmount(t.get(rec, usd)); err != nil {
		return ev, err
	}
	ev.money.Currency = strings.ToUpper(t.get(rec, currency))
	return ev, nil
}

// company maps the organization columns.
func (t *csvTable) company(rec []string, name, perm string) crawlers.Company {
	c := crawlers.Company{
		Keys:        companyKeys("", perm),
		Name:        name,
		Domain:      t.get(rec, colWebsite),
		Description: t.get(rec, colDescription),
		Categories:  splitList(t.get(rec, colIndustries)),
		TeamSize:    employees(t.get(rec, colEmployees)),
		Phone:       t.get(rec, colPhone),
	}
	// "City, Region, Country"; shorter forms drop the middle first.
	if loc := splitList(t.get(rec, colLocation)); len(loc) > 0 {
		c.Country = loc[len(loc)-1]
		if len(loc) > 1 {
			c.City = loc[0]
		}
		if len(loc) > 2 {
			c.State = loc[1]
		}
	}
	if d, err := parseCSVDate(t.get(rec, colFounded)); err == nil && !d.IsZero() {
		c.YearOfInc = d.Year()
	}
	return c
}

// permalinkOf takes the slug from "https://www.crunchbase.com/<kind>/<slug>"
// (or a bare slug).
func permalinkOf(raw, kind string) (string, bool) {
	if raw == "" {
		return "", false
	}
	if !strings.Contains(raw, "/") {
		return raw, !strings.ContainsAny(raw, " ?#")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	rest, ok := strings.CutPrefix(strings.TrimSuffix(u.Path, "/"), "/"+kind+"/")
	if !ok || rest == "" || strings.Contains(rest, "/") {
		return "", false
	}
	return rest, true
}

// parseCSVDate reads the date forms exports and spreadsheets write.
func parseCSVDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, "Jan 2, 2006", "January 2, 2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1800 {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

// parseCSVAmount reads "12,937,119", "$1,000,000" or "9698912.67".
func parseCSVAmount(s string) (int64, error) {
	t := strings.NewReplacer(",", "", "$", "", " ", "").Replace(s)
	if t == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f >= math.MaxInt64 || strings.ContainsAny(t, "xXpP_") {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	return int64(math.Round(f)), nil
}

// employees reads a head-count bucket ("11-50", "10001+") as its lower bound.
func employees(s string) int {
	lo, _, _ := strings.Cut(strings.TrimSuffix(s, "+"), "-")
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(lo), ",", ""))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// splitList splits a comma-list cell ("Retail, Shopping").
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// founders lists the Founders cell as contacts.
func founders(s string) []crawlers.Contact {
	var out []crawlers.Contact
	for _, n := range splitList(s) {
		out = append(out, crawlers.Contact{Name: n, Title: "Founder", Relationship: "Founder"})
	}
	return out
}
