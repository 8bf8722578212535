package scoring

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDefaultWeightsValid(t *testing.T) {
	if err := DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Weights)
		want string // the error names this field
	}{
		{"NegativePoints", func(w *Weights) { w.FundingPoints = -1 }, "Funding points (funding_points) must not be negative, got -1"},
		{"NegativePenalty", func(w *Weights) { w.WonPenalty = -5 }, "won_penalty"},
		{"TooManyPoints", func(w *Weights) { w.ClientQualityPoints = 150 }, "Client quality points (client_quality_points) must be between 0 and 100, got 150"},
		{"ZeroHalfLife", func(w *Weights) { w.FundingHalfLifeDays = 0 }, "Funding half-life (funding_half_life_days) must be between 1 day and 3650 days, got 0 days"},
		{"NegativeHalfLife", func(w *Weights) { w.RecencyHalfLifeDays = -14 }, "recency_half_life_days"},
		{"FloorAboveCeiling", func(w *Weights) { w.FundingFloorUSD = 60_000_000 }, "Funding floor (funding_floor_usd) must be less than the funding ceiling (funding_ceil_usd)"},
		{"FloorEqualsCeiling", func(w *Weights) { w.FundingFloorUSD = w.FundingCeilUSD }, "funding_floor_usd"},
		{"ThresholdAboveCeiling", func(w *Weights) { w.ProjectThresholdUSD = 60_000 }, "project_threshold_usd"},
		{"ZeroFloor", func(w *Weights) { w.FundingFloorUSD = 0 }, "Funding floor (funding_floor_usd) must be between $1 and $1B, got $0"},
		{"FractionAboveOne", func(w *Weights) { w.SeedFraction = 1.5 }, "Seed fraction (seed_fraction) must be between 0% and 100%, got 150%"},
		{"NegativeFraction", func(w *Weights) { w.DebtFraction = -0.01 }, "debt_fraction"},
		{"NegativeFactor", func(w *Weights) { w.LateRoundFactor = -0.6 }, "late_round_factor"},
		{"HugeFactor", func(w *Weights) { w.EarlyRoundFactor = 5 }, "early_round_factor"},
		{"NaN", func(w *Weights) { w.HiringPoints = math.NaN() }, "Hiring points (hiring_points) must be a number"},
		{"Inf", func(w *Weights) { w.EstimateCapUSD = math.Inf(1) }, "estimate_cap_usd"},
		{"NegativeWindow", func(w *Weights) { w.LostWindowDays = -1 }, "lost_window_days"},
		{"FirstBadFieldWins", func(w *Weights) { w.RecencyPoints, w.FundingPoints = -1, -1 }, "funding_points"},
		{"FirstBadFieldWinsOverLaterRange", func(w *Weights) { w.FundingFloorUSD, w.RecencyPoints = 1e9, -1 }, "funding_floor_usd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := DefaultWeights()
			tt.edit(&w)
			err := w.Validate()
			if err == nil {
				t.Fatalf("no error, want one naming %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	// Edges are allowed.
	w := DefaultWeights()
	w.LostWindowDays, w.SeedFraction, w.PooledFundPenalty, w.EstimateMaxAgeDays = 0, 1, 0, 0
	if err := w.Validate(); err != nil {
		t.Errorf("edge values: %v", err)
	}
}

func TestDiff(t *testing.T) {
	old := DefaultWeights()
	if d := old.Diff(old); len(d) != 0 {
		t.Errorf("no change: %q, want empty", d)
	}
	w := old
	w.HiringPoints = 12
	w.FundingPoints = 50
	w.FundingFloorUSD = 50_000
	w.FundingHalfLifeDays = 60
	w.SeedFraction = 0.1
	w.LateRoundFactor = 0.5
	w.EstimateCapUSD = 500_001
	want := []string{
		"Funding points 35 → 50",
		"Funding floor $100k → $50k",
		"Late round factor 0.6 → 0.5",
		"Funding half-life 90 days → 60 days",
		"Hiring points 10 → 12",
		"Seed fraction 8% → 10%",
		"Estimate cap $500000 → $500001",
	}
	if got := w.Diff(old); !slices.Equal(got, want) {
		t.Errorf("diff\n got %q\nwant %q", got, want)
	}
}

func TestFields(t *testing.T) {
	w := DefaultWeights()
	fields := w.Fields()
	typ := reflect.TypeFor[Weights]()
	if len(fields) != typ.NumField() {
		t.Fatalf("%d fields described, Weights has %d", len(fields), typ.NumField())
	}
	groups := append(slices.Clone(PartNames), "Estimate")
	for i, f := range fields {
		sf := typ.Field(i)
		if sf.Tag.Get("json") != f.Key || sf.Tag.Get("yaml") != f.Key {
			t.Errorf("field %d: key %q, struct field %s tags json %q yaml %q", i, f.Key, sf.Name, sf.Tag.Get("json"), sf.Tag.Get("yaml"))
		}
		if f.Value != reflect.ValueOf(w).Field(i).Float() {
			t.Errorf("%s: value %v, weights have %v", f.Key, f.Value, reflect.ValueOf(w).Field(i).Float())
		}
		if f.Label == "" || f.Help == "" || !slices.Contains(groups, f.Group) {
			t.Errorf("%s: label %q, help %q, group %q", f.Key, f.Label, f.Help, f.Group)
		}
		if !(f.Min <= f.Value && f.Value <= f.Max && f.Step > 0) {
			t.Errorf("%s: default %v outside %v–%v or step %v", f.Key, f.Value, f.Min, f.Max, f.Step)
		}

		// Every key round-trips through Set.
		var set Weights = w
		if err := set.Set(f.Key, f.Value+f.Step); err != nil {
			t.Fatalf("Set(%q): %v", f.Key, err)
		}
		if got := set.Fields()[i].Value; got != f.Value+f.Step {
			t.Errorf("Set(%q, %v) then Fields: %v", f.Key, f.Value+f.Step, got)
		}
		if d := set.Diff(w); len(d) != 1 || !strings.HasPrefix(d[0], f.Label+" ") {
			t.Errorf("Set(%q) diff %q, want one line about %q", f.Key, d, f.Label)
		}
	}
	if err := w.Set("no_such_weight", 1); err == nil {
		t.Error("Set of an unknown key: no error")
	}
}

func TestWeightsJSONKeys(t *testing.T) {
	b, err := json.Marshal(DefaultWeights())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range DefaultWeights().Fields() {
		if m[f.Key] != f.Value {
			t.Errorf("json %q = %v, want %v", f.Key, m[f.Key], f.Value)
		}
	}
}
