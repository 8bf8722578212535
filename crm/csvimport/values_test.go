package csvimport

import (
	"slices"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		eu   bool
		want int64
		cur  string
	}{
		{"$1,500,000", false, 1_500_000, "USD"},
		{"€2.5M", false, 2_500_000, "EUR"},
		{"1.2 million", false, 1_200_000, ""},
		{"USD 3,000,000", false, 3_000_000, "USD"},
		{"3000000 usd", false, 3_000_000, "USD"},
		{"1.500.000", true, 1_500_000, ""},
		{"1.500.000", false, 1_500_000, ""},
		{"1.500", true, 1_500, ""},
		{"1.5", true, 2, ""},
		{"2,5 Mio €", true, 2_500_000, "EUR"},
		{"2,5", false, 3, ""},
		{"1,500", false, 1_500, ""},
		{"1,500.75", false, 1_501, ""},
		{"1.234.567,89 EUR", true, 1_234_568, "EUR"},
		{"1 500 000", true, 1_500_000, ""},
		{"CHF 1'500'000", false, 1_500_000, "CHF"},
		{"£750k", false, 750_000, "GBP"},
		{"US$ 2bn", false, 2_000_000_000, "USD"},
		{"CA$1.5M", false, 1_500_000, "CAD"},
		{"12,937,119", false, 12_937_119, ""},
		{"$10M+", false, 10_000_000, "USD"},
	} {
		m, ok, err := parseAmount(tc.in, tc.eu)
		if err != nil || !ok || m.value != tc.want || m.currency != tc.cur {
			t.Errorf("parseAmount(%q, eu=%v) = %d %q %v %v; want %d %q", tc.in, tc.eu, m.value, m.currency, ok, err, tc.want, tc.cur)
		}
	}
	for _, in := range []string{"", " ", "-", "n/a", "Undisclosed"} {
		if _, ok, err := parseAmount(in, false); ok || err != nil {
			t.Errorf("parseAmount(%q) should be blank, got ok=%v err=%v", in, ok, err)
		}
	}
	for _, in := range []string{"lots", "22.52%", "-5,000", "1.2.3,4,5", "$", "99999999999999999999", "1 dollar"} {
		if _, _, err := parseAmount(in, false); err == nil {
			t.Errorf("parseAmount(%q) should fail", in)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		dayFirst bool
		want     time.Time
	}{
		{"2026-11-03", false, day(2026, 11, 3)},
		{"2026-11-03T14:05:00Z", false, day(2026, 11, 3)},
		{"Nov 3, 2026", false, day(2026, 11, 3)},
		{"November 3, 2026", false, day(2026, 11, 3)},
		{"3 Nov 2026", false, day(2026, 11, 3)},
		{"03-Nov-2026", false, day(2026, 11, 3)},
		{"03/11/2026", false, day(2026, 3, 11)},
		{"03/11/2026", true, day(2026, 11, 3)},
		{"3/11/26", false, day(2026, 3, 11)},
		{"03.11.2026", false, day(2026, 11, 3)},
		{"2026/11/03", false, day(2026, 11, 3)},
		{"2026-11", false, day(2026, 11, 1)},
		{"2026", false, day(2026, 1, 1)},
		{"46329", false, day(2026, 11, 3)}, // Excel serial
	} {
		got, err := parseDate(tc.in, tc.dayFirst)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseDate(%q, %v) = %v, %v; want %v", tc.in, tc.dayFirst, got, err, tc.want)
		}
	}
	for _, in := range []string{"soon", "2026-13-45", "31/02/2026", "13/13/2026", "1850-01-01", "123"} {
		if _, err := parseDate(in, false); err == nil {
			t.Errorf("parseDate(%q) should fail", in)
		}
	}
}

func TestPhoneE164(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, country, want string }{
		{"(617) 720-4455", "", "+16177204455"},
		{"617.720.4455", "United States", "+16177204455"},
		{"1-617-720-4455", "US", "+16177204455"},
		{"+1 617 720 4455 x 12", "", "+16177204455"},
		{"(877)718-6750", "", "+18777186750"},
		{"084-5165-6565", "United Kingdom", "+448451656565"},
		{"0044 20 7946 0958", "", "+442079460958"},
		{"86-755-33979200", "China", "+8675533979200"},
		{"+33 (0)1 42 60 00 00", "France", "+33142600000"},
		{"416-555-0199", "Canada", "+14165550199"},
		{"555-0100", "", ""},
		{"(017) 720-4455", "", ""},
		{"1-800-FLOWERS", "", ""},
		{"12345", "Germany", ""},
		{"020 7946 0958", "Atlantis", ""},
	} {
		got, ok := phoneE164(tc.in, tc.country)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("phoneE164(%q, %q) = %q %v; want %q", tc.in, tc.country, got, ok, tc.want)
		}
	}
}

func TestSmallCleaners(t *testing.T) {
	t.Parallel()
	if got := splitMulti("Pizza, Italian Restaurants;pizza,, Bars"); !slices.Equal(got, []string{"Pizza", "Italian Restaurants", "Bars"}) {
		t.Errorf("splitMulti = %q", got)
	}
	for in, want := range map[string][3]string{
		"Brentwood, Tennessee, United States": {"Brentwood", "Tennessee", "United States"},
		"Paris, France":                       {"Paris", "", "France"},
		"Germany":                             {"", "", "Germany"},
		"A, B, C, D":                          {"A", "B, C", "D"},
	} {
		if c, s, co := splitLocation(in); [3]string{c, s, co} != want {
			t.Errorf("splitLocation(%q) = %q %q %q", in, c, s, co)
		}
	}
	for in, want := range map[string]string{"c_11_50": "11-50", "c_10001_max": "10001+", "1,200": "1200", "5001-10000": "5001-10000"} {
		if got := cleanEmployees(in); got != want {
			t.Errorf("cleanEmployees(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{"Info@Acme.com": "info@acme.com", "mailto:a@b.io; c@d.io": "a@b.io", "x": "", "a@b": "", "a@@b.com": ""} {
		if got, ok := cleanEmail(in); got != want || ok != (want != "") {
			t.Errorf("cleanEmail(%q) = %q %v", in, got, ok)
		}
	}
	if got := cleanText("  =\"02110\"  "); got != "02110" {
		t.Errorf("cleanText Excel wrapper = %q", got)
	}
}
