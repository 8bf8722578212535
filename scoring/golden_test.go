package scoring

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// company is one row of the golden set: a realistic lead as the CRM would
// aggregate it.
type company struct {
	name string
	f    Features
}

// goldenNow is the clock the golden set is scored at.
var goldenNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func ago(days float64) time.Time {
	return goldenNow.Add(-time.Duration(days * 24 * float64(time.Hour)))
}

// goldenCompanies is a fixed, realistic mix of leads.
var goldenCompanies = []company{
	{"Nimbus AI (fresh $8M Seed, AI)", Features{
		RoundUSD: 8_000_000, RoundAt: ago(5), RoundName: "Seed", RoundSources: []string{"TechCrunch", "Form D"},
		RoundURL: "https://techcrunch.com/nimbus", TotalRaisedUSD: 9_500_000,
		Industry: "Other Technology", Categories: []string{"Artificial Intelligence", "B2B"}, FitURL: "https://www.crunchbase.com/organization/nimbus",
		LastSignalAt: ago(5), LastSignalSource: "TechCrunch", LastSignalURL: "https://techcrunch.com/nimbus",
	}},
	{"Harbor Real Estate Fund II (2-year-old $50M pooled fund)", Features{
		RoundUSD: 50_000_000, RoundAt: ago(730), RoundSources: []string{"Form D"}, RoundURL: "https://www.sec.gov/harbor",
		PooledFund: true, PooledURL: "https://www.sec.gov/harbor", Industry: "Pooled Investment Fund",
		LastSignalAt: ago(730), LastSignalSource: "Form D",
	}},
	{"Acme Logistics (verified client, three $5k projects)", Features{
		Marketplace: "Freelancer.com", LargestProjectUSD: 5_000, MedianProjectUSD: 5_000, ClientSpendUSD: 20_000,
		Projects: 4, Projects90d: 3, Projects30d: 3, Min30dUSD: 5_000, Max30dUSD: 5_000, Sum30dUSD: 15_000,
		LastProjectAt: ago(2), LastProjectURL: "https://www.freelancer.com/projects/acme-3",
		PaymentVerified: true, HireRate: 0.8, Reviews: 12, Hires: 9,
		LastSignalAt: ago(2), LastSignalSource: "Freelancer.com",
	}},
	{"Bob's Shop (unverified client, one $600 project)", Features{
		Marketplace: "Freelancer.com", LargestProjectUSD: 600, MedianProjectUSD: 600,
		Projects: 1, Projects90d: 1, Projects30d: 1, Min30dUSD: 600, Max30dUSD: 600, Sum30dUSD: 600,
		LastProjectAt: ago(10), LastProjectURL: "https://www.freelancer.com/projects/bob",
		LastSignalAt: ago(10), LastSignalSource: "Freelancer.com",
	}},
	{"Patchwork (YC W25, hiring engineers)", Features{
		RoundUSD: 500_000, RoundAt: ago(280), RoundName: "Seed", RoundSources: []string{"Y Combinator"},
		YCBatch: "W25", Categories: []string{"Developer Tools", "B2B"}, FitURL: "https://www.ycombinator.com/companies/patchwork",
		HiringPosts: 4, EngineeringPosts: 3, YCHiring: true, LastHiringAt: ago(6), HiringURL: "https://news.ycombinator.com/item?id=1",
		LastSignalAt: ago(6), LastSignalSource: "Hacker News",
	}},
	{"Ledgerly (Series C $100M fintech, 60 days ago)", Features{
		RoundUSD: 100_000_000, RoundAt: ago(60), RoundName: "Series C", RoundSources: []string{"TechCrunch"}, TotalRaisedUSD: 180_000_000,
		Categories:   []string{"Fintech", "Payments"},
		LastSignalAt: ago(60), LastSignalSource: "TechCrunch",
	}},
	{"Stackhouse (venture debt $20M, SaaS)", Features{
		RoundUSD: 20_000_000, RoundAt: ago(30), RoundName: "Debt", RoundSources: []string{"Crunchbase"},
		Categories:   []string{"SaaS"},
		LastSignalAt: ago(30), LastSignalSource: "Crunchbase",
	}},
	{"Helix Therapeutics (biotech Form D $12M)", Features{
		RoundUSD: 12_000_000, RoundAt: ago(15), RoundSources: []string{"Form D"}, Industry: "Biotechnology",
		LastSignalAt: ago(15), LastSignalSource: "Form D",
	}},
	{"Quillbot Labs (Series A, lost 20 days ago)", Features{
		RoundUSD: 10_000_000, RoundAt: ago(100), RoundName: "Series A", RoundSources: []string{"Form D"}, Industry: "Other Technology",
		LostAt: ago(20), LastSignalAt: ago(100), LastSignalSource: "Form D",
	}},
	{"Orbit CRM (already a customer)", Features{
		RoundUSD: 3_000_000, RoundAt: ago(30), RoundName: "Seed", RoundSources: []string{"Form D"}, Categories: []string{"SaaS"},
		Won: true, LastSignalAt: ago(30), LastSignalSource: "Form D",
	}},
	{"Vantage Robotics (do-not-contact)", Features{
		RoundUSD: 15_000_000, RoundAt: ago(3), RoundName: "Series A", RoundSources: []string{"TechCrunch"}, Categories: []string{"Robotics"},
		DoNotContact: true, LastSignalAt: ago(3), LastSignalSource: "TechCrunch",
	}},
	{"Imported row (no signals)", Features{}},
	{"Formly (Pre-seed $1.5M, SaaS)", Features{
		RoundUSD: 1_500_000, RoundAt: ago(10), RoundName: "Pre-seed", RoundSources: []string{"Form D"}, Categories: []string{"SaaS"},
		LastSignalAt: ago(10), LastSignalSource: "Form D",
	}},
	{"Brightwave (Series A $7.5M, 12 days ago)", Features{
		RoundUSD: 7_500_000, RoundAt: ago(12), RoundName: "Series A", RoundSources: []string{"TechCrunch", "Form D"}, TotalRaisedUSD: 10_000_000,
		Industry: "Other Technology", LastSignalAt: ago(12), LastSignalSource: "Form D",
	}},
	{"Cortex Vision (Series B $30M, 130 days ago)", Features{
		RoundUSD: 30_000_000, RoundAt: ago(130), RoundName: "Series B", RoundSources: []string{"Crunchbase"}, Categories: []string{"Computer Vision"},
		LastSignalAt: ago(130), LastSignalSource: "Crunchbase",
	}},
	{"Tidewater Apps (Seed $4M, 400 days ago)", Features{
		RoundUSD: 4_000_000, RoundAt: ago(400), RoundName: "Seed", RoundSources: []string{"Form D"}, Industry: "Other Technology",
		LastSignalAt: ago(400), LastSignalSource: "Form D",
	}},
	{"Taco Republic (restaurant Form D $2M)", Features{
		RoundUSD: 2_000_000, RoundAt: ago(20), RoundSources: []string{"Form D"}, Industry: "Restaurants",
		LastSignalAt: ago(20), LastSignalSource: "Form D",
	}},
	{"Permian Partners (oil and gas Form D $25M)", Features{
		RoundUSD: 25_000_000, RoundAt: ago(45), RoundSources: []string{"Form D"}, Industry: "Oil and Gas",
		LastSignalAt: ago(45), LastSignalSource: "Form D",
	}},
	{"Meridian REIT (fresh $30M REIT Form D)", Features{
		RoundUSD: 30_000_000, RoundAt: ago(10), RoundSources: []string{"Form D"}, Industry: "REITS and Finance",
		LastSignalAt: ago(10), LastSignalSource: "Form D",
	}},
	{"CareBridge Clinics (health care Form D $5M)", Features{
		RoundUSD: 5_000_000, RoundAt: ago(30), RoundSources: []string{"Form D"}, Industry: "Other Health Care",
		LastSignalAt: ago(30), LastSignalSource: "Form D",
	}},
	{"Skyline Data (Series E $250M, 25 days ago)", Features{
		RoundUSD: 250_000_000, RoundAt: ago(25), RoundName: "Series E", RoundSources: []string{"TechCrunch"}, TotalRaisedUSD: 600_000_000,
		Categories: []string{"Data", "Cloud"}, LastSignalAt: ago(25), LastSignalSource: "TechCrunch",
	}},
	{"Gripper Robotics (grant $1M)", Features{
		RoundUSD: 1_000_000, RoundAt: ago(15), RoundName: "Grant", RoundSources: []string{"Crunchbase"}, Categories: []string{"Robotics"},
		LastSignalAt: ago(15), LastSignalSource: "Crunchbase",
	}},
	{"Northwind Media (Upwork client, $40k hourly project)", Features{
		Marketplace: "Upwork", LargestProjectUSD: 12_000, MedianProjectUSD: 12_000, HourlyProjectUSD: 40_000, ClientSpendUSD: 150_000,
		Projects: 6, Projects90d: 1, Projects30d: 1, Min30dUSD: 12_000, Max30dUSD: 12_000, Sum30dUSD: 12_000,
		LastProjectAt: ago(5), LastProjectURL: "https://www.upwork.com/jobs/northwind",
		PaymentVerified: true, HireRate: 0.6, Reviews: 25, Hires: 14,
		LastSignalAt: ago(5), LastSignalSource: "Upwork",
	}},
	{"Oldfield Tools (verified client, $20k project 200 days ago)", Features{
		Marketplace: "Freelancer.com", LargestProjectUSD: 20_000, MedianProjectUSD: 8_000,
		Projects: 3, Projects90d: 0, LastProjectAt: ago(200), LastProjectURL: "https://www.freelancer.com/projects/oldfield",
		PaymentVerified: true, HireRate: 0.7, Reviews: 5, Hires: 3,
		LastSignalAt: ago(200), LastSignalSource: "Freelancer.com",
	}},
	{"Relay Ops (hiring engineers, no funding)", Features{
		Categories: []string{"SaaS"}, HiringPosts: 2, EngineeringPosts: 2, LastHiringAt: ago(10), HiringURL: "https://news.ycombinator.com/item?id=2",
		LastSignalAt: ago(10), LastSignalSource: "Hacker News",
	}},
	{"Urban Threads (retail, hiring sales staff)", Features{
		Categories: []string{"Retail"}, HiringPosts: 3, LastHiringAt: ago(15), HiringURL: "https://www.linkedin.com/jobs/urban",
		LastSignalAt: ago(15), LastSignalSource: "LinkedIn",
	}},
	{"ShopGrid (retail Series A $5M)", Features{
		RoundUSD: 5_000_000, RoundAt: ago(30), RoundName: "Series A", RoundSources: []string{"Crunchbase"}, Categories: []string{"Retail", "Consumer"},
		LastSignalAt: ago(30), LastSignalSource: "Crunchbase",
	}},
	{"Mentioned Co (news mention 2 days ago only)", Features{
		LastSignalAt: ago(2), LastSignalSource: "Hacker News",
	}},
	{"Pixel & Co (verified client, two $2k–$3k projects)", Features{
		Marketplace: "Upwork", LargestProjectUSD: 3_000, MedianProjectUSD: 2_500,
		Projects: 2, Projects90d: 2, Projects30d: 2, Min30dUSD: 2_000, Max30dUSD: 3_000, Sum30dUSD: 5_000,
		LastProjectAt: ago(8), LastProjectURL: "https://www.upwork.com/jobs/pixel",
		PaymentVerified: true, HireRate: 0.5, Reviews: 3, Hires: 2,
		LastSignalAt: ago(8), LastSignalSource: "Upwork",
	}},
	{"Signalpath (telecom Form D $3M, 200 days ago)", Features{
		RoundUSD: 3_000_000, RoundAt: ago(200), RoundSources: []string{"Form D"}, Industry: "Telecommunications",
		LastSignalAt: ago(200), LastSignalSource: "Form D",
	}},
	{"Kestrel AI (lost 400 days ago, fresh Seed)", Features{
		RoundUSD: 6_000_000, RoundAt: ago(7), RoundName: "Seed", RoundSources: []string{"Form D"}, Categories: []string{"AI"},
		LostAt: ago(400), LastSignalAt: ago(7), LastSignalSource: "Form D",
	}},
}

// goldenOrder is the ranking the default weights must produce, best lead
// first. Ties on Total are broken by the uncapped sum of parts, then by the
// order written here.
var goldenOrder = []string{
	// Fresh early round, builds AI, fresh evidence: everything a buyer of
	// software work looks like. Must rank above the pooled fund.
	"Nimbus AI (fresh $8M Seed, AI)",
	// A bigger round of unnamed kind (Form D rarely names it) counts as
	// early; biotechnology builds technology. Ten days older than Nimbus.
	"Helix Therapeutics (biotech Form D $12M)",
	// Lost 400 days ago is outside the 180-day window: no penalty left.
	"Kestrel AI (lost 400 days ago, fresh Seed)",
	// The Series A from the reason examples: a week older than Nimbus.
	"Brightwave (Series A $7.5M, 12 days ago)",
	// The best marketplace lead: paying, hiring, three $5k projects this
	// month. Ranks with the fresh early rounds, above the unverified client.
	"Acme Logistics (verified client, three $5k projects)",
	// A larger hourly project and a big spend, but one project in 90 days
	// against Acme's three.
	"Northwind Media (Upwork client, $40k hourly project)",
	// A huge round saturates the scale, but a Series E counts 0.6: late
	// money scales sales more than it builds.
	"Skyline Data (Series E $250M, 25 days ago)",
	// Small but fresh Pre-seed, full fit.
	"Formly (Pre-seed $1.5M, SaaS)",
	// Fresh $30M, but a real-estate issuer: no R&D fit, so money alone puts
	// it mid-table, below every fresh technology round and the best
	// marketplace clients.
	"Meridian REIT (fresh $30M REIT Form D)",
	// Big late round two months ago: late factor, and a third decayed.
	"Ledgerly (Series C $100M fintech, 60 days ago)",
	// YC, hiring three engineers now; its $500k seed is nine months old.
	"Patchwork (YC W25, hiring engineers)",
	// Debt counts 0.35 of equity, so a $20M debt round sits below a live
	// YC company hiring engineers.
	"Stackhouse (venture debt $20M, SaaS)",
	// A good Series B, but four months old.
	"Cortex Vision (Series B $30M, 130 days ago)",
	// Health care is only half a technology fit.
	"CareBridge Clinics (health care Form D $5M)",
	// No money known, but a SaaS company hiring engineers now.
	"Relay Ops (hiring engineers, no funding)",
	// A grant counts like debt; robotics is full fit.
	"Gripper Robotics (grant $1M)",
	// A good client with small projects: below the funded companies.
	"Pixel & Co (verified client, two $2k–$3k projects)",
	// Oil and gas: money, no fit.
	"Permian Partners (oil and gas Form D $25M)",
	// Technology issuer, but the round is seven months old.
	"Signalpath (telecom Form D $3M, 200 days ago)",
	// "Retail" is not "AI": a retail Series A gets no R&D fit.
	"ShopGrid (retail Series A $5M)",
	// Fit only: a 400-day-old round has almost decayed away.
	"Tidewater Apps (Seed $4M, 400 days ago)",
	// Restaurant: money, no fit.
	"Taco Republic (restaurant Form D $2M)",
	// A good client whose last project is 200 days old: project points
	// have decayed away, client quality remains.
	"Oldfield Tools (verified client, $20k project 200 days ago)",
	// One $600 project from an unverified client: barely over the
	// threshold, no client quality. Far below Acme.
	"Bob's Shop (unverified client, one $600 project)",
	// Hiring, but not engineers, and not a technology company.
	"Urban Threads (retail, hiring sales staff)",
	// Nothing but a fresh mention.
	"Mentioned Co (news mention 2 days ago only)",
	// A good Series A company, but lost 20 days ago.
	"Quillbot Labs (Series A, lost 20 days ago)",
	// Do-not-contact: always exactly 0.
	"Vantage Robotics (do-not-contact)",
	// No signals at all.
	"Imported row (no signals)",
	// Already a customer: the penalty outweighs a month-old seed round.
	"Orbit CRM (already a customer)",
	// A two-year-old pooled real-estate fund: nothing fresh, no fit, and the
	// pooled-fund penalty.
	"Harbor Real Estate Fund II (2-year-old $50M pooled fund)",
}

type ranked struct {
	name  string
	score Score
	sum   float64
}

// rankGolden scores the golden set and ranks it the way goldenOrder is
// written.
func rankGolden(t *testing.T, w Weights) []ranked {
	t.Helper()
	at := make(map[string]int, len(goldenOrder))
	for i, n := range goldenOrder {
		at[n] = i
	}
	var out []ranked
	for _, c := range goldenCompanies {
		if _, ok := at[c.name]; !ok {
			t.Fatalf("company %q is not in goldenOrder", c.name)
		}
		s := Compute(c.f, w, goldenNow)
		out = append(out, ranked{c.name, s, sumParts(s)})
	}
	if len(out) != len(goldenOrder) {
		t.Fatalf("%d companies, %d names in goldenOrder", len(out), len(goldenOrder))
	}
	slices.SortStableFunc(out, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.score.Total, a.score.Total), cmp.Compare(round1(b.sum), round1(a.sum)), cmp.Compare(at[a.name], at[b.name]))
	})
	return out
}

func TestGoldenRanking(t *testing.T) {
	got := rankGolden(t, DefaultWeights())
	same := true
	for i, r := range got {
		same = same && r.name == goldenOrder[i]
	}
	if !same {
		var b strings.Builder
		fmt.Fprintf(&b, "ranking changed (want | got, total):\n")
		for i, r := range got {
			mark := "  "
			if r.name != goldenOrder[i] {
				mark = "≠ "
			}
			fmt.Fprintf(&b, "%s%2d. %-60s | %-60s %3d\n", mark, i+1, goldenOrder[i], r.name, r.score.Total)
		}
		t.Error(b.String())
	}
	total := make(map[string]int, len(got))
	for _, r := range got {
		total[r.name] = r.score.Total
	}
	for _, m := range []struct {
		above, below string
		margin       int
	}{
		{"Nimbus AI (fresh $8M Seed, AI)", "Harbor Real Estate Fund II (2-year-old $50M pooled fund)", 40},
		{"Acme Logistics (verified client, three $5k projects)", "Bob's Shop (unverified client, one $600 project)", 20},
		{"Nimbus AI (fresh $8M Seed, AI)", "Meridian REIT (fresh $30M REIT Form D)", 10},
		{"Acme Logistics (verified client, three $5k projects)", "Meridian REIT (fresh $30M REIT Form D)", 4},
	} {
		if d := total[m.above] - total[m.below]; d < m.margin {
			t.Errorf("%s scores %d, only %d above %s (%d); want a margin of at least %d",
				m.above, total[m.above], d, m.below, total[m.below], m.margin)
		}
	}
}

// TestGoldenReasons spot-checks that the golden leads read well.
func TestGoldenReasons(t *testing.T) {
	want := map[string][]string{
		"Nimbus AI (fresh $8M Seed, AI)": {
			"Raised $8M Seed 5 days ago (TechCrunch, Form D); $9.5M raised in total",
			`Builds technology: categories Artificial Intelligence, B2B; Form D industry "Other Technology"`,
			"Newest evidence 5 days ago (TechCrunch)",
		},
		"Acme Logistics (verified client, three $5k projects)": {
			"3 projects over $500 in 90 days on Freelancer.com, largest $5k, client spent $20k; last posted 2 days ago",
			"Payment verified, hires 80% of the time, 12 reviews, 9 hires, posted 4 projects",
			"Buys software work on Freelancer.com",
			"Newest evidence 2 days ago (Freelancer.com)",
		},
		"Harbor Real Estate Fund II (2-year-old $50M pooled fund)": {
			"Raised $50M 730 days ago (Form D)",
			"Pooled investment fund",
		},
	}
	for _, r := range rankGolden(t, DefaultWeights()) {
		w, ok := want[r.name]
		if !ok {
			continue
		}
		var got []string
		for _, p := range r.score.Parts {
			got = append(got, p.Reason)
		}
		if !slices.Equal(got, w) {
			t.Errorf("%s reasons:\n got %q\nwant %q", r.name, got, w)
		}
	}
}

func sumParts(s Score) float64 {
	var t float64
	for _, p := range s.Parts {
		t += p.Points
	}
	return t
}
