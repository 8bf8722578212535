package money

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in       string
		value    float64
		max      float64 // 0: same as value
		currency string
	}{
		{"$12M", 12e6, 0, "USD"},
		{"$12m", 12e6, 0, "USD"},
		{"$1.5 billion", 1.5e9, 0, "USD"},
		{"$1.5bn", 1.5e9, 0, "USD"},
		{"$2B", 2e9, 0, "USD"},
		{"US$ 300K", 300e3, 0, "USD"},
		{"US$300k", 300e3, 0, "USD"},
		{"US $5 million", 5e6, 0, "USD"},
		{"USD 7.25 million", 7.25e6, 0, "USD"},
		{"$300", 300, 0, "USD"},
		{"$1,200,000", 1.2e6, 0, "USD"},
		{"$12.5-million", 12.5e6, 0, "USD"},
		{"$30-50 million", 30e6, 50e6, "USD"},
		{"$1.5-$2 billion", 1.5e9, 2e9, "USD"},
		{"$30 to $50 million", 30e6, 50e6, "USD"},
		{"€20 million", 20e6, 0, "EUR"},
		{"€20M", 20e6, 0, "EUR"},
		{"EUR 4.2m", 4.2e6, 0, "EUR"},
		{"20 million euros", 20e6, 0, "EUR"},
		{"£1.5M", 1.5e6, 0, "GBP"},
		{"£750,000", 750e3, 0, "GBP"},
		{"10 million pounds", 10e6, 0, "GBP"},
		{"Rs 530 crore", 530e7, 0, "INR"},
		{"Rs. 1,200 crore", 1200e7, 0, "INR"},
		{"₹4 Cr", 4e7, 0, "INR"},
		{"₹4.5 crore", 4.5e7, 0, "INR"},
		{"INR 12 lakh", 12e5, 0, "INR"},
		{"Rs 80 lakh", 80e5, 0, "INR"},
		{"150 crore rupees", 150e7, 0, "INR"},
		{"CA$5M", 5e6, 0, "CAD"},
		{"C$12 million", 12e6, 0, "CAD"},
		{"A$10m", 10e6, 0, "AUD"},
		{"AU$3.2 million", 3.2e6, 0, "AUD"},
		{"¥1 billion", 1e9, 0, "JPY"},
		{"1 billion yen", 1e9, 0, "JPY"},
		{"CN¥50 million", 50e6, 0, "CNY"},
		{"RMB 200 million", 200e6, 0, "CNY"},
		{"100 million yuan", 100e6, 0, "CNY"},
		{"S$8 million", 8e6, 0, "SGD"},
		{"CHF 15 million", 15e6, 0, "CHF"},
		{"15 million Swiss francs", 15e6, 0, "CHF"},
		{"SEK 100 million", 100e6, 0, "SEK"},
		{"100 million kronor", 100e6, 0, "SEK"},
		{"R$40 million", 40e6, 0, "BRL"},
		{"40 million reais", 40e6, 0, "BRL"},
		{"₪30 million", 30e6, 0, "ILS"},
		{"NIS 12 million", 12e6, 0, "ILS"},
		{"₩10 billion", 10e9, 0, "KRW"},
		{"10 billion won", 10e9, 0, "KRW"},
		{"KRW 3.5bn", 3.5e9, 0, "KRW"},
		{"₦2 billion", 2e9, 0, "NGN"},
		{"HK$80m", 80e6, 0, "HKD"},
		{"5M USD", 5e6, 0, "USD"},
		{"2 million dollars", 2e6, 0, "USD"},
		{"$20\u00a0million", 20e6, 0, "USD"},
	} {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		want := Amount{Value: tt.value, Max: tt.max, Currency: tt.currency}
		if tt.max == 0 {
			want.Max = tt.value
		}
		if !near(got.Value, want.Value) || !near(got.Max, want.Max) || got.Currency != want.Currency {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"", "12M", "20 million", "$", "$M", "€", "million dollars", "Series B", "$12M and more",
		"try 5 million", "hers 5", "$1e400", "$99999999999999999999 billion", "Rs", "5 more dollars",
		"$1000010B", // parses below maxValue but ToUSD refuses it (found by fuzzing)
	} {
		if a, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, a)
		} else if !strings.HasPrefix(err.Error(), "money: parse ") {
			t.Errorf("Parse(%q) error %q lacks context", in, err)
		}
	}
	if _, err := Parse("12M"); !errors.Is(err, ErrNotMoney) {
		t.Errorf("Parse(12M) error = %v, want ErrNotMoney", err)
	}
}

func TestFind(t *testing.T) {
	text := "Fernleaf raised $20M at a $200M valuation, after a ₹4 Cr seed; 5 more users and 12 million downloads, Series B"
	got := Find(text)
	want := []string{"$20M", "$200M", "₹4 Cr"}
	if len(got) != len(want) {
		t.Fatalf("Find = %+v, want %v", got, want)
	}
	for i, m := range got {
		if m.Text != want[i] || text[m.Start:m.End] != m.Text {
			t.Errorf("match %d = %+v, want %q", i, m, want[i])
		}
	}
	if n := len(Find("the app hit 5 million users; hers 5; $5 more; try 3 million times")); n != 1 {
		t.Errorf("Find found %d phrases in non-money text, want only \"$5\"", n)
	}
}

func TestToUSD(t *testing.T) {
	for _, tt := range []struct {
		amount   float64
		currency string
		want     int64
	}{
		{12e6, "USD", 12_000_000},
		{12e6, "usd", 12_000_000},
		{20e6, "EUR", 23_255_814},
		{530e7, "INR", 60_571_429},
		{1e9, "JPY", 6_849_315},
		{0, "GBP", 0},
	} {
		got, err := ToUSD(tt.amount, tt.currency)
		if err != nil || got != tt.want {
			t.Errorf("ToUSD(%v, %s) = %d, %v; want %d", tt.amount, tt.currency, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		amount   float64
		currency string
	}{{1, "XYZ"}, {1, ""}, {-1, "USD"}, {math.NaN(), "USD"}, {math.Inf(1), "EUR"}, {1e30, "USD"}} {
		if _, err := ToUSD(tt.amount, tt.currency); err == nil || !strings.HasPrefix(err.Error(), "money: to usd: ") {
			t.Errorf("ToUSD(%v, %q) error = %v, want a refusal", tt.amount, tt.currency, err)
		}
	}
}

func TestRateTable(t *testing.T) {
	if got := RatesAsOf(); !got.Equal(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("RatesAsOf = %v", got)
	}
	want := strings.Fields("USD EUR GBP INR CAD AUD JPY CNY SGD CHF SEK BRL ILS KRW")
	for _, c := range want {
		if !Known(c) {
			t.Errorf("rate table lacks %s", c)
		}
	}
	for _, c := range Currencies() {
		if u, _ := ToUSD(1e6, c); u <= 0 {
			t.Errorf("1M %s converts to %d USD", c, u)
		}
	}
	for sign, code := range prefixes {
		if !Known(code) {
			t.Errorf("prefix %q maps to %s, missing from the rate table", sign, code)
		}
	}
	for name, code := range suffixes {
		if !Known(code) {
			t.Errorf("suffix %q maps to %s, missing from the rate table", name, code)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		cur  string
		want string
	}{
		{950, "USD", "$950"}, {250_000, "USD", "$250K"}, {12_000_000, "USD", "$12M"},
		{1_500_000, "EUR", "€1.5M"}, {5_300_000_000, "INR", "₹5.3B"}, {12_000_000, "CHF", "CHF 12M"},
		{999_999, "GBP", "£1M"}, {2_000_000_000_000, "KRW", "₩2T"}, {7, "", "7"},
		{0, "USD", "$0"}, {999, "USD", "$999"}, {1000, "USD", "$1K"}, {999_600, "USD", "$1M"},
		{1_029_908, "USD", "$1.03M"}, {1_512_500, "USD", "$1.51M"}, {12_500_000, "USD", "$12.5M"}, {3_200_000_000, "USD", "$3.2B"},
	} {
		if got := Format(tt.n, tt.cur); got != tt.want {
			t.Errorf("Format(%d, %q) = %q, want %q", tt.n, tt.cur, got, tt.want)
		}
	}
}

func TestAtStart(t *testing.T) {
	for _, s := range []string{"$12M Series A", "€20 million to automate", "Rs 530 crore in Series C", "20 million euros for", "$5 more"} {
		m, ok := AtStart(s)
		f := Find(s)
		if !ok || len(f) == 0 || f[0].Start != 0 || m.Text != f[0].Text || m.Amount != f[0].Amount {
			t.Errorf("AtStart(%q) = %+v, %v; Find = %+v", s, m, ok, f)
		}
	}
	for _, s := range []string{"raises $12M", "", "Series B", " $5M"} {
		if m, ok := AtStart(s); ok {
			t.Errorf("AtStart(%q) = %+v", s, m)
		}
	}
}
