package yc

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseBatch(t *testing.T) {
	for in, want := range map[string]Batch{
		"Winter 2025": {Winter, 2025}, "winter-2025": {Winter, 2025}, "W25": {Winter, 2025}, "w2025": {Winter, 2025},
		"Spring 2026": {Spring, 2026}, "X26": {Spring, 2026}, "summer_2019": {Summer, 2019}, "S05": {Summer, 2005},
		" F24 ": {Fall, 2024}, "Fall 2026": {Fall, 2026},
	} {
		if got, ok := ParseBatch(in); !ok || got != want {
			t.Errorf("ParseBatch(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Unspecified", "IK12", "W", "W2", "W123", "Autumn 2024", "Winter", "Winter 1999", "S04", "Q25", "Winter 2025 extra"} {
		if got, ok := ParseBatch(in); ok {
			t.Errorf("ParseBatch(%q) = %v, want refusal", in, got)
		}
	}
}

func TestBatchNames(t *testing.T) {
	b := Batch{Spring, 2026}
	if b.Name() != "Spring 2026" || b.Short() != "X26" || b.Slug() != "spring-2026" || !b.Start().Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("%q %q %q %v", b.Name(), b.Short(), b.Slug(), b.Start())
	}
	if got := BatchURL(DefaultBaseURL, Batch{Winter, 2025}); got != "https://yc-oss.github.io/api/batches/winter-2025.json" {
		t.Errorf("BatchURL = %s", got)
	}
	if (Batch{Fall, 2025}).Compare(Batch{Winter, 2026}) >= 0 || (Batch{Summer, 2026}).Compare(Batch{Spring, 2026}) <= 0 {
		t.Error("Compare does not order by time")
	}
}

func TestParseBatchIndex(t *testing.T) {
	bs, err := ParseBatchIndex(openFixture(t, "meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, b := range bs {
		slugs = append(slugs, b.Slug())
	}
	want := []string{"fall-2026", "summer-2026", "spring-2026", "winter-2026", "fall-2025", "summer-2025", "winter-2012"}
	if !slices.Equal(slugs, want) {
		t.Errorf("batches = %v\nwant      %v", slugs, want)
	}
	for _, body := range []string{`{"companies":{}}`, `[]`, `<html>`, `{"batches":`} {
		if _, err := ParseBatchIndex(strings.NewReader(body)); err == nil || !strings.HasPrefix(err.Error(), "yc: parse batch index: ") {
			t.Errorf("%s: err = %v", body, err)
		}
	}
	bs, err = ParseBatchIndex(strings.NewReader(`{"batches":{"w24":3,"summer-2024":{"name":"Summer 2024"},"x":{"name":"Winter 2024"}}}`))
	if err != nil || len(bs) != 2 || bs[0] != (Batch{Summer, 2024}) || bs[1] != (Batch{Winter, 2024}) {
		t.Errorf("lenient index = %v, %v; want S24 then W24 once", bs, err)
	}
}
