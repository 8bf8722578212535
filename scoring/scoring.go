// Package scoring ranks companies by how likely they are to buy a software
// project now. It is pure: features, weights and a clock in, a Score out,
// every point explained.
package scoring

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// Version names the model and default weights; stored with every score so a
// list can tell which model produced it.
const Version = "v0"

// Part names shown to the salesperson.
const (
	PartFunding = "Funding"
	PartRecency = "Recency"
)

// Features is what scoring knows about one company, aggregated from its signals.
type Features struct {
	LastFundingUSD    int64     // amount of the latest funding signal, 0 if unknown
	LastFundingAt     time.Time // when it happened; zero if no funding signal
	LastFundingSource string    // human name of the source, e.g. "Form D"
	EvidenceURL       string    // link to the signal that gave the funding
	DoNotContact      bool      // the company asked not to be contacted
}

// Weights tunes the model.
type Weights struct {
	FundingPoints   float64 // points for a round at or above FundingCeilUSD
	FundingFloorUSD float64 // a round of this size or less earns no funding points
	FundingCeilUSD  float64 // rounds above this earn no more
	RecencyPoints   float64 // points for funding that happened today
	HalfLifeDays    float64 // recency halves every this many days
}

// DefaultWeights is the model as shipped.
func DefaultWeights() Weights {
	return Weights{
		FundingPoints:   60,
		FundingFloorUSD: 50_000,
		FundingCeilUSD:  100_000_000,
		RecencyPoints:   40,
		HalfLifeDays:    90,
	}
}

// Part is one explained contribution to a score.
type Part struct {
	Name        string  `json:"name"`
	Points      float64 `json:"points"`
	Reason      string  `json:"reason"`
	EvidenceURL string  `json:"evidence_url"`
}

// Score is a company's total (0–100) and the parts it is made of, largest first.
type Score struct {
	Total      int       `json:"total"`
	Parts      []Part    `json:"parts"`
	Version    string    `json:"version"`
	ComputedAt time.Time `json:"computed_at"`
}

// Compute scores one company's features with weights at time now.
func Compute(f Features, w Weights, now time.Time) Score {
	s := Score{Version: Version, ComputedAt: now, Parts: []Part{}}
	if f.DoNotContact || f.LastFundingAt.IsZero() {
		return s
	}
	age := ageDays(f.LastFundingAt, now)
	if p := fundingPoints(f.LastFundingUSD, w); p > 0 {
		s.Parts = append(s.Parts, Part{
			Name:        PartFunding,
			Points:      round1(p),
			Reason:      fmt.Sprintf("Raised %s (%s, %s)", Money(f.LastFundingUSD), f.LastFundingSource, Ago(age)),
			EvidenceURL: f.EvidenceURL,
		})
	}
	if p := recencyPoints(age, w); p >= 0.05 {
		s.Parts = append(s.Parts, Part{
			Name:        PartRecency,
			Points:      round1(p),
			Reason:      fmt.Sprintf("Funded %s; counts half as much every %g days", Ago(age), w.HalfLifeDays),
			EvidenceURL: f.EvidenceURL,
		})
	}
	slices.SortStableFunc(s.Parts, func(a, b Part) int { return cmp.Compare(b.Points, a.Points) })
	var sum float64
	for _, p := range s.Parts {
		sum += p.Points
	}
	s.Total = int(math.Round(min(100, max(0, sum))))
	return s
}

// fundingPoints is log-scaled between the floor and the ceiling, so each
// tenfold increase in money adds the same points, and saturates above.
func fundingPoints(usd int64, w Weights) float64 {
	if float64(usd) <= w.FundingFloorUSD || w.FundingCeilUSD <= w.FundingFloorUSD {
		return 0
	}
	frac := math.Log(float64(usd)/w.FundingFloorUSD) / math.Log(w.FundingCeilUSD/w.FundingFloorUSD)
	return w.FundingPoints * min(1, frac)
}

// recencyPoints halves every HalfLifeDays; future dates count as today.
func recencyPoints(ageDays float64, w Weights) float64 {
	if w.HalfLifeDays <= 0 {
		return 0
	}
	return w.RecencyPoints * math.Exp2(-max(0, ageDays)/w.HalfLifeDays)
}

func ageDays(t, now time.Time) float64 {
	return now.Sub(t).Hours() / 24
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// Money formats dollars the way a salesperson says them: $950, $12.5k, $7.5M, $1.2B.
func Money(usd int64) string {
	f := float64(usd)
	switch {
	case f >= 1e9:
		return "$" + trim(f/1e9) + "B"
	case f >= 1e6:
		return "$" + trim(f/1e6) + "M"
	case f >= 1e3:
		return "$" + trim(f/1e3) + "k"
	default:
		return fmt.Sprintf("$%d", usd)
	}
}

func trim(f float64) string {
	if f >= 100 {
		return fmt.Sprintf("%.0f", f)
	}
	s := fmt.Sprintf("%.1f", f)
	if s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// Ago says an age in days the way people do: "today", "1 day ago", "12 days ago".
func Ago(days float64) string {
	d := int(math.Floor(max(0, days)))
	switch d {
	case 0:
		return "today"
	case 1:
		return "1 day ago"
	default:
		return fmt.Sprintf("%d days ago", d)
	}
}
