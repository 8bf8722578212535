package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestWebSourceConfig checks a directory-style config from
// LEADGEN_SOURCES_DIR with `sources check`, then crawls it twice into leads.
func TestWebSourceConfig(t *testing.T) {
	t.Parallel()
	page, err := os.ReadFile("../../crawlers/web/testdata/directory.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nAllow: /\n")) //nolint:errcheck
		case "/search":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page) //nolint:errcheck
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	cfg, err := os.ReadFile("../../crawlers/web/examples/directory.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Point the shipped example at the test server.
	yaml := strings.ReplaceAll(string(cfg), "https://www.citypages.example", srv.URL)
	yaml = strings.ReplaceAll(yaml, "  - citypages.example", "  - "+u.Hostname())
	dir := t.TempDir()
	file := filepath.Join(dir, "directory.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_SOURCES_DIR": dir,
		"LEADGEN_CONTACT_EMAIL": "ops@example.com", "LEADGEN_LOG_FORMAT": "json"}
	check := mustCLI(t, env, "", "sources", "check", file)
	if !strings.Contains(check, "citypages-boston-trades") {
		t.Fatalf("sources check:\n%s", check)
	}
	if out := mustCLI(t, env, "", "sources"); !strings.Contains(out, "web:citypages-boston-trades") {
		t.Fatalf("web source not listed:\n%s", out)
	}
	for range 2 {
		mustCLI(t, env, "", "crawl", "--source", "web:citypages-boston-trades")
	}
	leads := mustCLI(t, env, "", "export")
	rows := readCSV(t, leads)
	if len(rows) < 3 {
		t.Fatalf("directory crawl gave %d leads:\n%s", len(rows)-1, leads)
	}
	sigs := readCSV(t, mustCLI(t, env, "", "export", "--signals"))
	seen := map[string]bool{}
	for _, r := range sigs[1:] {
		if seen[r[1]] {
			t.Fatalf("signal %s stored twice after two crawls", r[1])
		}
		seen[r[1]] = true
	}
}
