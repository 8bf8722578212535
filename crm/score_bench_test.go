package crm_test

import (
	"context"
	"testing"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// BenchmarkRescoreAll rescores 20,000 synthetic companies per iteration;
// bench/rescore runs the same at 1,000,000.
func BenchmarkRescoreAll(b *testing.B) {
	ctx := context.Background()
	s := crmtest.Store(b, crm.StoreOptions{})
	const n = 20_000
	if err := s.LoadSyntheticCompanies(ctx, n); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if got, err := s.RescoreAll(ctx); err != nil || got != n {
			b.Fatalf("rescored %d, %v", got, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "companies/s")
}
