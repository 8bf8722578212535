package scoring

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Weights tunes the model. Points are the most a part can earn; half-lives
// are how many days a time-bound part takes to lose half its points.
type Weights struct {
	FundingPoints       float64 `json:"funding_points" yaml:"funding_points"`                 // most points a round earns
	FundingFloorUSD     float64 `json:"funding_floor_usd" yaml:"funding_floor_usd"`           // a round this size or less earns nothing
	FundingCeilUSD      float64 `json:"funding_ceil_usd" yaml:"funding_ceil_usd"`             // rounds above earn no more (log-scaled between floor and ceiling)
	EarlyRoundFactor    float64 `json:"early_round_factor" yaml:"early_round_factor"`         // multiplier for Pre-seed, Seed, Series A/B and rounds of unknown kind
	LateRoundFactor     float64 `json:"late_round_factor" yaml:"late_round_factor"`           // Series C and later, growth, private equity
	DebtRoundFactor     float64 `json:"debt_round_factor" yaml:"debt_round_factor"`           // debt, loans, grants, convertible notes
	TotalRaisedPoints   float64 `json:"total_raised_points" yaml:"total_raised_points"`       // weaker term for the total raised, on the same scale
	FundingHalfLifeDays float64 `json:"funding_half_life_days" yaml:"funding_half_life_days"` // funding points halve every this many days

	RDFitPoints float64 `json:"rd_fit_points" yaml:"rd_fit_points"` // a company that builds technology

	ProjectPoints       float64 `json:"project_points" yaml:"project_points"`                 // most points for a marketplace client's projects
	ProjectThresholdUSD float64 `json:"project_threshold_usd" yaml:"project_threshold_usd"`   // projects under this add nothing
	ProjectCeilUSD      float64 `json:"project_ceil_usd" yaml:"project_ceil_usd"`             // a budget at or above this earns full points (log scale from the threshold)
	ProjectHalfLifeDays float64 `json:"project_half_life_days" yaml:"project_half_life_days"` // project points halve every this many days since the last project

	ClientQualityPoints float64 `json:"client_quality_points" yaml:"client_quality_points"` // a marketplace client that pays, hires and comes back

	HiringPoints       float64 `json:"hiring_points" yaml:"hiring_points"`                 // open job posts, engineering ones most
	HiringHalfLifeDays float64 `json:"hiring_half_life_days" yaml:"hiring_half_life_days"` // hiring points halve every this many days since the last post

	RecencyPoints       float64 `json:"recency_points" yaml:"recency_points"`                 // freshness of the newest evidence of any kind
	RecencyHalfLifeDays float64 `json:"recency_half_life_days" yaml:"recency_half_life_days"` // recency points halve every this many days

	LostPenalty       float64 `json:"lost_penalty" yaml:"lost_penalty"`               // points taken when Lost within LostWindowDays
	LostWindowDays    float64 `json:"lost_window_days" yaml:"lost_window_days"`       // how long a loss counts against a company
	WonPenalty        float64 `json:"won_penalty" yaml:"won_penalty"`                 // points taken from a company that is already a customer
	PooledFundPenalty float64 `json:"pooled_fund_penalty" yaml:"pooled_fund_penalty"` // points taken from a pooled investment fund

	// Estimated project size. A round that funds building pays in part for
	// outside software work; these are the shares of a round estimated to go
	// to it in the next quarter, by kind of round: Pre-seed and Seed 8%
	// (most of the money builds the first product), Series A/B and rounds of
	// unknown kind 5%, later rounds 2% (they scale sales more than they
	// build), debt and grants 1%.
	SeedFraction       float64 `json:"seed_fraction" yaml:"seed_fraction"`                 // Pre-seed and Seed
	SeriesAFraction    float64 `json:"series_a_fraction" yaml:"series_a_fraction"`         // Series A/B and rounds of unknown kind
	LateFraction       float64 `json:"late_fraction" yaml:"late_fraction"`                 // Series C and later, growth, private equity
	DebtFraction       float64 `json:"debt_fraction" yaml:"debt_fraction"`                 // debt, loans, grants
	EstimateCapUSD     float64 `json:"estimate_cap_usd" yaml:"estimate_cap_usd"`           // no funding-based estimate is larger
	EstimateMaxAgeDays float64 `json:"estimate_max_age_days" yaml:"estimate_max_age_days"` // older rounds give no funding-based estimate
}

// DefaultWeights is the model as shipped. A company rarely earns more than
// 100 before penalties: a funded technology company tops out at 80 (funding
// 42, R&D fit 20, hiring 10, recency 8) and a marketplace client at 68 (80
// if it builds technology). Only a freshly funded technology company that is
// hiring and also posts large projects on a marketplace reaches more; every
// part at once is 132.
func DefaultWeights() Weights {
	return Weights{
		FundingPoints:       35,
		FundingFloorUSD:     100_000,
		FundingCeilUSD:      50_000_000,
		EarlyRoundFactor:    1,
		LateRoundFactor:     0.6,
		DebtRoundFactor:     0.35,
		TotalRaisedPoints:   7,
		FundingHalfLifeDays: 90,

		RDFitPoints: 20,

		ProjectPoints:       40,
		ProjectThresholdUSD: 500,
		ProjectCeilUSD:      50_000,
		ProjectHalfLifeDays: 21,

		ClientQualityPoints: 12,

		HiringPoints:       10,
		HiringHalfLifeDays: 45,

		RecencyPoints:       8,
		RecencyHalfLifeDays: 14,

		LostPenalty:       30,
		LostWindowDays:    180,
		WonPenalty:        50,
		PooledFundPenalty: 40,

		SeedFraction:       0.08,
		SeriesAFraction:    0.05,
		LateFraction:       0.02,
		DebtFraction:       0.01,
		EstimateCapUSD:     500_000,
		EstimateMaxAgeDays: 365,
	}
}

// Field describes one weight for a form.
type Field struct {
	Key   string // the json/yaml name
	Label string
	Help  string
	Group string // the part it belongs to, or "Estimate"
	Value float64
	Min   float64 // the smallest and largest values Validate accepts
	Max   float64
	Step  float64
}

// unit says how a weight's values read.
type unit int

const (
	unitPoints unit = iota
	unitUSD
	unitDays
	unitFactor
	unitFraction
)

type spec struct {
	key, label, help, group string
	unit                    unit
	min, max, step          float64
	ptr                     func(*Weights) *float64
}

// specs lists every weight in struct order.
var specs = []spec{
	{"funding_points", "Funding points", "Most points a round earns, at or above the funding ceiling.", PartFunding, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.FundingPoints }},
	{"funding_floor_usd", "Funding floor", "A round this size or less earns no funding points.", PartFunding, unitUSD, 1, 1e9, 10_000, func(w *Weights) *float64 { return &w.FundingFloorUSD }},
	{"funding_ceil_usd", "Funding ceiling", "Rounds above this earn no more; in between, each tenfold increase adds the same points.", PartFunding, unitUSD, 1, 1e11, 1_000_000, func(w *Weights) *float64 { return &w.FundingCeilUSD }},
	{"early_round_factor", "Early round factor", "Multiplier for Pre-seed, Seed, Series A/B and rounds of unknown kind: money to build.", PartFunding, unitFactor, 0, 2, 0.05, func(w *Weights) *float64 { return &w.EarlyRoundFactor }},
	{"late_round_factor", "Late round factor", "Multiplier for Series C and later, growth and private equity: money to scale sales.", PartFunding, unitFactor, 0, 2, 0.05, func(w *Weights) *float64 { return &w.LateRoundFactor }},
	{"debt_round_factor", "Debt round factor", "Multiplier for debt, loans, grants and convertible notes.", PartFunding, unitFactor, 0, 2, 0.05, func(w *Weights) *float64 { return &w.DebtRoundFactor }},
	{"total_raised_points", "Total raised points", "Most points for the total raised, on the same scale as the round.", PartFunding, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.TotalRaisedPoints }},
	{"funding_half_life_days", "Funding half-life", "Funding points halve every this many days after the round.", PartFunding, unitDays, 1, 3650, 1, func(w *Weights) *float64 { return &w.FundingHalfLifeDays }},

	{"rd_fit_points", "R&D fit points", "Points for a company that builds technology: a technology industry, category or YC batch.", PartRDFit, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.RDFitPoints }},

	{"project_points", "Project points", "Most points for a marketplace client's projects.", PartProjectSize, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.ProjectPoints }},
	{"project_threshold_usd", "Project threshold", "Projects under this budget add nothing.", PartProjectSize, unitUSD, 1, 1e7, 100, func(w *Weights) *float64 { return &w.ProjectThresholdUSD }},
	{"project_ceil_usd", "Project ceiling", "A budget at or above this earns full project points.", PartProjectSize, unitUSD, 1, 1e8, 1_000, func(w *Weights) *float64 { return &w.ProjectCeilUSD }},
	{"project_half_life_days", "Project half-life", "Project points halve every this many days after the last project.", PartProjectSize, unitDays, 1, 3650, 1, func(w *Weights) *float64 { return &w.ProjectHalfLifeDays }},

	{"client_quality_points", "Client quality points", "Points for a marketplace client that pays, hires and comes back.", PartClientQuality, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.ClientQualityPoints }},

	{"hiring_points", "Hiring points", "Most points for open job posts; engineering posts weigh most.", PartHiring, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.HiringPoints }},
	{"hiring_half_life_days", "Hiring half-life", "Hiring points halve every this many days after the last post.", PartHiring, unitDays, 1, 3650, 1, func(w *Weights) *float64 { return &w.HiringHalfLifeDays }},

	{"recency_points", "Recency points", "Points for evidence of any kind found today.", PartRecency, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.RecencyPoints }},
	{"recency_half_life_days", "Recency half-life", "Recency points halve every this many days.", PartRecency, unitDays, 1, 3650, 1, func(w *Weights) *float64 { return &w.RecencyHalfLifeDays }},

	{"lost_penalty", "Lost penalty", "Points taken from a company lost within the lost window.", PartPenalty, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.LostPenalty }},
	{"lost_window_days", "Lost window", "How long a loss counts against a company.", PartPenalty, unitDays, 0, 3650, 1, func(w *Weights) *float64 { return &w.LostWindowDays }},
	{"won_penalty", "Won penalty", "Points taken from a company that is already a customer.", PartPenalty, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.WonPenalty }},
	{"pooled_fund_penalty", "Pooled fund penalty", "Points taken from a pooled investment fund: it invests, it does not build.", PartPenalty, unitPoints, 0, 100, 1, func(w *Weights) *float64 { return &w.PooledFundPenalty }},

	{"seed_fraction", "Seed fraction", "Share of a Pre-seed or Seed round estimated for outside software work in the next quarter.", "Estimate", unitFraction, 0, 1, 0.005, func(w *Weights) *float64 { return &w.SeedFraction }},
	{"series_a_fraction", "Series A/B fraction", "Share of a Series A/B round or a round of unknown kind.", "Estimate", unitFraction, 0, 1, 0.005, func(w *Weights) *float64 { return &w.SeriesAFraction }},
	{"late_fraction", "Late round fraction", "Share of a Series C or later, growth or private equity round.", "Estimate", unitFraction, 0, 1, 0.005, func(w *Weights) *float64 { return &w.LateFraction }},
	{"debt_fraction", "Debt fraction", "Share of a debt round, loan or grant.", "Estimate", unitFraction, 0, 1, 0.005, func(w *Weights) *float64 { return &w.DebtFraction }},
	{"estimate_cap_usd", "Estimate cap", "No estimate from a round is larger than this.", "Estimate", unitUSD, 0, 1e9, 10_000, func(w *Weights) *float64 { return &w.EstimateCapUSD }},
	{"estimate_max_age_days", "Estimate max age", "Rounds older than this give no estimate.", "Estimate", unitDays, 0, 3650, 1, func(w *Weights) *float64 { return &w.EstimateMaxAgeDays }},
}

// Fields describes every weight for a form, in struct order.
func (w Weights) Fields() []Field {
	out := make([]Field, len(specs))
	for i, s := range specs {
		out[i] = Field{Key: s.key, Label: s.label, Help: s.help, Group: s.group, Value: *s.ptr(&w), Min: s.min, Max: s.max, Step: s.step}
	}
	return out
}

// Set sets the weight whose Key is key.
func (w *Weights) Set(key string, v float64) error {
	for _, s := range specs {
		if s.key == key {
			*s.ptr(w) = v
			return nil
		}
	}
	return fmt.Errorf("scoring: no weight named %q", key)
}

// Validate returns an error naming the first weight that is out of range
// (negative points, a half-life under a day, a fraction outside 0–1, …) or
// a floor that is not below its ceiling.
func (w Weights) Validate() error {
	for _, s := range specs {
		v := *s.ptr(&w)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return fmt.Errorf("%s (%s) must be a number", s.label, s.key)
		case v < s.min && s.min == 0:
			return fmt.Errorf("%s (%s) must not be negative, got %s", s.label, s.key, s.unit.format(v))
		case v < s.min || v > s.max:
			return fmt.Errorf("%s (%s) must be between %s and %s, got %s", s.label, s.key, s.unit.format(s.min), s.unit.format(s.max), s.unit.format(v))
		case s.key == "funding_ceil_usd" && w.FundingFloorUSD >= w.FundingCeilUSD:
			return errors.New("Funding floor (funding_floor_usd) must be less than the funding ceiling (funding_ceil_usd)")
		case s.key == "project_ceil_usd" && w.ProjectThresholdUSD >= w.ProjectCeilUSD:
			return errors.New("Project threshold (project_threshold_usd) must be less than the project ceiling (project_ceil_usd)")
		}
	}
	return nil
}

// Diff lists what changed from old to w, one line per weight in struct
// order, e.g. "Funding points 60 → 50"; empty when nothing changed.
func (w Weights) Diff(old Weights) []string {
	var out []string
	for _, s := range specs {
		a, b := *s.ptr(&old), *s.ptr(&w)
		if a == b || math.IsNaN(a) && math.IsNaN(b) {
			continue
		}
		from, to := s.unit.format(a), s.unit.format(b)
		if from == to {
			from, to = number(a), number(b)
			if s.unit == unitUSD {
				from, to = "$"+from, "$"+to
			}
		}
		out = append(out, s.label+" "+from+" → "+to)
	}
	return out
}

// format says a weight the way the weights page shows it: points and
// factors as numbers, dollars as money, days with their unit, fractions as
// percentages.
func (u unit) format(v float64) string {
	switch u {
	case unitUSD:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			if v < 0 {
				return "-" + Money(int64(-v))
			}
			return Money(int64(v))
		}
		return "$" + number(v)
	case unitDays:
		if v == 1 {
			return "1 day"
		}
		return number(v) + " days"
	case unitFraction:
		return percent(v)
	default:
		return number(v)
	}
}

func number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if strings.Contains(s, "e") {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return s
}
