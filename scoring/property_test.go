package scoring

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// randomFeatures makes a random but plausible company: each group of
// features is present about half the time, amounts are spread over several
// orders of magnitude and dates run from a few days in the future to years
// ago.
func randomFeatures(r *rand.Rand) Features {
	usd := func(lo, hi float64) int64 {
		return int64(math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo))))
	}
	when := func() time.Time {
		if r.IntN(8) == 0 {
			return time.Time{}
		}
		return ago(r.Float64()*1100 - 10)
	}
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	some := func() bool { return r.IntN(2) == 0 }
	var f Features
	f.DoNotContact = r.IntN(10) == 0
	f.Won = r.IntN(10) == 0
	if r.IntN(5) == 0 {
		f.LostAt = when()
	}
	if some() {
		f.RoundUSD = usd(1_000, 2e9)
		f.RoundAt = when()
		f.RoundName = pick("", "Pre-seed", "Seed", "Series A", "Series B", "Series C", "series e", "Growth", "Debt", "Grant", "Undisclosed", "Convertible Note")
		f.RoundSources = []string{pick("Form D", "TechCrunch", "Crunchbase")}
		if some() {
			f.TotalRaisedUSD = f.RoundUSD + usd(1, 1e9)
		}
		f.PooledFund = r.IntN(8) == 0
	}
	if some() {
		f.Industry = pick("Other Technology", "Computers", "Commercial", "REITS and Finance", "Pooled Investment Fund", "Other Health Care", "Restaurants", "Biotechnology", "Other")
	}
	if some() {
		f.Categories = []string{pick("AI", "Retail", "B2B", "Consumer", "Fintech", "Real Estate")}
	}
	if r.IntN(4) == 0 {
		f.YCBatch = pick("W25", "S24")
	}
	if some() {
		f.Marketplace = pick("Freelancer.com", "Upwork")
		f.LargestProjectUSD = usd(50, 200_000)
		f.MedianProjectUSD = f.LargestProjectUSD / int64(1+r.IntN(5))
		if some() {
			f.HourlyProjectUSD = usd(100, 100_000)
		}
		if some() {
			f.ClientSpendUSD = usd(100, 1e6)
		}
		f.Projects = r.IntN(20)
		f.Projects90d = r.IntN(6)
		f.Projects30d = r.IntN(f.Projects90d + 1)
		f.Min30dUSD = f.MedianProjectUSD
		f.Max30dUSD = f.LargestProjectUSD
		f.Sum30dUSD = int64(f.Projects30d) * f.MedianProjectUSD
		f.LastProjectAt = when()
		f.PaymentVerified = some()
		f.HireRate = r.Float64()
		f.Reviews = r.IntN(50)
		f.Hires = r.IntN(30)
	}
	if some() {
		f.HiringPosts = r.IntN(10)
		f.EngineeringPosts = r.IntN(f.HiringPosts + 1)
		f.YCHiring = r.IntN(4) == 0
		f.LastHiringAt = when()
	}
	if some() {
		f.LastSignalAt = when()
		f.LastSignalSource = "Form D"
	}
	return f
}

const propertyRuns = 2000

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	w := DefaultWeights()
	timeBound := []string{PartFunding, PartProjectSize, PartHiring, PartRecency}
	for i := range propertyRuns {
		f := randomFeatures(r)
		s := Compute(f, w, goldenNow)

		if s.Total < 0 || s.Total > 100 {
			t.Fatalf("#%d: total %d outside 0–100: %+v", i, s.Total, f)
		}
		if s.Parts == nil {
			t.Fatalf("#%d: nil Parts", i)
		}
		if sum := sumParts(s); sum >= 0 && sum <= 100 && math.Abs(sum-float64(s.Total)) > 0.5+1e-9 {
			t.Fatalf("#%d: parts sum to %.2f, total %d", i, sum, s.Total)
		}
		if !slices.IsSortedFunc(s.Parts, func(a, b Part) int { return -cmpFloat(a.Points, b.Points) }) {
			t.Fatalf("#%d: parts not sorted by points: %+v", i, s.Parts)
		}
		for _, p := range s.Parts {
			if math.Abs(p.Points) < 0.05 {
				t.Fatalf("#%d: empty part kept: %+v", i, p)
			}
			if p.Name != PartPenalty && p.Points > 0 && p.Reason == "" {
				t.Fatalf("#%d: %s has %.1f points and no reason", i, p.Name, p.Points)
			}
			if p.Name != PartPenalty && p.Points < 0 || p.Name == PartPenalty && p.Points > 0 {
				t.Fatalf("#%d: %s has %.1f points", i, p.Name, p.Points)
			}
		}
		if f.DoNotContact && (s.Total != 0 || s.EstimatedProjectUSD != 0 || s.EstimateBasis != "") {
			t.Fatalf("#%d: do-not-contact scored %d with estimate %d %q", i, s.Total, s.EstimatedProjectUSD, s.EstimateBasis)
		}
		if (s.EstimatedProjectUSD == 0) != (s.EstimateBasis == "") {
			t.Fatalf("#%d: estimate %d with basis %q", i, s.EstimatedProjectUSD, s.EstimateBasis)
		}

		// More money never lowers Funding.
		more := f
		more.RoundUSD = f.RoundUSD + 1 + int64(r.Float64()*float64(f.RoundUSD+1_000_000))
		if a, b := PointsAt(f, w, goldenNow, PartFunding), PointsAt(more, w, goldenNow, PartFunding); b < a {
			t.Fatalf("#%d: raising $%d scores %.1f, raising $%d scores %.1f", i, f.RoundUSD, a, more.RoundUSD, b)
		}

		// Later never raises a time-bound part.
		later := goldenNow.Add(time.Duration(r.Float64() * 400 * 24 * float64(time.Hour)))
		sl := Compute(f, w, later)
		for _, name := range timeBound {
			a, _ := part(s, name)
			b, _ := part(sl, name)
			if b.Points > a.Points {
				t.Fatalf("#%d: %s is %.1f now and %.1f at %v", i, name, a.Points, b.Points, later)
			}
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
