package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestUpworkNeedsCredentialsThenCrawls lists Upwork as needing credentials
// (skipped, not failed) until a token is configured, then crawls a fake
// GraphQL server laid out like Upwork's into client leads.
func TestUpworkNeedsCredentialsThenCrawls(t *testing.T) {
	t.Parallel()
	var pages [3][]byte
	for i := range pages {
		b, err := os.ReadFile("../../crawlers/upwork/testdata/search_page" + string(rune('1'+i)) + ".json")
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = b
	}
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nAllow: /\n")) //nolint:errcheck
		case r.Header.Get("Authorization") != "Bearer test-token":
			w.WriteHeader(http.StatusUnauthorized)
		default:
			n := min(int(calls.Add(1))-1, 2)
			w.Write(pages[n]) //nolint:errcheck
		}
	}))
	defer srv.Close()
	env := map[string]string{"DATABASE_URL": crmtest.URL(t), "LEADGEN_UPWORK_URL": srv.URL + "/graphql",
		"LEADGEN_CONTACT_EMAIL": "ops@example.com", "LEADGEN_LOG_FORMAT": "json"}
	if out := mustCLI(t, env, "", "sources"); !strings.Contains(out, "upwork") || !strings.Contains(out, "needs credentials") {
		t.Fatalf("sources without Upwork credentials:\n%s", out)
	}
	mustCLI(t, env, "", "crawl", "--source", "upwork") // skipped, not failed
	if leads := mustCLI(t, env, "", "export"); strings.Count(leads, "\n") != 1 {
		t.Fatalf("Upwork crawled without credentials:\n%s", leads)
	}
	env["LEADGEN_UPWORK_TOKEN"] = "test-token"
	mustCLI(t, env, "", "crawl", "--source", "upwork")
	leads := mustCLI(t, env, "", "export")
	if !strings.Contains(leads, "Upwork client") {
		t.Fatalf("no Upwork client leads:\n%s", leads)
	}
	env["LEADGEN_UPWORK_TOKEN"] = "revoked"
	_, _, err := cli(context.Background(), env, "", "crawl", "--source", "upwork")
	if err == nil || !strings.Contains(err.Error(), "crawl failed for upwork") {
		t.Fatalf("a rejected token: %v", err)
	}
}
