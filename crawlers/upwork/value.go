package upwork

import (
	"math"
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/crawlers/money"
)

// Assumptions behind the value of an hourly job, whose budget is a rate.
const (
	// DefaultHoursPerWeek is assumed for "Less than 30 hrs/week" and for an
	// unknown engagement: a part-time contract.
	DefaultHoursPerWeek = 20
	// DefaultWeeks is assumed for an unknown duration: about a month.
	DefaultWeeks = 4
	// maxValue bounds every amount, far from int64 overflow; no freelance
	// project comes near it.
	maxValue = 1e12
)

// Job types of an Estimate.
const (
	TypeFixed  = "fixed"
	TypeHourly = "hourly"
)

// Estimate is what a job is worth to whoever wins it.
type Estimate struct {
	Type         string // TypeFixed, TypeHourly, or "" when the post names no budget
	USD          int64  // project value in US dollars; 0 when unknown
	Amount       int64  // value in Currency (fixed price in its own currency)
	Currency     string // ISO 4217 code of Amount
	RateMin      float64
	RateMax      float64 // the rate the value uses (RateMin when no max)
	HoursPerWeek int     // hourly only: assumed from Engagement
	Weeks        int     // hourly only: assumed from the duration
	HoursLabel   string  // "30 h/week", "<30 h/week"; "" when the engagement is unknown
	WeeksLabel   string  // "3–6 months"; "" when the duration is unknown
}

// Value estimates a job's worth: the fixed price, or for hourly work the
// maximum rate × hours a week × weeks (see HoursPerWeek and Weeks).
func Value(j Job) Estimate {
	if j.Amount.Value > 0 {
		cur := firstNonEmpty(j.Amount.Currency, "USD")
		e := Estimate{Type: TypeFixed, Amount: round(j.Amount.Value), Currency: cur}
		e.USD, _ = money.ToUSD(j.Amount.Value, cur) // an unknown currency leaves 0
		return e
	}
	if j.HourlyMax <= 0 && j.HourlyMin <= 0 {
		return Estimate{}
	}
	e := Estimate{Type: TypeHourly, Currency: "USD", RateMin: j.HourlyMin, RateMax: j.HourlyMax}
	if e.RateMax <= 0 {
		e.RateMax = e.RateMin
	}
	e.HoursPerWeek, e.HoursLabel = HoursPerWeek(j.Engagement)
	e.Weeks, e.WeeksLabel = Weeks(j.Duration, j.DurationLabel)
	e.USD = round(e.RateMax * float64(e.HoursPerWeek) * float64(e.Weeks))
	e.Amount = e.USD
	return e
}

// round rounds a non-negative amount to whole units within maxValue.
func round(f float64) int64 {
	if math.IsNaN(f) || f <= 0 {
		return 0
	}
	return int64(math.Round(min(f, maxValue)))
}

// HoursPerWeek reads an engagement ("30+ hrs/week" → 30, "Less than 30
// hrs/week" → DefaultHoursPerWeek, unknown → DefaultHoursPerWeek) and
// labels it for a title ("" when unknown). A stated figure is taken as the
// weekly hours because "30+" is the only upper bucket Upwork offers.
func HoursPerWeek(engagement string) (int, string) {
	e := strings.ToLower(engagement)
	n := firstNumber(e)
	switch {
	case strings.Contains(e, "less than"), strings.Contains(e, "part"):
		if n > 0 {
			return min(DefaultHoursPerWeek, n), "<" + strconv.Itoa(n) + " h/week"
		}
		return DefaultHoursPerWeek, "part-time"
	case n > 0 && n <= 80:
		return n, strconv.Itoa(n) + " h/week"
	case strings.Contains(e, "full"):
		return 30, "full-time"
	}
	return DefaultHoursPerWeek, ""
}

// firstNumber is the first run of digits in s as an int, 0 when none.
func firstNumber(s string) int {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return 0
	}
	j := i
	for j < len(s) && j-i < 6 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(s[i:j])
	return n
}

// durationBucket is one duration Upwork offers.
type durationBucket struct {
	keys  []string
	weeks int
	label string
}

// durations maps Upwork's duration labels and enum values to weeks (the
// upper bound of the range) and a short title label. "More than 6 months"
// and ONGOING count as 26 weeks: an open end has no upper bound, and a
// lead's first half-year is what a salesperson can count on.
func durations() []durationBucket {
	return []durationBucket{
		{[]string{"less than 1 week", "less than a week", "week"}, 1, "<1 week"},
		{[]string{"less than 1 month", "less than a month", "month"}, 4, "<1 month"},
		{[]string{"1 to 3 months", "1-3 months", "quarter"}, 13, "1–3 months"},
		{[]string{"3 to 6 months", "3-6 months", "semester"}, 26, "3–6 months"},
		{[]string{"more than 6 months", "6+ months", "ongoing"}, 26, "6+ months"},
	}
}

// Weeks reads a job's duration, label first ("1 to 3 months" → 13), then
// the enum ("QUARTER" → 13); unknown → DefaultWeeks with an empty label.
func Weeks(duration, label string) (int, string) {
	for _, s := range []string{label, duration} {
		s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
		for _, d := range durations() {
			for _, k := range d.keys {
				if s == k {
					return d.weeks, d.label
				}
			}
		}
	}
	return DefaultWeeks, ""
}

// Qualifies tells whether a job is worth at least minUSD.
func Qualifies(e Estimate, minUSD int64) bool { return e.USD > 0 && e.USD >= minUSD }

// Title is the one-line summary: "Hourly $40–$70/h, 30 h/week, 3–6
// months: Title", "Fixed $2K: Title" or "Budget not stated: Title".
func Title(j Job, e Estimate) string {
	title := truncate(firstNonEmpty(j.Title, "Untitled job"), 200)
	switch e.Type {
	case TypeFixed:
		head := "Fixed " + money.Format(e.Amount, e.Currency)
		if e.Currency != "USD" && e.USD > 0 {
			head += " (" + money.Format(e.USD, "USD") + ")"
		}
		return head + ": " + title
	case TypeHourly:
		parts := []string{"Hourly " + rateRange(e.RateMin, e.RateMax)}
		for _, p := range []string{e.HoursLabel, e.WeeksLabel} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, ", ") + ": " + title
	}
	return "Budget not stated: " + title
}

// rateRange writes "$40–$70/h", or "$40/h" for one rate.
func rateRange(lo, hi float64) string {
	if lo <= 0 || lo >= hi {
		return dollars(hi) + "/h"
	}
	return dollars(lo) + "–" + dollars(hi) + "/h"
}

// dollars writes a rate with cents only when it has them: "$40", "$42.50".
func dollars(f float64) string {
	if f == math.Trunc(f) {
		return "$" + strconv.FormatFloat(f, 'f', 0, 64)
	}
	return "$" + strconv.FormatFloat(f, 'f', 2, 64)
}
