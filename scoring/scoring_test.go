package scoring

import (
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func daysAgo(d int) time.Time { return now.AddDate(0, 0, -d) }

func TestCompute(t *testing.T) {
	w := DefaultWeights()
	tests := []struct {
		name      string
		f         Features
		wantTotal int
		wantParts []string
		wantIn    string
	}{
		{"NoFunding", Features{}, 0, nil, ""},
		{"DoNotContact", Features{LastFundingUSD: 5e6, LastFundingAt: daysAgo(1), DoNotContact: true}, 0, nil, ""},
		{"CeilingToday", Features{LastFundingUSD: 2e8, LastFundingAt: now, LastFundingSource: "Form D"}, 100, []string{PartFunding, PartRecency}, "Raised $200M (Form D, today)"},
		{"SeriesA12Days", Features{LastFundingUSD: 7_500_000, LastFundingAt: daysAgo(12), LastFundingSource: "Form D", EvidenceURL: "https://x/1"}, 76, []string{PartFunding, PartRecency}, "Raised $7.5M (Form D, 12 days ago)"},
		{"TinyOldRaise", Features{LastFundingUSD: 40_000, LastFundingAt: daysAgo(900), LastFundingSource: "Form D"}, 0, nil, ""},
		{"FutureDateCountsAsToday", Features{LastFundingUSD: 1e6, LastFundingAt: now.AddDate(0, 0, 3), LastFundingSource: "Form D"}, 64, []string{PartRecency, PartFunding}, "today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(tt.f, w, now)
			if s.Total != tt.wantTotal {
				t.Errorf("total = %d, want %d (parts %+v)", s.Total, tt.wantTotal, s.Parts)
			}
			if len(s.Parts) != len(tt.wantParts) {
				t.Fatalf("parts = %+v, want names %v", s.Parts, tt.wantParts)
			}
			for i, name := range tt.wantParts {
				if s.Parts[i].Name != name {
					t.Errorf("part %d = %q, want %q", i, s.Parts[i].Name, name)
				}
				if s.Parts[i].EvidenceURL != tt.f.EvidenceURL {
					t.Errorf("part %d evidence = %q, want %q", i, s.Parts[i].EvidenceURL, tt.f.EvidenceURL)
				}
			}
			if tt.wantIn != "" && !strings.Contains(s.Parts[0].Reason, tt.wantIn) {
				t.Errorf("reason %q does not contain %q", s.Parts[0].Reason, tt.wantIn)
			}
			if s.Version != Version || !s.ComputedAt.Equal(now) {
				t.Errorf("version/time = %q %v", s.Version, s.ComputedAt)
			}
		})
	}
}

func TestMoreMoneyNeverScoresLower(t *testing.T) {
	w := DefaultWeights()
	for _, age := range []int{0, 12, 90, 400} {
		prev := -1
		for usd := int64(1_000); usd <= 10_000_000_000; usd = usd * 13 / 10 {
			s := Compute(Features{LastFundingUSD: usd, LastFundingAt: daysAgo(age)}, w, now)
			if s.Total < prev {
				t.Fatalf("age %d: $%d scored %d, less than a smaller raise (%d)", age, usd, s.Total, prev)
			}
			prev = s.Total
		}
	}
}

func TestOlderNeverScoresHigher(t *testing.T) {
	w := DefaultWeights()
	for _, usd := range []int64{60_000, 1_000_000, 7_500_000, 500_000_000} {
		prev := 101
		for age := 0; age <= 2000; age += 3 {
			s := Compute(Features{LastFundingUSD: usd, LastFundingAt: daysAgo(age)}, w, now)
			if s.Total > prev {
				t.Fatalf("$%d: %d days old scored %d, more than when newer (%d)", usd, age, s.Total, prev)
			}
			prev = s.Total
		}
	}
}

func TestHalfLife(t *testing.T) {
	w := DefaultWeights()
	fresh := recencyPoints(0, w)
	half := recencyPoints(w.HalfLifeDays, w)
	if fresh != w.RecencyPoints || half != w.RecencyPoints/2 {
		t.Fatalf("recency today %.2f, after one half-life %.2f; want %.2f and %.2f", fresh, half, w.RecencyPoints, w.RecencyPoints/2)
	}
}

func TestTotalStaysInRange(t *testing.T) {
	w := DefaultWeights()
	w.FundingPoints, w.RecencyPoints = 90, 90
	s := Compute(Features{LastFundingUSD: 1e12, LastFundingAt: now}, w, now)
	if s.Total != 100 {
		t.Fatalf("total = %d, want capped at 100", s.Total)
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[int64]string{950: "$950", 12_500: "$12.5k", 7_500_000: "$7.5M", 1_029_908: "$1M", 250_000_000: "$250M", 1_200_000_000: "$1.2B"} {
		if got := Money(in); got != want {
			t.Errorf("Money(%d) = %q, want %q", in, got, want)
		}
	}
}
