package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crawlers"
)

// loadExample loads examples/<name>.yaml, the shipped configs themselves.
func loadExample(t testing.TB, name string) Config {
	t.Helper()
	cfg, err := LoadFile(filepath.Join("examples", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestLoadExamples(t *testing.T) {
	t.Parallel()
	m := loadExample(t, "marketplace")
	if m.Name != "gigharbor-projects" || m.Kind != crawlers.KindProject || m.RateLimit != 0.5 || m.MaxPages != 3 ||
		!m.Enabled || m.MinBudgetUSD != 100 || m.NextPage.Attr != "href" || m.Fields.DetailURL.Attr != "href" {
		t.Errorf("marketplace = %+v", m)
	}
	d := loadExample(t, "directory")
	if d.Kind != crawlers.KindListing || d.NextPage.Selector != "div.pagination a.next" || d.NextPage.Attr != "href" ||
		len(d.Fields.Phone.Fallbacks) != 1 || d.Fields.Phone.Fallbacks[0].Attr != "href" || !d.Fields.Address.All {
		t.Errorf("directory = %+v", d)
	}
	cfgs, errs := LoadDir("examples")
	if len(cfgs) != 2 || len(errs) != 0 {
		t.Errorf("LoadDir: %d configs, errors %v", len(cfgs), errs)
	}
}

const minimal = `
name: shop
start_urls: [https://www.shop.example/list]
allowed_domains: [shop.example]
item: li.row
fields:
  title: h3
`

func TestLoadConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig(strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Kind != crawlers.KindListing || cfg.RateLimit != DefaultRateLimit || cfg.MaxPages != DefaultMaxPages || !cfg.Enabled {
		t.Errorf("defaults not filled: %+v", cfg)
	}
	cfg, err = LoadConfig(strings.NewReader(minimal + "enabled: false\n"))
	if err != nil || cfg.Enabled {
		t.Errorf("enabled: false → %v, %v", cfg.Enabled, err)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", minimal + "max_page: 3\n", "field max_page not found"},
		{"unknown field key", minimal + "  company: {selector: b, atr: href}\n", `"atr" not found`},
		{"unknown field name", minimal + "  email: a.mail\n", "field email not found"},
		{"missing item", strings.Replace(minimal, "item: li.row", "", 1), "item: required"},
		{"bad item selector", strings.Replace(minimal, "li.row", `"li["`, 1), "item: bad selector"},
		{"no title or company", strings.Replace(minimal, "  title: h3", "  phone: b", 1), "fields: title or company is required"},
		{"bad regex", minimal + "  phone: {selector: b, regex: '(\\d+'}\n", "fields.phone.regex: bad regex"},
		{"bad fallback regex", minimal + "  phone: [b, {selector: a, regex: '[x'}]\n", "fields.phone[1].regex"},
		{"bad name", strings.Replace(minimal, "name: shop", "name: My Shop", 1), `name: "My Shop" must be`},
		{"missing name", strings.Replace(minimal, "name: shop", "", 1), `name: "" must be`},
		{"start url outside", strings.Replace(minimal, "www.shop.example", "www.evilshop.example", 1), "start_urls[0]: \"https://www.evilshop.example/list\" is outside allowed_domains"},
		{"relative start url", strings.Replace(minimal, "https://www.shop.example/list", "/list", 1), "start_urls[0]: \"/list\" must be an absolute"},
		{"no allowed domains", strings.Replace(minimal, "allowed_domains: [shop.example]", "", 1), "allowed_domains: required"},
		{"domain with scheme", strings.Replace(minimal, "[shop.example]", "[https://shop.example]", 1), "allowed_domains[0]"},
		{"bad kind", minimal + "kind: job\n", `kind: "job" must be listing or project`},
		{"rate too high", minimal + "rate_limit: 5\n", "rate_limit: 5 must be"},
		{"negative rate", minimal + "rate_limit: -1\n", "rate_limit: -1 must be"},
		{"too many pages", minimal + "max_pages: 1000\n", "max_pages: 1000 must be"},
		{"unknown currency", minimal + "default_currency: XYZ\n", "default_currency: unknown currency"},
		{"negative min budget", minimal + "min_budget_usd: -5\n", "min_budget_usd"},
		{"wrong type", minimal + "max_pages: many\n", "cannot unmarshal"},
		{"empty", "", "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadConfig(strings.NewReader(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadConfigReportsEveryProblem(t *testing.T) {
	t.Parallel()
	y := strings.NewReplacer("name: shop", "name: Shop!", "item: li.row", "item: ''").Replace(minimal) + "kind: job\n"
	_, err := LoadConfig(strings.NewReader(y))
	for _, want := range []string{"name:", "item:", "kind:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestLoadDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", minimal)
	write("b.yml", minimal) // same name as a.yaml
	write("c.yaml", minimal+"bogus: 1\n")
	write("d.yaml", strings.Replace(minimal, "name: shop", "name: shop-two", 1)+"enabled: false\n")
	write("notes.txt", "not a config")
	cfgs, errs := LoadDir(dir)
	if len(cfgs) != 2 || cfgs[0].Name != "shop" || cfgs[1].Name != "shop-two" || cfgs[1].Enabled {
		t.Errorf("configs = %+v", cfgs)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "b.yml") || !strings.Contains(errs[0].Error(), "already used") ||
		!strings.Contains(errs[1].Error(), "c.yaml") {
		t.Errorf("errors = %v", errs)
	}
	if _, errs := LoadDir(filepath.Join(dir, "missing")); len(errs) != 1 {
		t.Errorf("missing dir: %v", errs)
	}
}

func TestAllowed(t *testing.T) {
	t.Parallel()
	cfg := Config{AllowedDomains: []string{"example.com", "127.0.0.1"}}
	for u, want := range map[string]bool{
		"https://example.com/a":             true,
		"http://www.example.com/a":          true,
		"https://EXAMPLE.com./a":            true,
		"https://evil-example.com/a":        false,
		"https://example.com.evil.net/a":    false,
		"ftp://example.com/a":               false,
		"http://127.0.0.1:8080/x":           true,
		"http://localhost:8080/x":           false,
		"javascript:alert(1)":               false,
		"https://user@evil.net/example.com": false,
	} {
		if got := cfg.Allowed(u); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", u, got, want)
		}
	}
}
