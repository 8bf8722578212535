package upwork

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crawlers/money"
)

// jobURLBase is where a person opens a job post (SOURCES.md §5).
const jobURLBase = "https://www.upwork.com/jobs/"

// maxDescription bounds the description kept in Raw; posts can run long.
const maxDescription = 4000

// ClientKey names the client behind a job. The search exposes no client
// id, so the key is derived: "fp-" and 12 hex digits of a SHA-256 over
// the client's country, verification status, hires, reviews, rating and
// total spend. Those change only when the client hires, pays or is
// reviewed, so one client's posts share a key within a run and usually
// across nearby runs; totalPostedJobs is left out because every new post
// changes it. A client with no history (no hires, spend or reviews) has
// too common a fingerprint to tell apart from other newcomers, so it is
// keyed by its job instead: "job-<job id>".
func ClientKey(j Job) string {
	c := j.Client
	if c.TotalHires == 0 && c.TotalReviews == 0 && c.TotalSpent.Value <= 0 {
		return "job-" + j.ID
	}
	fp := strings.Join([]string{
		strings.ToLower(c.Country), c.VerificationStatus, strconv.Itoa(c.TotalHires), strconv.Itoa(c.TotalReviews),
		strconv.FormatFloat(c.TotalFeedback, 'f', 2, 64), strconv.FormatFloat(c.TotalSpent.Value, 'f', 0, 64),
		c.TotalSpent.Currency,
	}, "|")
	sum := sha256.Sum256([]byte(fp))
	return "fp-" + hex.EncodeToString(sum[:6])
}

// JobURL is the public page of a job: the ciphertext ("~01…") when given,
// else "~" and the job id (a guess: Upwork's newer URLs use that form).
func JobURL(j Job) string {
	ref := firstNonEmpty(j.Ciphertext, j.ID)
	if !strings.HasPrefix(ref, "~") {
		ref = "~" + ref
	}
	return jobURLBase + url.PathEscape(ref)
}

// HireRate is totalHires / totalPostedJobs, at most 1; ok is false when
// the client has posted nothing to rate.
func HireRate(c Client) (rate float64, ok bool) {
	if c.TotalPostedJobs <= 0 {
		return 0, false
	}
	r := float64(c.TotalHires) / float64(c.TotalPostedJobs)
	return math.Round(min(r, 1)*1000) / 1000, true
}

// SignalFor turns a kept job into a Signal. Raw holds:
//
//	job_id, title, ciphertext, description (at most 4000 runes),
//	created_at, published_at (RFC 3339), duration, duration_label,
//	engagement, experience_level, skills ([]string), total_applicants,
//	job_type ("fixed", "hourly" or ""), fixed_amount, fixed_currency,
//	hourly_min, hourly_max, hourly_budget_type, assumed_hours_per_week,
//	assumed_weeks (hourly only), value_usd, qualifies (bool), client_key,
//	client_total_spend_usd, client_total_hires, client_total_posted,
//	client_hire_rate (absent when nothing was posted),
//	client_payment_verified (verificationStatus == "VERIFIED"),
//	client_verification_status, client_reviews, client_rating (0–5),
//	client_country.
func SignalFor(j Job, minUSD int64) crawlers.Signal {
	e := Value(j)
	key := ClientKey(j)
	return crawlers.Signal{
		Source:       SourceName,
		SourceItemID: j.ID,
		Kind:         crawlers.KindProject,
		Title:        Title(j, e),
		URL:          JobURL(j),
		OccurredAt:   j.Posted(),
		AmountUSD:    e.USD,
		Amount:       e.Amount,
		Currency:     e.Currency,
		Company: crawlers.Company{
			Keys:    []string{SourceName + ":" + key},
			Name:    "Upwork client " + key, // the search names no company
			Country: j.Client.Country,
		},
		Raw: raw(j, e, key, minUSD),
	}
}

// raw collects the job's fields and its client's stats for Signal.Raw.
func raw(j Job, e Estimate, key string, minUSD int64) map[string]any {
	m := map[string]any{
		"job_id": j.ID, "title": j.Title, "ciphertext": j.Ciphertext,
		"description": truncate(j.Description, maxDescription),
		"duration":    j.Duration, "duration_label": j.DurationLabel, "engagement": j.Engagement,
		"experience_level": j.ExperienceLevel, "skills": j.Skills, "total_applicants": j.TotalApplicants,
		"job_type": e.Type, "value_usd": e.USD, "qualifies": Qualifies(e, minUSD),
		"hourly_budget_type": j.HourlyBudgetType,
	}
	if j.Skills == nil {
		m["skills"] = []string{}
	}
	if !j.Created.IsZero() {
		m["created_at"] = j.Created.Format(time.RFC3339)
	}
	if !j.Published.IsZero() {
		m["published_at"] = j.Published.Format(time.RFC3339)
	}
	switch e.Type {
	case TypeFixed:
		m["fixed_amount"], m["fixed_currency"] = j.Amount.Value, e.Currency
	case TypeHourly:
		m["hourly_min"], m["hourly_max"] = j.HourlyMin, j.HourlyMax
		m["assumed_hours_per_week"], m["assumed_weeks"] = e.HoursPerWeek, e.Weeks
	}
	addClient(m, j.Client, key)
	return m
}

// addClient adds the client_ keys.
func addClient(m map[string]any, c Client, key string) {
	// Spend without a currency is taken as USD, Upwork's billing currency.
	spend, _ := money.ToUSD(c.TotalSpent.Value, firstNonEmpty(c.TotalSpent.Currency, "USD"))
	m["client_key"] = key
	m["client_total_spend_usd"] = spend
	m["client_total_hires"] = c.TotalHires
	m["client_total_posted"] = c.TotalPostedJobs
	if r, ok := HireRate(c); ok {
		m["client_hire_rate"] = r
	}
	m["client_payment_verified"] = c.VerificationStatus == "VERIFIED"
	m["client_verification_status"] = c.VerificationStatus
	m["client_reviews"] = c.TotalReviews
	m["client_rating"] = math.Round(c.TotalFeedback*100) / 100
	m["client_country"] = c.Country
}
