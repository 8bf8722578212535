package freelancer

import "math"

// Assumptions ProjectValueUSD makes where an hourly project is vague.
const (
	// DefaultDurationWeeks stands in for an unstated duration: a month.
	DefaultDurationWeeks = 4
	// DefaultHoursPerWeek stands in for an unstated commitment; low on
	// purpose, so a vague post does not look like a full-time budget.
	DefaultHoursPerWeek = 10
	maxUSD              = 1e12 // above it an amount is junk, not a budget
	weeksPerMonth       = 52.0 / 12
)

// durationOf maps an hourly duration_enum to weeks and a title label.
// Weeks are the upper end of a range, like the budget maximum a fixed
// project is valued at, and the lower end of the open "over six months".
func durationOf(enum string) (weeks float64, label string) {
	switch enum {
	case "less_than_one_week":
		return 1, "< 1 week"
	case "one_to_four_weeks":
		return 4, "1–4 weeks"
	case "one_to_three_months":
		return 13, "1–3 months"
	case "three_to_six_months":
		return 26, "3–6 months"
	case "over_six_months":
		return 26, "6+ months"
	}
	return 0, ""
}

// USD converts an amount in the project's currency to whole US dollars
// (amount × ExchangeRate, rounded); 0 when the rate is unknown.
func (p Project) USD(amount float64) int64 {
	v := amount * p.ExchangeRate
	if !(v > 0) || v > maxUSD {
		return 0
	}
	return int64(math.Round(v))
}

// HoursPerWeek is the stated hourly commitment per week; 0 when unstated
// or in an interval it cannot convert.
func (p Project) HoursPerWeek() float64 {
	h := p.CommitmentHours
	switch p.CommitmentInterval {
	case "week", "": // the week is the API's usual interval
		return min(h, 168)
	case "month":
		return min(h/weeksPerMonth, 168)
	case "day":
		return min(h*5, 168) // a working week
	}
	return 0
}

// DurationWeeks is the stated hourly duration in weeks; 0 when unstated.
func (p Project) DurationWeeks() float64 {
	w, _ := durationOf(p.Duration)
	return w
}

// ProjectValueUSD is what a project is worth in US dollars: the budget
// maximum for a fixed price; for hourly work the maximum rate × hours per
// week × weeks, with DefaultHoursPerWeek and DefaultDurationWeeks
// standing in for what the client left unstated. 0 when unknown.
func ProjectValueUSD(p Project) int64 { return p.USD(ProjectValue(p)) }

// ProjectValue is ProjectValueUSD in the project's own currency, unrounded.
func ProjectValue(p Project) float64 {
	switch p.Type {
	case TypeFixed:
		return p.BudgetMax
	case TypeHourly:
		hours := p.HoursPerWeek()
		if hours <= 0 {
			hours = DefaultHoursPerWeek
		}
		weeks := p.DurationWeeks()
		if weeks <= 0 {
			weeks = DefaultDurationWeeks
		}
		return p.BudgetMax * hours * weeks
	}
	return 0
}

// Qualifies tells whether a project is worth min US dollars or more,
// which makes its client a lead.
func Qualifies(p Project, minUSD int64) bool {
	v := ProjectValueUSD(p)
	return v > 0 && v >= minUSD
}

// Closed tells whether a project no longer takes bids: deleted, or a
// known status other than active/open.
func (p Project) Closed() bool {
	open := func(s string) bool { return s == "" || s == "active" || s == "open" }
	return p.Deleted || !open(p.Status) || !open(p.FrontendStatus)
}
