package freelancer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
)

// maxTitle caps a signal title, in runes.
const maxTitle = 200

// SignalFor turns a project into a project signal. c is the owner's
// profile, the zero Client when the page gave none (an anonymous or
// hidden client); minUSD decides Raw["qualifies"].
//
// Raw keys, for the scorer (absent means the API did not say):
//
//	type                  "fixed" | "hourly" | "" (unstated)
//	status                API status, "active"…; frontend_status "open"…
//	currency              ISO code of the budget; exchange_rate: USD per unit (USD = amount × rate)
//	budget_min/budget_max budget in currency (per hour when hourly); budget_min_usd/budget_max_usd whole USD
//	hourly_rate_usd       hourly only: the maximum rate in USD
//	hours_per_week        hourly only: stated commitment per week
//	duration              hourly only: duration_enum as sent; duration_weeks its stated weeks
//	value_usd             ProjectValueUSD (defaults filled in), same as Signal.AmountUSD
//	bids, avg_bid, avg_bid_usd   bid count and average bid (currency, USD)
//	skills, skill_ids     job names and ids
//	qualifies             value_usd ≥ the run's MinProjectUSD
//	owner_id              the client's user id
//	client_anonymous      true when the page carried no profile for the owner
//	client_username, client_country, client_country_code, client_city
//	client_registered_at  RFC 3339 sign-up time
//	client_payment_verified, client_email_verified, client_phone_verified,
//	client_identity_verified, client_deposit_made   bools from the status block
//	client_rating, client_reviews, client_completion_rate (0-1),
//	client_jobs_posted, client_jobs_completed        employer reputation, whole history
//	client_rating_12m, client_reviews_12m, client_jobs_posted_12m,
//	client_jobs_completed_12m                        the same over the last 12 months
//
// client_total_spend_usd is never set: the API publishes no employer spend.
func SignalFor(p Project, c Client, minUSD int64) crawlers.Signal {
	return crawlers.Signal{
		Source:       SourceName,
		SourceItemID: strconv.FormatInt(p.ID, 10),
		Kind:         crawlers.KindProject,
		Title:        Title(p),
		URL:          p.URL,
		OccurredAt:   p.SubmittedAt,
		AmountUSD:    ProjectValueUSD(p),
		Amount:       whole(ProjectValue(p)),
		Currency:     p.Currency,
		Closed:       p.Closed(),
		Company: crawlers.Company{
			Keys: []string{"freelancer:" + strconv.FormatInt(p.OwnerID, 10)}, Name: ClientName(c, p.OwnerID),
			Country: c.Country, City: c.City,
		},
		Raw: raw(p, c, minUSD),
	}
}

// ClientName is the name a client shows, or "Freelancer client <id>".
func ClientName(c Client, ownerID int64) string {
	for _, s := range []string{c.DisplayName, c.PublicName, c.Username} {
		if s != "" {
			return s
		}
	}
	return "Freelancer client " + strconv.FormatInt(ownerID, 10)
}

// Title is the line a salesperson reads, e.g. "Fixed $2K–$3K: Build a
// React dashboard" or "Hourly $25–$40/h × 20 h/week, 1–3 months: …";
// a foreign budget adds its value in dollars, "Fixed ₹37.5K–₹75K (≈$1K): …".
func Title(p Project) string {
	head := "Project"
	switch p.Type {
	case TypeFixed:
		head = "Fixed"
	case TypeHourly:
		head = "Hourly"
	}
	name := p.Title
	if name == "" {
		name = "(untitled)"
	}
	if p.BudgetMax <= 0 {
		return truncate(head+", budget not stated: "+name, maxTitle)
	}
	budget := span(p.BudgetMin, p.BudgetMax, p.Currency)
	if p.Type == TypeHourly {
		return truncate(head+" "+hourlyTerms(p, budget)+": "+name, maxTitle)
	}
	if usd := ProjectValueUSD(p); p.Currency != "USD" && usd > 0 {
		budget += " (≈" + money.Format(usd, "USD") + ")"
	}
	return truncate(head+" "+budget+": "+name, maxTitle)
}

// hourlyTerms writes "$25–$40/h × 20 h/week, 1–3 months".
func hourlyTerms(p Project, rate string) string {
	s := rate + "/h"
	if usd := p.USD(p.BudgetMax); p.Currency != "USD" && usd > 0 {
		s += " (≈" + money.Format(usd, "USD") + "/h)"
	}
	if h := p.HoursPerWeek(); h > 0 {
		s += fmt.Sprintf(" × %s h/week", strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64))
	}
	if _, label := durationOf(p.Duration); label != "" {
		s += ", " + label
	}
	return s
}

// span writes a budget range briefly: "$1.5K–$3K", or "$500" when the ends agree.
func span(lo, hi float64, currency string) string {
	hiText := money.Format(whole(hi), currency)
	if loText := money.Format(whole(lo), currency); lo > 0 && loText != hiText {
		return loText + "–" + hiText
	}
	return hiText
}

// raw builds Signal.Raw; see SignalFor for the keys.
func raw(p Project, c Client, minUSD int64) map[string]any {
	skills, ids := p.Skills, p.SkillIDs
	if skills == nil {
		skills = []string{}
	}
	if ids == nil {
		ids = []int64{}
	}
	r := map[string]any{
		"type": p.Type, "status": p.Status, "frontend_status": p.FrontendStatus, "currency": p.Currency,
		"budget_min": p.BudgetMin, "budget_max": p.BudgetMax,
		"value_usd": ProjectValueUSD(p), "bids": p.BidCount, "skills": skills, "skill_ids": ids,
		"qualifies": Qualifies(p, minUSD), "owner_id": p.OwnerID, "client_anonymous": c.ID == 0,
	}
	if p.ExchangeRate > 0 {
		r["exchange_rate"] = p.ExchangeRate
		r["budget_min_usd"], r["budget_max_usd"] = p.USD(p.BudgetMin), p.USD(p.BudgetMax)
	}
	if p.BidCount > 0 {
		r["avg_bid"] = p.BidAvg
		if p.ExchangeRate > 0 {
			r["avg_bid_usd"] = p.USD(p.BidAvg)
		}
	}
	if p.Type == TypeHourly {
		hourlyRaw(r, p)
	}
	clientRaw(r, c)
	return r
}

// hourlyRaw adds the hourly terms the client stated.
func hourlyRaw(r map[string]any, p Project) {
	if p.ExchangeRate > 0 {
		r["hourly_rate_usd"] = p.USD(p.BudgetMax)
	}
	if h := p.HoursPerWeek(); h > 0 {
		r["hours_per_week"] = h
	}
	if p.Duration != "" {
		r["duration"] = p.Duration
	}
	if w := p.DurationWeeks(); w > 0 {
		r["duration_weeks"] = w
	}
}

// clientRaw adds the client's profile under client_ keys.
func clientRaw(r map[string]any, c Client) {
	set := func(k, v string) {
		if v != "" {
			r[k] = v
		}
	}
	set("client_username", c.Username)
	set("client_country", c.Country)
	set("client_country_code", c.CountryCode)
	set("client_city", c.City)
	if !c.RegisteredAt.IsZero() {
		r["client_registered_at"] = c.RegisteredAt.Format(time.RFC3339)
	}
	if v := c.Verified; v != nil {
		r["client_payment_verified"], r["client_email_verified"] = v.Payment, v.Email
		r["client_phone_verified"], r["client_identity_verified"] = v.Phone, v.Identity
		r["client_deposit_made"] = v.Deposit
	}
	if rep := c.Reputation; rep != nil {
		r["client_rating"], r["client_reviews"], r["client_completion_rate"] = rep.Rating, rep.Reviews, rep.CompletionRate
		r["client_jobs_posted"], r["client_jobs_completed"] = rep.Posted, rep.Completed
	}
	if rep := c.Reputation12m; rep != nil {
		r["client_rating_12m"], r["client_reviews_12m"] = rep.Rating, rep.Reviews
		r["client_jobs_posted_12m"], r["client_jobs_completed_12m"] = rep.Posted, rep.Completed
	}
}

// whole rounds a parsed amount to an integer; 0 when out of range.
func whole(v float64) int64 {
	if !(v > 0) || v > 1e15 {
		return 0
	}
	return int64(math.Round(v))
}

// truncate cuts s to n runes, ending with "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
