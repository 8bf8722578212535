package normalize_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/leadgen/leadgen/crm/normalize"
)

func TestNormalizeName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Acme, Inc.":                      "acme",
		"ACME Inc":                        "acme",
		"The Acme Company":                "acme",
		"Acme Labs":                       "acme labs",
		"Acme L.L.C.":                     "acme",
		"Société Générale S.A.":           "societe generale",
		"Zürich Robotics GmbH":            "zurich robotics",
		"Northwind Robotics, Inc.":        "northwind robotics",
		"Acme Ventures Fund II, L.P.":     "acme ventures fund ii",
		"MyFund LLC, a series of AngelCo": "myfund",
		"The":                             "the",
		"Inc":                             "inc",
		"  ":                              "",
	} {
		if got := normalize.Name(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeDomain(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://www.Acme.io/about?x=1":     "acme.io",
		"acme.io":                           "acme.io",
		"http://app.acme.co.uk":             "acme.co.uk",
		"WWW.ACME.COM.":                     "acme.com",
		"acme.io:8443/path":                 "acme.io",
		"https://linkedin.com/company/acme": "",
		"https://acme.github.io":            "acme.github.io",
		"not a domain":                      "",
		"localhost":                         "",
		"":                                  "",
	} {
		if got := normalize.Domain(in); got != want {
			t.Errorf("NormalizeDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Acme, Inc.", "https://www.acme.io", "Société S.A.", "a series of", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Normalising twice must not change a name further, or keys would drift.
		if n := normalize.Name(s); normalize.Name(n) != n {
			t.Fatalf("NormalizeName(%q) = %q, but NormalizeName(%q) = %q", s, n, n, normalize.Name(n))
		}
		d := normalize.Domain(s)
		if d != "" && normalize.Domain(d) != d {
			t.Fatalf("NormalizeDomain(%q) = %q, but NormalizeDomain(%q) = %q", s, d, d, normalize.Domain(d))
		}
	})
}

func TestDomainRejectsNonHosts(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"000.0000000%8000", "10.0.0.1", "http://[::1]/", "münchen-robotics.de"} {
		got := normalize.Domain(in)
		if in == "münchen-robotics.de" {
			if got != "xn--mnchen-robotics-zvb.de" {
				t.Errorf("Domain(%q) = %q, want the punycode form", in, got)
			}
			continue
		}
		if got != "" {
			t.Errorf("Domain(%q) = %q, want \"\"", in, got)
		}
	}
}

func TestNameIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 2000 {
				in := fmt.Sprintf("Société %d-%d, Inc.", i, j)
				if got, want := normalize.Name(in), fmt.Sprintf("societe %d %d", i, j); got != want {
					t.Errorf("Name(%q) = %q, want %q", in, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
