package scoring

import (
	"math"
	"strings"
	"testing"
	"time"
)

// part returns the part named name, if the score has it.
func part(s Score, name string) (Part, bool) {
	for _, p := range s.Parts {
		if p.Name == name {
			return p, true
		}
	}
	return Part{}, false
}

// partCase is one table row: features, the part they should (not) produce,
// its points range and its exact reason.
type partCase struct {
	name     string
	f        Features
	absent   bool
	min, max float64
	reason   string
	url      string // evidence link, when checked
}

func runParts(t *testing.T, partName string, w Weights, cases []partCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := Compute(tc.f, w, goldenNow)
			p, ok := part(s, partName)
			if tc.absent {
				if ok {
					t.Fatalf("%s part %+v, want none", partName, p)
				}
				return
			}
			if !ok {
				t.Fatalf("no %s part; parts %+v", partName, s.Parts)
			}
			if p.Points < tc.min || p.Points > tc.max {
				t.Errorf("points = %.1f, want %.1f–%.1f", p.Points, tc.min, tc.max)
			}
			if p.Reason != tc.reason {
				t.Errorf("reason\n got %q\nwant %q", p.Reason, tc.reason)
			}
			if tc.url != "" && p.EvidenceURL != tc.url {
				t.Errorf("evidence = %q, want %q", p.EvidenceURL, tc.url)
			}
		})
	}
}

func TestFunding(t *testing.T) {
	seriesA := Features{RoundUSD: 7_500_000, RoundAt: ago(12), RoundName: "Series A", RoundSources: []string{"TechCrunch", "Form D"}, RoundURL: "https://tc/a"}
	with := func(f Features, edit func(*Features)) Features { edit(&f); return f }
	runParts(t, PartFunding, DefaultWeights(), []partCase{
		{name: "SeriesA", f: seriesA, min: 25, max: 28, reason: "Raised $7.5M Series A 12 days ago (TechCrunch, Form D)", url: "https://tc/a"},
		{name: "UnknownRoundName", f: with(seriesA, func(f *Features) { f.RoundName = ""; f.RoundSources = []string{"Form D"} }),
			min: 25, max: 28, reason: "Raised $7.5M 12 days ago (Form D)"},
		{name: "Undisclosed", f: with(seriesA, func(f *Features) { f.RoundName = "Undisclosed" }),
			min: 25, max: 28, reason: "Raised $7.5M 12 days ago (TechCrunch, Form D)"},
		{name: "TotalRaised", f: with(seriesA, func(f *Features) { f.TotalRaisedUSD = 20_000_000 }),
			min: 27, max: 29, reason: "Raised $7.5M Series A 12 days ago (TechCrunch, Form D); $20M raised in total"},
		{name: "TotalNotLarger", f: with(seriesA, func(f *Features) { f.TotalRaisedUSD = 7_500_000 }),
			min: 25, max: 28, reason: "Raised $7.5M Series A 12 days ago (TechCrunch, Form D)"},
		{name: "SeriesCLate", f: with(seriesA, func(f *Features) { f.RoundName = "series c" }),
			min: 16, max: 18, reason: "Raised $7.5M series c 12 days ago (TechCrunch, Form D)"},
		{name: "DebtRound", f: with(seriesA, func(f *Features) { f.RoundName = "Debt" }),
			min: 11, max: 13, reason: "Raised $7.5M Debt 12 days ago (TechCrunch, Form D)"},
		{name: "Ceiling", f: with(seriesA, func(f *Features) {
			f.RoundUSD = 900_000_000
			f.RoundAt = goldenNow
			f.RoundSources = nil
			f.RoundName = ""
		}),
			min: 42, max: 42, reason: "Raised $900M today"},
		{name: "FutureCountsAsToday", f: with(seriesA, func(f *Features) {
			f.RoundUSD = 900_000_000
			f.RoundAt = goldenNow.AddDate(0, 0, 3)
			f.RoundSources = nil
			f.RoundName = ""
		}),
			min: 42, max: 42, reason: "Raised $900M today"},
		{name: "OneHalfLife", f: with(seriesA, func(f *Features) {
			f.RoundUSD = 900_000_000
			f.RoundAt = ago(90)
			f.RoundSources = nil
			f.RoundName = ""
		}),
			min: 21, max: 21, reason: "Raised $900M 90 days ago"},
		{name: "AtFloor", f: with(seriesA, func(f *Features) { f.RoundUSD = 100_000 }), absent: true},
		{name: "NoDate", f: with(seriesA, func(f *Features) { f.RoundAt = time.Time{} }), absent: true},
		{name: "NoAmount", f: with(seriesA, func(f *Features) { f.RoundUSD = 0 }), absent: true},
		{name: "ThreeYearsOld", f: with(seriesA, func(f *Features) { f.RoundAt = ago(1100) }), absent: true},
	})
}

func TestRoundFactors(t *testing.T) {
	w := DefaultWeights()
	w.TotalRaisedPoints = 0
	at := func(name string) float64 {
		return PointsAt(Features{RoundUSD: 900_000_000, RoundAt: goldenNow, RoundName: name}, w, goldenNow, PartFunding)
	}
	for name, want := range map[string]float64{
		"Seed": 35, "Pre-seed": 35, "Series A": 35, "Series B": 35, "": 35, "Undisclosed": 35,
		"Series C": 21, "series d": 21, "Growth": 21, "Private Equity": 21,
		"Debt": 12.3, "Loan": 12.3, "grant": 12.3, "Convertible Note": 12.3,
	} {
		if got := at(name); got != want {
			t.Errorf("%q: funding %.1f, want %.1f", name, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for name, want := range map[string]roundClass{
		"Pre-seed": roundSeed, "pre seed": roundSeed, "SEED": roundSeed, "Angel": roundSeed, "Seed round": roundSeed,
		"Series A": roundAB, "series b": roundAB, "": roundAB, "Undisclosed": roundAB, "Venture": roundAB, "Series": roundAB,
		"Series C": roundLate, "Series D": roundLate, "series f": roundLate, "Growth": roundLate, "growth equity": roundLate,
		"Private Equity": roundLate, "Post-IPO": roundLate,
		"Debt": roundDebt, "Venture Debt": roundDebt, "loan": roundDebt, "Grant": roundDebt, "Convertible Note": roundDebt,
		"Series B debt": roundDebt,
	} {
		if got := classify(name); got != want {
			t.Errorf("classify(%q) = %d, want %d", name, got, want)
		}
	}
}

func TestRDFit(t *testing.T) {
	runParts(t, PartRDFit, DefaultWeights(), []partCase{
		{name: "TechIndustry", f: Features{Industry: "Other Technology", FitURL: "https://sec/1"}, min: 20, max: 20,
			reason: `Builds technology: Form D industry "Other Technology"`, url: "https://sec/1"},
		{name: "Computers", f: Features{Industry: "computers"}, min: 20, max: 20, reason: `Builds technology: Form D industry "computers"`},
		{name: "Biotech", f: Features{Industry: "Biotechnology"}, min: 20, max: 20, reason: `Builds technology: Form D industry "Biotechnology"`},
		{name: "Pharma", f: Features{Industry: "Pharmaceuticals"}, min: 20, max: 20, reason: `Builds technology: Form D industry "Pharmaceuticals"`},
		{name: "Telecom", f: Features{Industry: "Telecommunications"}, min: 20, max: 20, reason: `Builds technology: Form D industry "Telecommunications"`},
		{name: "YCAndCategories", f: Features{YCBatch: "W25", Categories: []string{"B2B", "Artificial Intelligence"}}, min: 20, max: 20,
			reason: "Builds technology: YC W25; categories B2B, Artificial Intelligence"},
		{name: "YCOnly", f: Features{YCBatch: "S24"}, min: 20, max: 20, reason: "Builds technology: YC S24"},
		{name: "OnlyTechCategoriesListed", f: Features{Categories: []string{"Consumer", "Fintech", "Fintech", "developer tools"}}, min: 20, max: 20,
			reason: "Builds technology: categories Fintech, developer tools"},
		{name: "AIInRetailIsNotAI", f: Features{Categories: []string{"Retail", "Maintenance", "Email Marketing", "Trail Gear"}}, absent: true},
		{name: "NotTechWords", f: Features{Categories: []string{"Office Space", "Mobile Home Parks", "Real Estate", "Consumer"}}, absent: true},
		{name: "ARVR", f: Features{Categories: []string{"AR/VR"}}, min: 20, max: 20, reason: "Builds technology: categories AR/VR"},
		{name: "AIWord", f: Features{Categories: []string{"Retail", "AI/ML"}}, min: 20, max: 20, reason: "Builds technology: categories AI/ML"},
		{name: "UnknownTechIndustry", f: Features{Industry: "Software"}, min: 20, max: 20, reason: `Builds technology: Form D industry "Software"`},
		{name: "HealthCarePartial", f: Features{Industry: "Other Health Care"}, min: 9, max: 11, reason: `Possibly technology: Form D industry "Other Health Care"`},
		{name: "HealthInsurancePartial", f: Features{Industry: "Health Insurance"}, min: 5, max: 7, reason: `Possibly technology: Form D industry "Health Insurance"`},
		{name: "PartialIndustryWithTechCategory", f: Features{Industry: "Other Health Care", Categories: []string{"HealthTech"}}, min: 20, max: 20,
			reason: "Builds technology: categories HealthTech"},
		{name: "PooledFundIndustry", f: Features{Industry: "Pooled Investment Fund"}, absent: true},
		{name: "PooledFundNeverFits", f: Features{PooledFund: true, Categories: []string{"Fintech"}}, absent: true},
		{name: "REIT", f: Features{Industry: "REITS and Finance"}, absent: true},
		{name: "OtherRealEstate", f: Features{Industry: "Other Real Estate"}, absent: true},
		{name: "Commercial", f: Features{Industry: "Commercial"}, absent: true},
		{name: "Restaurants", f: Features{Industry: "Restaurants"}, absent: true},
		{name: "OilAndGas", f: Features{Industry: "Oil and Gas"}, absent: true},
		{name: "Nothing", f: Features{}, absent: true},
		{name: "MarketplaceClient", f: Features{Marketplace: "Upwork", LastProjectURL: "https://upwork/1"}, min: 8, max: 8,
			reason: "Buys software work on Upwork", url: "https://upwork/1"},
		{name: "MarketplaceNonTechIndustry", f: Features{Marketplace: "Upwork", Industry: "Restaurants"}, min: 8, max: 8,
			reason: "Buys software work on Upwork"},
		{name: "MarketplaceTechCategory", f: Features{Marketplace: "Upwork", Categories: []string{"SaaS"}}, min: 20, max: 20,
			reason: "Builds technology: categories SaaS"},
	})
}

// client is a verified Freelancer.com client with three $5k projects.
var client = Features{
	Marketplace: "Freelancer.com", LargestProjectUSD: 5_000, MedianProjectUSD: 4_000,
	Projects: 4, Projects90d: 3, Projects30d: 3, LastProjectAt: ago(2), LastProjectURL: "https://fl/3",
	PaymentVerified: true, HireRate: 0.8, Reviews: 12,
}

func TestProjectSize(t *testing.T) {
	with := func(edit func(*Features)) Features { f := client; edit(&f); return f }
	runParts(t, PartProjectSize, DefaultWeights(), []partCase{
		{name: "ThreeProjects", f: client, min: 14, max: 18, url: "https://fl/3",
			reason: "3 projects over $500 in 90 days on Freelancer.com, largest $5k, median $4k; last posted 2 days ago"},
		{name: "OneProject", f: with(func(f *Features) { f.Projects90d = 1; f.MedianProjectUSD = 5_000 }), min: 10, max: 13,
			reason: "1 project over $500 in 90 days on Freelancer.com, largest $5k; last posted 2 days ago"},
		{name: "Hourly", f: with(func(f *Features) { f.HourlyProjectUSD = 30_000; f.ClientSpendUSD = 80_000 }), min: 28, max: 32,
			reason: "3 projects over $500 in 90 days on Freelancer.com, largest $5k, median $4k, hourly work worth $30k, client spent $80k; last posted 2 days ago"},
		{name: "Ceiling", f: with(func(f *Features) {
			f.LargestProjectUSD, f.MedianProjectUSD, f.ClientSpendUSD, f.LastProjectAt = 60_000, 60_000, 60_000, goldenNow
		}), min: 40, max: 40, reason: "3 projects over $500 in 90 days on Freelancer.com, largest $60k, client spent $60k; last posted today"},
		{name: "NoneIn90Days", f: with(func(f *Features) { f.Projects90d = 0; f.LastProjectAt = ago(120) }), min: 0.1, max: 1,
			reason: "Projects over $500 on Freelancer.com, largest $5k, median $4k; last posted 120 days ago"},
		{name: "NoDate", f: with(func(f *Features) { f.LastProjectAt = time.Time{} }), min: 14, max: 18,
			reason: "3 projects over $500 in 90 days on Freelancer.com, largest $5k, median $4k"},
		{name: "UnderThreshold", f: with(func(f *Features) { f.LargestProjectUSD, f.MedianProjectUSD = 450, 300 }), absent: true},
		{name: "NotAMarketplaceClient", f: with(func(f *Features) { f.Marketplace = "" }), absent: true},
	})
	// More qualifying projects count more, up to three.
	pts := func(n int) float64 {
		return PointsAt(Features{Marketplace: "Upwork", LargestProjectUSD: 5_000, Projects90d: n, LastProjectAt: goldenNow}, DefaultWeights(), goldenNow, PartProjectSize)
	}
	if !(pts(1) < pts(2) && pts(2) < pts(3) && pts(3) == pts(7)) {
		t.Errorf("points by projects in 90 days: 1→%.1f 2→%.1f 3→%.1f 7→%.1f; want rising, saturating at 3", pts(1), pts(2), pts(3), pts(7))
	}
}

func TestClientQuality(t *testing.T) {
	with := func(edit func(*Features)) Features { f := client; edit(&f); return f }
	runParts(t, PartClientQuality, DefaultWeights(), []partCase{
		{name: "Good", f: client, min: 9, max: 10.5, url: "https://fl/3",
			reason: "Payment verified, hires 80% of the time, 12 reviews, posted 4 projects"},
		{name: "Best", f: with(func(f *Features) { f.HireRate, f.Reviews, f.Hires, f.Projects = 1, 40, 20, 9 }), min: 12, max: 12,
			reason: "Payment verified, hires 100% of the time, 40 reviews, 20 hires, posted 9 projects"},
		{name: "Unverified", f: with(func(f *Features) {
			f.PaymentVerified = false
			f.HireRate = 0.5
			f.Reviews = 1
			f.Hires = 1
			f.Projects = 1
		}),
			min: 1, max: 3, reason: "Payment not verified, hires 50% of the time, 1 review, 1 hire, posted 1 project"},
		{name: "VerifiedOnly", f: Features{Marketplace: "Upwork", PaymentVerified: true}, min: 4.2, max: 4.2, reason: "Payment verified"},
		{name: "NothingKnown", f: Features{Marketplace: "Upwork", Projects: 1}, absent: true},
		{name: "NotAMarketplaceClient", f: with(func(f *Features) { f.Marketplace = "" }), absent: true},
	})
}

func TestHiring(t *testing.T) {
	runParts(t, PartHiring, DefaultWeights(), []partCase{
		{name: "Engineers", f: Features{HiringPosts: 2, EngineeringPosts: 2, LastHiringAt: ago(10), HiringURL: "https://news.ycombinator.com/item?id=1"},
			min: 6, max: 7, reason: "2 engineering job posts, last 10 days ago (Hacker News)", url: "https://news.ycombinator.com/item?id=1"},
		{name: "OneEngineer", f: Features{HiringPosts: 1, EngineeringPosts: 1, LastHiringAt: goldenNow},
			min: 5, max: 5, reason: "1 engineering job post, last one today"},
		{name: "Mixed", f: Features{HiringPosts: 3, EngineeringPosts: 1, LastHiringAt: ago(1), HiringURL: "https://www.linkedin.com/jobs/1"},
			min: 6, max: 7, reason: "1 engineering job post and 2 other, last 1 day ago (LinkedIn)"},
		{name: "OtherOnly", f: Features{HiringPosts: 1, LastHiringAt: goldenNow, HiringURL: "https://jobs.example.com/x"},
			min: 2, max: 2.2, reason: "1 job post, last one today (jobs.example.com)"},
		{name: "YCOnlyNoDecay", f: Features{YCHiring: true}, min: 3, max: 3, reason: "Listed as hiring on YC"},
		{name: "PostsAndYC", f: Features{HiringPosts: 3, EngineeringPosts: 3, YCHiring: true, LastHiringAt: goldenNow},
			min: 9, max: 9.5, reason: "3 engineering job posts, last one today; listed as hiring on YC"},
		{name: "HalfLife", f: Features{HiringPosts: 1, EngineeringPosts: 1, LastHiringAt: ago(45)},
			min: 2.5, max: 2.5, reason: "1 engineering job post, last 45 days ago"},
		{name: "NoPosts", f: Features{LastHiringAt: ago(3)}, absent: true},
	})
	eng := PointsAt(Features{HiringPosts: 1, EngineeringPosts: 1}, DefaultWeights(), goldenNow, PartHiring)
	other := PointsAt(Features{HiringPosts: 1}, DefaultWeights(), goldenNow, PartHiring)
	if eng <= other {
		t.Errorf("an engineering post gives %.1f, another post %.1f; want engineering higher", eng, other)
	}
}

func TestRecency(t *testing.T) {
	runParts(t, PartRecency, DefaultWeights(), []partCase{
		{name: "ThreeDays", f: Features{LastSignalAt: ago(3), LastSignalSource: "Form D", LastSignalURL: "https://sec/2"},
			min: 6.8, max: 7, reason: "Newest evidence 3 days ago (Form D)", url: "https://sec/2"},
		{name: "Today", f: Features{LastSignalAt: goldenNow}, min: 8, max: 8, reason: "Newest evidence today"},
		{name: "OneHalfLife", f: Features{LastSignalAt: ago(14), LastSignalSource: "Upwork"}, min: 4, max: 4, reason: "Newest evidence 14 days ago (Upwork)"},
		{name: "TooOld", f: Features{LastSignalAt: ago(120)}, absent: true},
		{name: "Never", f: Features{}, absent: true},
	})
}

func TestPenalties(t *testing.T) {
	runParts(t, PartPenalty, DefaultWeights(), []partCase{
		{name: "Lost", f: Features{LostAt: ago(20)}, min: -30, max: -30, reason: "Lost 20 days ago"},
		{name: "LostLongAgo", f: Features{LostAt: ago(181)}, absent: true},
		{name: "Won", f: Features{Won: true}, min: -50, max: -50, reason: "Already a customer"},
		{name: "Pooled", f: Features{PooledFund: true, PooledURL: "https://sec/fund"}, min: -40, max: -40, reason: "Pooled investment fund", url: "https://sec/fund"},
		{name: "LostAndWon", f: Features{LostAt: ago(1), Won: true}, min: -80, max: -80, reason: "Lost 1 day ago; Already a customer"},
		{name: "None", f: Features{}, absent: true},
	})
}

func TestDoNotContact(t *testing.T) {
	f := Features{
		DoNotContact: true, RoundUSD: 15_000_000, RoundAt: ago(3), RoundName: "Series A", Categories: []string{"Robotics"},
		LastSignalAt: ago(3), Won: true, Marketplace: "Upwork", LargestProjectUSD: 20_000, Sum30dUSD: 20_000,
	}
	s := Compute(f, DefaultWeights(), goldenNow)
	if s.Total != 0 || s.EstimatedProjectUSD != 0 || s.EstimateBasis != "" {
		t.Fatalf("total %d, estimate %d %q; want 0, 0, \"\"", s.Total, s.EstimatedProjectUSD, s.EstimateBasis)
	}
	last := s.Parts[len(s.Parts)-1]
	if last.Name != PartPenalty || last.Reason != "Do-not-contact: never called or exported" {
		t.Fatalf("last part %+v, want the do-not-contact penalty", last)
	}
	if sum := sumParts(s); math.Abs(sum) > 1e-9 {
		t.Errorf("parts sum to %g, want 0: %+v", sum, s.Parts)
	}
	if len(s.Parts) < 3 {
		t.Errorf("parts %+v: want the other parts kept, so the salesperson sees what was there", s.Parts)
	}
	if s := Compute(Features{DoNotContact: true}, DefaultWeights(), goldenNow); s.Total != 0 || len(s.Parts) != 0 || s.Parts == nil {
		t.Errorf("do-not-contact with nothing known: %+v, want total 0 and an empty, non-nil Parts", s)
	}
}

func TestScoreShape(t *testing.T) {
	s := Compute(Features{}, DefaultWeights(), goldenNow)
	if s.Parts == nil || len(s.Parts) != 0 || s.Total != 0 || s.Version != Version || !s.ComputedAt.Equal(goldenNow) {
		t.Fatalf("empty features: %+v", s)
	}
	s = Compute(goldenCompanies[0].f, DefaultWeights(), goldenNow)
	for _, p := range s.Parts {
		if p.Points != round1(p.Points) {
			t.Errorf("%s points %v not rounded to 0.1", p.Name, p.Points)
		}
		wantHL := map[string]float64{PartFunding: 90, PartProjectSize: 21, PartHiring: 45, PartRecency: 14}[p.Name]
		if p.HalfLifeDays != wantHL {
			t.Errorf("%s half-life %v, want %v", p.Name, p.HalfLifeDays, wantHL)
		}
	}
	// Capped at 100.
	w := DefaultWeights()
	w.FundingPoints, w.RDFitPoints = 100, 100
	if s := Compute(Features{RoundUSD: 1e9, RoundAt: goldenNow, Industry: "Computers"}, w, goldenNow); s.Total != 100 {
		t.Errorf("total %d, want capped at 100", s.Total)
	}
}

func TestEstimate(t *testing.T) {
	w := DefaultWeights()
	tests := []struct {
		name  string
		f     Features
		usd   int64
		basis string
	}{
		{"SeriesA", Features{RoundUSD: 7_500_000, RoundAt: ago(12), RoundName: "Series A"}, 380_000,
			"~$380k: 5% of a $7.5M Series A (rounds that fund building spend part on outside software work)"},
		{"SeedCapped", Features{RoundUSD: 8_000_000, RoundAt: ago(5), RoundName: "Seed"}, 500_000,
			"~$500k: 8% of an $8M Seed round is $640k, capped at $500k (rounds that fund building spend part on outside software work)"},
		{"UnknownRound", Features{RoundUSD: 2_000_000, RoundAt: ago(5)}, 100_000,
			"~$100k: 5% of a $2M round (rounds that fund building spend part on outside software work)"},
		{"Late", Features{RoundUSD: 11_000_000, RoundAt: ago(5), RoundName: "Series D"}, 220_000,
			"~$220k: 2% of an $11M Series D (rounds that fund building spend part on outside software work)"},
		{"Debt", Features{RoundUSD: 3_000_000, RoundAt: ago(5), RoundName: "Venture Debt"}, 30_000,
			"~$30k: 1% of a $3M Venture Debt round (rounds that fund building spend part on outside software work)"},
		{"TooOld", Features{RoundUSD: 7_500_000, RoundAt: ago(366), RoundName: "Series A"}, 0, ""},
		{"PooledFund", Features{RoundUSD: 7_500_000, RoundAt: ago(3), PooledFund: true}, 0, ""},
		{"Nothing", Features{}, 0, ""},
		{"Sum30d", Features{Marketplace: "Upwork", LargestProjectUSD: 25_000, MedianProjectUSD: 20_000, Projects90d: 2,
			Projects30d: 2, Min30dUSD: 15_000, Max30dUSD: 25_000, Sum30dUSD: 40_000}, 40_000,
			"~$40k: 2 projects of $15k–$25k posted in 30 days"},
		{"SameBudgets", Features{Marketplace: "Upwork", LargestProjectUSD: 5_000, Projects30d: 3, Min30dUSD: 5_000, Max30dUSD: 5_000, Sum30dUSD: 15_000}, 15_000,
			"~$15k: 3 projects of $5k posted in 30 days"},
		{"Median90d", Features{Marketplace: "Upwork", LargestProjectUSD: 9_000, MedianProjectUSD: 4_000, Projects90d: 5, Sum30dUSD: 4_000,
			Projects30d: 1, Min30dUSD: 4_000, Max30dUSD: 4_000}, 20_000,
			"~$20k: 5 projects in 90 days at a median of $4k"},
		{"Largest", Features{Marketplace: "Freelancer.com", LargestProjectUSD: 12_345, MedianProjectUSD: 12_345, Projects90d: 1}, 12_000,
			"~$12k: largest project on Freelancer.com"},
		{"Hourly", Features{Marketplace: "Upwork", LargestProjectUSD: 2_000, HourlyProjectUSD: 36_000}, 36_000,
			"~$36k: largest hourly project on Upwork (rate × hours × weeks)"},
		{"LargerOfBoth", Features{Marketplace: "Upwork", LargestProjectUSD: 60_000, RoundUSD: 1_000_000, RoundAt: ago(5), RoundName: "Seed"}, 80_000,
			"~$80k: 8% of a $1M Seed round (rounds that fund building spend part on outside software work)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(tt.f, w, goldenNow)
			if s.EstimatedProjectUSD != tt.usd || s.EstimateBasis != tt.basis {
				t.Errorf("estimate %d %q\n want %d %q", s.EstimatedProjectUSD, s.EstimateBasis, tt.usd, tt.basis)
			}
		})
	}
}

func TestRound2(t *testing.T) {
	for in, want := range map[float64]int64{0: 0, -5: 0, 7: 7, 12.4: 12, 375_000: 380_000, 12_345: 12_000, 999: 1_000, 1_049_999: 1_000_000, 640_000: 640_000} {
		if got := round2(in); got != want {
			t.Errorf("round2(%v) = %d, want %d", in, got, want)
		}
	}
}

func TestArticle(t *testing.T) {
	for amount, want := range map[string]string{"$8M": "an", "$11k": "an", "$18.5M": "an", "$80M": "an", "$800k": "an", "$1.5M": "a", "$110M": "a", "$7.5M": "a", "$950": "a"} {
		if got := article(amount); got != want {
			t.Errorf("article(%q) = %q, want %q", amount, got, want)
		}
	}
}

func TestPointsAt(t *testing.T) {
	w := DefaultWeights()
	f := Features{RoundUSD: 900_000_000, RoundAt: goldenNow, LastSignalAt: goldenNow, Industry: "Computers"}
	if got := PointsAt(f, w, goldenNow, PartFunding); got != 42 {
		t.Errorf("funding now %.1f, want 42", got)
	}
	if got := PointsAt(f, w, goldenNow.AddDate(0, 0, 90), PartFunding); got != 21 {
		t.Errorf("funding in 90 days %.1f, want 21", got)
	}
	if got := PointsAt(f, w, goldenNow.AddDate(0, 0, 30), PartRDFit); got != 20 {
		t.Errorf("R&D fit in 30 days %.1f, want 20 (not time-bound)", got)
	}
	if got := PointsAt(f, w, goldenNow.AddDate(0, 0, 200), PartRecency); got != 0 {
		t.Errorf("recency in 200 days %.1f, want 0 (absent)", got)
	}
	if got := PointsAt(f, w, goldenNow, PartHiring); got != 0 {
		t.Errorf("hiring %.1f, want 0 (absent)", got)
	}
	if got := PointsAt(f, w, goldenNow, "No such part"); got != 0 {
		t.Errorf("unknown part %.1f, want 0", got)
	}
	lost := Features{LostAt: goldenNow}
	if a, b := PointsAt(lost, w, goldenNow, PartPenalty), PointsAt(lost, w, goldenNow.AddDate(0, 0, 181), PartPenalty); a != -30 || b != 0 {
		t.Errorf("lost penalty now %.1f, in 181 days %.1f; want -30 and 0", a, b)
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[int64]string{950: "$950", 12_500: "$12.5k", 7_500_000: "$7.5M", 1_029_908: "$1M", 250_000_000: "$250M", 1_200_000_000: "$1.2B"} {
		if got := Money(in); got != want {
			t.Errorf("Money(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestAgo(t *testing.T) {
	for in, want := range map[float64]string{-2: "today", 0: "today", 0.9: "today", 1: "1 day ago", 1.5: "1 day ago", 12.2: "12 days ago"} {
		if got := Ago(in); got != want {
			t.Errorf("Ago(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestPartNames(t *testing.T) {
	want := "Funding|R&D fit|Project size|Client quality|Hiring|Recency|Penalties"
	if got := strings.Join(PartNames, "|"); got != want {
		t.Errorf("PartNames = %s, want %s", got, want)
	}
}
