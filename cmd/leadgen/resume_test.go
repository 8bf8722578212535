package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestKilledCrawlResumes kills a crawl half-way (its context ends while a
// filing is being fetched) and runs it again: the end state must equal
// that of one uninterrupted crawl, with nothing lost or duplicated.
func TestKilledCrawlResumes(t *testing.T) {
	t.Parallel()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	since := today.AddDate(0, 0, -4).Format("2006-01-02")
	edgar := newFakeEdgar(t, edgarDays(today), today.AddDate(0, 0, -10), latestOnly)
	env := func(db string) map[string]string {
		return map[string]string{"DATABASE_URL": db, "LEADGEN_EDGAR_URL": edgar.URL,
			"LEADGEN_CONTACT_EMAIL": "ops@example.com", "LEADGEN_LOG_FORMAT": "json"}
	}
	clean := env(crmtest.URL(t))
	mustCLI(t, clean, "", "crawl", "--source", "edgar", "--since", since)
	want := mustCLI(t, clean, "", "export")

	killed := env(crmtest.URL(t))
	ctx, cancel := context.WithCancel(context.Background())
	quill := "/Archives/edgar/data/2100002/000210000226000001/primary_doc.xml"
	edgar.onRequest(func(r *http.Request) {
		if r.URL.Path == quill {
			cancel() // the operator's Ctrl-C lands mid-crawl
		}
	})
	_, _, err := cli(ctx, killed, "", "crawl", "--source", "edgar", "--since", since)
	edgar.onRequest(nil)
	if err == nil {
		t.Fatal("interrupted crawl reported success")
	}
	partial := mustCLI(t, killed, "", "export")
	if partial == want || !strings.Contains(partial, "Northwind") {
		t.Fatalf("the crawl was not interrupted half-way; export:\n%s", partial)
	}
	mustCLI(t, killed, "", "crawl", "--source", "edgar", "--since", since)
	if got := mustCLI(t, killed, "", "export"); got != want {
		t.Fatalf("after kill and re-run:\n%s\nwant, as from one clean crawl:\n%s", got, want)
	}
}
