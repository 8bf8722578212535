package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestFreelancerClientsBecomeLeads crawls a server laid out like
// Freelancer.com's API twice: only clients with a project worth the
// threshold become leads, with their budgets in USD, and nothing doubles.
func TestFreelancerClientsBecomeLeads(t *testing.T) {
	t.Parallel()
	page, err := os.ReadFile("../../crawlers/freelancer/testdata/page_p0.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nAllow: /\n")) //nolint:errcheck
		case r.URL.Path == "/api/projects/0.1/projects/active/" && r.URL.Query().Get("offset") == "0":
			w.Write(page) //nolint:errcheck
		case r.URL.Path == "/api/projects/0.1/projects/active/":
			w.Write([]byte(`{"status":"success","result":{"projects":[],"users":{},"total_count":4}}`)) //nolint:errcheck
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := crmtest.URL(t)
	env := map[string]string{"DATABASE_URL": db, "LEADGEN_FREELANCER_URL": srv.URL, "LEADGEN_CONTACT_EMAIL": "ops@example.com",
		"LEADGEN_MIN_PROJECT_USD": "1500", "LEADGEN_LOG_FORMAT": "json"}
	for range 2 {
		mustCLI(t, env, "", "crawl", "--source", "freelancer")
	}
	leads := mustCLI(t, env, "", "export")
	if !strings.Contains(leads, "Northwind Analytics") || !strings.Contains(leads, "Holloway Foods Ltd") {
		t.Fatalf("qualifying clients missing:\n%s", leads)
	}
	if strings.Contains(leads, "Kaveri") {
		t.Fatalf("a client whose projects are all under $1,500 became a lead:\n%s", leads)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var signals, distinct, projects int
	var largest int64
	err = conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT (source, source_item_id)),
		(SELECT p.projects FROM client_profiles p JOIN companies c ON c.id = p.company_id WHERE c.name = 'Northwind Analytics'),
		(SELECT p.largest_budget_usd FROM client_profiles p JOIN companies c ON c.id = p.company_id WHERE c.name = 'Northwind Analytics')
		FROM signals`).Scan(&signals, &distinct, &projects, &largest)
	if err != nil {
		t.Fatal(err)
	}
	// Northwind's $250 logo job is kept as evidence beside its $3,000 project.
	if signals != distinct || projects != 2 || largest != 3000 {
		t.Fatalf("%d signals (%d distinct); Northwind has %d projects, largest $%d", signals, distinct, projects, largest)
	}
}
