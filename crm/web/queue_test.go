package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Call mode's "Last notes" are what people wrote (notes, calls), not the
// crawler's entries; with none it says so.
func TestCallModeShowsPeoplesNotes(t *testing.T) {
	t.Parallel()
	f := setup(t)
	tok := f.signIn()
	noted := f.company("Acme Robotics", "https://example.com/acme", 9_000_000)
	f.company("Beta Foods", "https://example.com/beta", 1_000_000)
	if err := f.store.AddNote(context.Background(), userID(t, f, "rep@example.com"), noted, "CTO wants a quote by Friday"); err != nil {
		t.Fatal(err)
	}
	res, _ := f.do("POST", "/queue", url.Values{"_csrf": {tok}, "filter": {""}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start queue = %d", res.StatusCode)
	}
	queue := res.Header.Get("Location")
	_, body := f.do("GET", queue, nil, nil)
	d := doc(t, body)
	if name := d.Find("h2 a").First().Text(); name != "Acme Robotics" {
		t.Fatalf("first lead %q, want Acme Robotics (the larger raise)", name)
	}
	notes := d.Find(`[data-testid="queue-notes"]`).Text()
	if !strings.Contains(notes, "CTO wants a quote by Friday") || strings.Contains(notes, "Crawl") || strings.Contains(notes, "Form D") {
		t.Errorf("last notes = %q, want the note and no crawl entries", notes)
	}

	// Skip to the next lead, which nobody wrote about.
	res, _ = f.do("POST", queue+"/skip", url.Values{"_csrf": {tok}, "company_id": {itoa(noted)}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("skip = %d", res.StatusCode)
	}
	_, body = f.do("GET", queue, nil, nil)
	d = doc(t, body)
	if name := d.Find("h2 a").First().Text(); name != "Beta Foods" {
		t.Fatalf("after a skip the lead is %q, want Beta Foods", name)
	}
	if got := strings.TrimSpace(d.Find(`[data-testid="queue-notes"]`).Text()); got != "Nobody has written about this lead yet." {
		t.Errorf("last notes of an unworked lead = %q", got)
	}
}
