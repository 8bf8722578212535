package scoring_test

import (
	"fmt"
	"time"

	"github.com/leadgen/leadgen/scoring"
)

func ExampleCompute() {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f := scoring.Features{
		RoundUSD:         7_500_000,
		RoundAt:          now.AddDate(0, 0, -12),
		RoundName:        "Series A",
		RoundSources:     []string{"TechCrunch", "Form D"},
		Industry:         "Other Technology",
		LastSignalAt:     now.AddDate(0, 0, -3),
		LastSignalSource: "Form D",
	}
	s := scoring.Compute(f, scoring.DefaultWeights(), now)
	fmt.Println("Total", s.Total)
	for _, p := range s.Parts {
		fmt.Printf("%s %.1f: %s\n", p.Name, p.Points, p.Reason)
	}
	fmt.Println(s.EstimateBasis)
	// Output:
	// Total 54
	// Funding 26.6: Raised $7.5M Series A 12 days ago (TechCrunch, Form D)
	// R&D fit 20.0: Builds technology: Form D industry "Other Technology"
	// Recency 6.9: Newest evidence 3 days ago (Form D)
	// ~$380k: 5% of a $7.5M Series A (rounds that fund building spend part on outside software work)
}
