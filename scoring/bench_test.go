package scoring

import "testing"

func BenchmarkCompute(b *testing.B) {
	f := Features{
		RoundUSD: 8_000_000, RoundAt: ago(5), RoundName: "Seed", RoundSources: []string{"TechCrunch", "Form D"},
		RoundURL: "https://techcrunch.com/nimbus", TotalRaisedUSD: 9_500_000,
		Industry: "Other Technology", Categories: []string{"Artificial Intelligence", "B2B", "Developer Tools"},
		HiringPosts: 3, EngineeringPosts: 2, LastHiringAt: ago(9), HiringURL: "https://news.ycombinator.com/item?id=1",
		LastSignalAt: ago(5), LastSignalSource: "TechCrunch",
	}
	w := DefaultWeights()
	b.ReportAllocs()
	for b.Loop() {
		Compute(f, w, goldenNow)
	}
}
