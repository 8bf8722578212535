package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestScoringPageInBrowser changes a weight on the Scoring page, watches the
// preview move a company up, saves, and sees the list reorder once the
// background rescoring is done.
func TestScoringPageInBrowser(t *testing.T) {
	t.Parallel()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	ingest := func(sig crawlers.Signal) {
		t.Helper()
		if _, err := store.Ingest(context.Background(), sig); err != nil {
			t.Fatal(err)
		}
	}
	// Three funded issuers and a marketplace client that ranks below them.
	for i, usd := range []int64{30_000_000, 20_000_000, 12_000_000} {
		ingest(crawlers.Signal{
			Source: "edgar", SourceItemID: fmt.Sprint("acc-", i), Kind: crawlers.KindFormD, Title: "Form D",
			URL: fmt.Sprint("https://www.sec.gov/acc-", i), OccurredAt: time.Now().AddDate(0, 0, -i-1), AmountUSD: usd,
			Company: crawlers.Company{Keys: []string{fmt.Sprint("cik:", i)}, Name: fmt.Sprintf("Funded %c Inc", 'A'+i), Industry: "Other Technology"},
		})
	}
	ingest(crawlers.Signal{
		Source: "freelancer", SourceItemID: "p1", Kind: crawlers.KindProject, Title: "Build a booking app",
		URL: "https://www.freelancer.com/projects/p1", OccurredAt: time.Now().AddDate(0, 0, -1), AmountUSD: 4_000,
		Company: crawlers.Company{Keys: []string{"freelancer:77"}, Name: "Harbor Clinics"},
		Raw:     map[string]any{"type": "fixed", "qualifies": true, "client_payment_verified": true},
	})
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "admin@example.com", "--role", "admin")
	base, stop := startServe(t, env)
	defer stop()

	ctx, cancel := context.WithTimeout(newBrowser(t), 90*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	firstLead := `document.querySelector('[data-testid="lead-name"]').textContent`
	step("sign in", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	))
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstLead))
	step("read the list", err)
	if first == "Harbor Clinics" {
		t.Fatal("the client already leads the list; the test needs it below the funded issuers")
	}
	step("open Scoring", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="nav-scoring"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="preview-row"]`)),
		// Funding counts for nothing: the preview must put the client first.
		chromedp.Clear(chromedp.CSS(`[data-testid="weight-funding_points"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="weight-funding_points"]`), "0"),
		chromedp.Clear(chromedp.CSS(`[data-testid="weight-total_raised_points"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="weight-total_raised_points"]`), "0"),
	))
	step("preview moves the client up", waitFor(ctx, `(() => {
		const r = document.querySelector('[data-testid="preview-row"]');
		return r && r.querySelector('[data-testid="preview-name"]').textContent === 'Harbor Clinics' &&
			r.querySelector('[data-testid="preview-move"]').textContent.startsWith('▲');
	})()`))
	step("save", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid="weights-save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="weights-saved"]`)),
	))
	step("rescoring finishes", waitFor(ctx, `document.querySelector('[data-testid="rescore-status"]').dataset.status === 'done'`))
	versions, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="weights-versions"]').textContent`))
	step("read versions", err)
	if !strings.Contains(versions, "Funding points 35 → 0") || !strings.Contains(versions, "admin@example.com") {
		t.Errorf("versions list = %q", versions)
	}
	step("list reordered", chromedp.Do(ctx,
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	))
	first, err = chromedp.Run(ctx, chromedp.Evaluate[string](firstLead))
	step("read the list", err)
	version, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="lead-version"]').textContent`))
	step("read the version", err)
	if first != "Harbor Clinics" || version != "v1/w2" {
		t.Fatalf("after rescoring the list starts with %q scored by %q; want Harbor Clinics by v1/w2", first, version)
	}
}
