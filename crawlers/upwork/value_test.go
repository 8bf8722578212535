package upwork

import (
	"strings"
	"testing"
)

func TestHoursPerWeek(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in    string
		hours int
		label string
	}{
		{"30+ hrs/week", 30, "30 h/week"},
		{"More than 30 hrs/week", 30, "30 h/week"},
		{"Less than 30 hrs/week", 20, "<30 h/week"},
		{"less than 10 hrs/week", 10, "<10 h/week"},
		{"Hours to be determined", 20, ""},
		{"", 20, ""},
		{"FULL_TIME", 30, "full-time"},
		{"PART_TIME", 20, "part-time"},
		{"999 hrs/week", 20, ""},
	} {
		h, l := HoursPerWeek(tc.in)
		if h != tc.hours || l != tc.label {
			t.Errorf("HoursPerWeek(%q) = %d %q, want %d %q", tc.in, h, l, tc.hours, tc.label)
		}
	}
}

func TestWeeks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		duration, label string
		weeks           int
		text            string
	}{
		{"", "Less than 1 week", 1, "<1 week"},
		{"MONTH", "Less than 1 month", 4, "<1 month"},
		{"QUARTER", "1 to 3 months", 13, "1–3 months"},
		{"SEMESTER", "3 to 6  months", 26, "3–6 months"},
		{"ONGOING", "", 26, "6+ months"},
		{"", "More than 6 months", 26, "6+ months"},
		{"QUARTER", "", 13, "1–3 months"},
		{"", "", 4, ""},
		{"DECADE", "a while", 4, ""},
	} {
		w, l := Weeks(tc.duration, tc.label)
		if w != tc.weeks || l != tc.text {
			t.Errorf("Weeks(%q, %q) = %d %q, want %d %q", tc.duration, tc.label, w, l, tc.weeks, tc.text)
		}
	}
}

func TestValueAndQualifies(t *testing.T) {
	t.Parallel()
	hourly := func(lo, hi float64, eng, dur string) Job {
		return Job{Title: "T", HourlyMin: lo, HourlyMax: hi, Engagement: eng, DurationLabel: dur}
	}
	for _, tc := range []struct {
		name    string
		job     Job
		usd     int64
		typ     string
		title   string
		qualify bool // at the default 500
	}{
		{"fixed 2K", Job{Title: "T", Amount: Money{Value: 2000, Currency: "USD"}}, 2000, TypeFixed, "Fixed $2K: T", true},
		{"fixed at the line", Job{Title: "T", Amount: Money{Value: 500}}, 500, TypeFixed, "Fixed $500: T", true},
		{"fixed under", Job{Title: "T", Amount: Money{Value: 499.49}}, 499, TypeFixed, "Fixed $499: T", false},
		{"fixed GBP", Job{Title: "T", Amount: Money{Value: 745, Currency: "GBP"}}, 1000, TypeFixed, "Fixed £745 ($1K): T", true},
		{"fixed unknown currency", Job{Title: "T", Amount: Money{Value: 9000, Currency: "XYZ"}}, 0, TypeFixed, "Fixed XYZ 9K: T", false},
		{"hourly full", hourly(40, 70, "30+ hrs/week", "3 to 6 months"), 70 * 30 * 26, TypeHourly,
			"Hourly $40–$70/h, 30 h/week, 3–6 months: T", true},
		{"hourly part, unknown duration", hourly(10, 15, "Less than 30 hrs/week", ""), 15 * 20 * 4, TypeHourly,
			"Hourly $10–$15/h, <30 h/week: T", true},
		{"hourly tiny", hourly(3, 5, "", "Less than 1 month"), 5 * 20 * 4, TypeHourly, "Hourly $3–$5/h, <1 month: T", false},
		{"hourly min only", hourly(25.5, 0, "", "Less than 1 week"), 510, TypeHourly, "Hourly $25.50/h, <1 week: T", true},
		{"hourly same rate", hourly(30, 30, "", ""), 2400, TypeHourly, "Hourly $30/h: T", true},
		{"no budget", Job{Title: "T"}, 0, "", "Budget not stated: T", false},
		{"huge rate capped", hourly(0, 1e12, "30+ hrs/week", "3 to 6 months"), maxValue, TypeHourly, "", true},
	} {
		e := Value(tc.job)
		if e.USD != tc.usd || e.Type != tc.typ || Qualifies(e, DefaultMinProjectUSD) != tc.qualify {
			t.Errorf("%s: value %d %q qualifies %v, want %d %q %v", tc.name, e.USD, e.Type, Qualifies(e, DefaultMinProjectUSD), tc.usd, tc.typ, tc.qualify)
		}
		if got := Title(tc.job, e); tc.title != "" && got != tc.title {
			t.Errorf("%s: title %q, want %q", tc.name, got, tc.title)
		}
	}
}

func TestClientKeyAndHireRate(t *testing.T) {
	t.Parallel()
	a := Job{ID: "1", Client: Client{TotalHires: 3, TotalPostedJobs: 4, TotalSpent: Money{Value: 900}, Country: "Spain"}}
	b := a
	b.ID, b.Client.TotalPostedJobs = "2", 5 // the same client after one more post
	if ka, kb := ClientKey(a), ClientKey(b); ka != kb || !strings.HasPrefix(ka, "fp-") || len(ka) != 15 {
		t.Errorf("keys %q, %q: want one fp- key", ka, kb)
	}
	c := a
	c.Client.Country = "Portugal"
	if ClientKey(c) == ClientKey(a) {
		t.Error("clients in different countries share a key")
	}
	if k := ClientKey(Job{ID: "77", Client: Client{TotalPostedJobs: 1, Country: "Spain"}}); k != "job-77" {
		t.Errorf("new client key %q, want job-77", k)
	}
	if r, ok := HireRate(a.Client); !ok || r != 0.75 {
		t.Errorf("hire rate %v %v", r, ok)
	}
	if _, ok := HireRate(Client{TotalHires: 2}); ok {
		t.Error("hire rate without posted jobs")
	}
	if r, _ := HireRate(Client{TotalHires: 9, TotalPostedJobs: 3}); r != 1 {
		t.Errorf("hire rate %v, want capped at 1", r)
	}
}

func TestJobURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ ct, id, want string }{
		{"~021861", "1", "https://www.upwork.com/jobs/~021861"},
		{"021861", "1", "https://www.upwork.com/jobs/~021861"},
		{"", "1861", "https://www.upwork.com/jobs/~1861"},
		{"~a/b c", "1", "https://www.upwork.com/jobs/~a%2Fb%20c"},
	} {
		if got := JobURL(Job{ID: tc.id, Ciphertext: tc.ct}); got != tc.want {
			t.Errorf("JobURL(%q, %q) = %q, want %q", tc.ct, tc.id, got, tc.want)
		}
	}
}
