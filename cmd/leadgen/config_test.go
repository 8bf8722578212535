package main

import (
	"errors"
	"strings"
	"testing"
)

func TestConfigTrustedProxies(t *testing.T) {
	t.Parallel()
	load := func(v string) (config, error) {
		return loadConfig(func(k string) string {
			if k == "LEADGEN_TRUSTED_PROXIES" {
				return v
			}
			return ""
		})
	}
	c, err := load("")
	if err != nil || c.TrustedProxies != nil {
		t.Fatalf("unset: %v, %v; want no trusted proxies", c.TrustedProxies, err)
	}
	// Bare addresses stand for themselves alone; a range keeps its network.
	c, err = load(" 127.0.0.1, 10.1.2.3/8 ,,fd00::/8,::1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range c.TrustedProxies {
		got = append(got, r.String())
	}
	if want := "127.0.0.1/32 10.0.0.0/8 fd00::/8 ::1/128"; strings.Join(got, " ") != want {
		t.Errorf("trusted proxies = %v, want %s", got, want)
	}
	if r := c.TrustedProxies[0]; len(r.IP) != 4 {
		t.Errorf("bare IPv4 kept as %d bytes, want 4", len(r.IP))
	}
	for _, bad := range []string{"proxy.internal", "10.0.0.0/33", "10.0.0", "fe80::1%eth0"} {
		_, err := load("127.0.0.1," + bad)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "LEADGEN_TRUSTED_PROXIES") || !strings.Contains(err.Error(), `"`+bad+`"`) {
			t.Errorf("%q: err %v, want a usage error naming the setting and the entry", bad, err)
		}
	}
}
