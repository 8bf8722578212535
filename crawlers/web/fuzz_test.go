package web

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzLoadConfig(f *testing.F) {
	for _, name := range []string{"examples/marketplace.yaml", "examples/directory.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(minimal)
	f.Add(minimal + "  phone: [b, {selector: a, attr: href, regex: 'tel:(.+)'}]\n")
	f.Add("name: x\nfields: {title: [[a]]}\n")
	f.Fuzz(func(t *testing.T, y string) {
		cfg, err := LoadConfig(strings.NewReader(y))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "web: ") {
				t.Fatalf("error without context: %v", err)
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("loaded config does not validate: %v", err)
		}
		for _, u := range cfg.StartURLs {
			if !cfg.Allowed(u) {
				t.Fatalf("start URL %q outside %v", u, cfg.AllowedDomains)
			}
		}
		// Every selector and regex that validated must also run.
		if _, err := Extract(cfg, cfg.StartURLs[0], strings.NewReader("<ul><li class=row><h3>A</h3></li></ul>")); err != nil {
			t.Fatalf("extract with a valid config: %v", err)
		}
	})
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"marketplace_p1.html", "marketplace_p2.html", "directory.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<div class="result"><a class="business-name" href="javascript:x">` + "\xff\x00" + `</a><a class="call" href="tel:%zz">c</a></div>`))
	cfgs := []Config{loadExample(f, "marketplace"), loadExample(f, "directory")}
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, cfg := range cfgs {
			cfg.Now = testNow
			p, err := Extract(cfg, cfg.StartURLs[0], bytes.NewReader(page))
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			if p.Skipped < 0 || (p.NextURL != "" && !cfg.Allowed(p.NextURL)) {
				t.Fatalf("page %+v", p)
			}
			for _, it := range p.Items {
				checkItem(t, cfg, it)
			}
		}
	})
}

// checkItem asserts what every extracted item promises.
func checkItem(t *testing.T, cfg Config, it Item) {
	t.Helper()
	if it.Title == "" && it.Company == "" {
		t.Fatalf("item without title or company: %+v", it)
	}
	for _, s := range []string{it.Title, it.Company, it.Phone, it.Address, it.Category, it.Budget.Text, it.PostedText} {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) || s != strings.TrimSpace(s) ||
			utf8.RuneCountInString(s) > maxFieldRunes {
			t.Fatalf("unsafe text %q", s)
		}
	}
	for _, u := range []string{it.Website, it.DetailURL} {
		if pu, err := url.Parse(u); u != "" && (err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "") {
			t.Fatalf("bad URL %q", u)
		}
	}
	if it.Website != "" && cfg.Allowed(it.Website) {
		t.Fatalf("website %q on the listing site", it.Website)
	}
	if it.Budget.Amount < 0 || it.Budget.Max < it.Budget.Amount || it.Budget.USD < 0 || it.Budget.MaxUSD < it.Budget.USD {
		t.Fatalf("bad budget %+v", it.Budget)
	}
	if !it.Posted.IsZero() && it.Posted.After(testNow.AddDate(0, 0, 1)) {
		t.Fatalf("posted in the future: %v", it.Posted)
	}
	s := SignalFor(cfg, it)
	if s.SourceItemID == "" || s.Title == "" || s.OccurredAt.IsZero() || s.URL == "" {
		t.Fatalf("bad signal %+v", s)
	}
}
