package freelancer

import "testing"

func TestProjectValueUSD(t *testing.T) {
	t.Parallel()
	hourly := func(rate, hours float64, interval, duration string, fx float64) Project {
		return Project{Type: TypeHourly, BudgetMin: rate / 2, BudgetMax: rate, CommitmentHours: hours,
			CommitmentInterval: interval, Duration: duration, Currency: "USD", ExchangeRate: fx}
	}
	for _, tt := range []struct {
		name string
		p    Project
		want int64
	}{
		{"fixed USD: the maximum", Project{Type: TypeFixed, BudgetMin: 1500, BudgetMax: 3000, ExchangeRate: 1}, 3000},
		{"fixed INR", Project{Type: TypeFixed, BudgetMax: 75000, Currency: "INR", ExchangeRate: 0.013576}, 1018},
		{"fixed GBP", Project{Type: TypeFixed, BudgetMax: 400, Currency: "GBP", ExchangeRate: 1.368889}, 548},
		{"fixed, rate unknown", Project{Type: TypeFixed, BudgetMax: 3000}, 0},
		{"hourly, unspecified: 4 weeks", hourly(40, 20, "week", "unspecified", 1), 40 * 20 * 4},
		{"hourly, no duration: 4 weeks", hourly(40, 20, "week", "", 1), 40 * 20 * 4},
		{"hourly, under a week", hourly(40, 20, "week", "less_than_one_week", 1), 40 * 20},
		{"hourly, 1-4 weeks", hourly(40, 20, "week", "one_to_four_weeks", 1), 40 * 20 * 4},
		{"hourly, 1-3 months", hourly(25, 40, "week", "one_to_three_months", 1), 25 * 40 * 13},
		{"hourly, 3-6 months", hourly(25, 40, "week", "three_to_six_months", 1), 25 * 40 * 26},
		{"hourly, over 6 months", hourly(25, 40, "week", "over_six_months", 1), 25 * 40 * 26},
		{"hourly, per month", hourly(30, 130, "month", "one_to_four_weeks", 1), 30 * 30 * 4},
		{"hourly, per day", hourly(30, 4, "day", "one_to_four_weeks", 1), 30 * 20 * 4},
		{"hourly, no commitment: 10 h/week", hourly(30, 0, "", "", 1), 30 * 10 * 4},
		{"hourly, unknown interval: 10 h/week", hourly(30, 3, "fortnight", "", 1), 30 * 10 * 4},
		{"hourly GBP", hourly(15, 40, "week", "unspecified", 1.368889), 3285},
		{"hourly, rate unknown", hourly(15, 40, "week", "unspecified", 0), 0},
		{"type unstated", Project{BudgetMax: 3000, ExchangeRate: 1}, 0},
		{"no budget", Project{Type: TypeFixed, ExchangeRate: 1}, 0},
	} {
		if got := ProjectValueUSD(tt.p); got != tt.want {
			t.Errorf("%s: ProjectValueUSD = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestQualifies(t *testing.T) {
	t.Parallel()
	p := Project{Type: TypeFixed, BudgetMax: 500, ExchangeRate: 1}
	if !Qualifies(p, 500) || Qualifies(p, 501) {
		t.Error("500 must qualify at 500, not at 501")
	}
	if Qualifies(Project{Type: TypeFixed, BudgetMax: 9000}, 0) {
		t.Error("an unknown value qualified")
	}
}

func TestClosed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		p    Project
		want bool
	}{
		{Project{Status: "active", FrontendStatus: "open"}, false},
		{Project{}, false},
		{Project{Status: "closed", FrontendStatus: "complete"}, true},
		{Project{Status: "active", FrontendStatus: "work_in_progress"}, true},
		{Project{Status: "frozen"}, true},
		{Project{Status: "active", Deleted: true}, true},
	} {
		if got := tt.p.Closed(); got != tt.want {
			t.Errorf("%+v: Closed = %v", tt.p, got)
		}
	}
}
