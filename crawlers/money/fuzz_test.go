package money

import (
	"math"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"$12M", "$1.5 billion", "US$ 300K", "€20 million", "£1.5M", "Rs 530 crore", "₹4 Cr", "INR 12 lakh",
		"CA$5M", "A$10m", "¥1 billion", "$12.5-million", "$30-50 million", "20 million euros",
		"raised $20M at a $200M valuation", "Rs. 1,200 crore ($144 million)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, err := Parse(s); err == nil {
			checkAmount(t, s, a)
			if len(Find(s)) == 0 {
				t.Fatalf("Parse(%q) ok but Find finds nothing", s)
			}
		} else if !strings.HasPrefix(err.Error(), "money: parse ") {
			t.Fatalf("unprefixed error %v", err)
		}
		found := Find(s)
		if m, ok := AtStart(s); ok && (len(found) == 0 || found[0].Start != 0 || found[0].Text != m.Text) {
			t.Fatalf("AtStart(%q) = %+v but Find = %+v", s, m, found)
		}
		prev := 0
		for _, m := range found {
			if m.Start < prev || m.End <= m.Start || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad match %+v in %q", m, s)
			}
			prev = m.End
			checkAmount(t, m.Text, m.Amount)
		}
	})
}

// checkAmount asserts what every parsed amount must satisfy.
func checkAmount(t *testing.T, s string, a Amount) {
	t.Helper()
	if !Known(a.Currency) || math.IsNaN(a.Value) || a.Value < 0 || a.Max < a.Value || a.Max > maxValue {
		t.Fatalf("%q parsed to bad amount %+v", s, a)
	}
	usd, err := a.USD()
	if err != nil || usd < 0 {
		t.Fatalf("%q: USD() = %d, %v", s, usd, err)
	}
	if f := Format(usd, "USD"); !strings.HasPrefix(f, "$") {
		t.Fatalf("Format(%d) = %q", usd, f)
	}
}
