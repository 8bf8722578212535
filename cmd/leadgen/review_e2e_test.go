package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leadgen/leadgen/crawlers"
	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestReviewQueueInBrowser merges a possible duplicate and undoes it in Chromium.
func TestReviewQueueInBrowser(t *testing.T) {
	t.Parallel()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	for i, name := range []string{"Lumen Robotics", "Lumen Robotics Labs"} {
		_, err := store.Ingest(context.Background(), crawlers.Signal{
			Source: "news", SourceItemID: name, Kind: crawlers.KindFunding, Title: name + " raises $4M",
			URL: "https://news.example/" + name, OccurredAt: time.Now().AddDate(0, 0, -i-1), AmountUSD: 4_000_000,
			Company: crawlers.Company{Name: name},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "rev@example.com")
	base, stop := startServe(t, env)
	defer stop()

	ctx, cancel := context.WithTimeout(newBrowser(t), 60*time.Second)
	defer cancel()
	leads := `document.querySelectorAll('[data-testid="lead-row"]').length`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/review"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "rev@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pair"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="merge"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="review-empty"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="undo"]`)),
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	); err != nil {
		t.Fatalf("merge in the browser: %v", err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](leads)); err != nil || n != 1 {
		t.Fatalf("after merge the list shows %d leads (%v), want 1", n, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="lead-name"]').textContent`))
	if err != nil || !strings.HasPrefix(text, "Lumen Robotics") {
		t.Fatalf("kept lead = %q, %v", text, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/review"),
		chromedp.Click(chromedp.CSS(`[data-testid="undo"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pair"]`)),
		chromedp.Navigate(base+"/leads"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`)),
	); err != nil {
		t.Fatalf("undo in the browser: %v", err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](leads)); err != nil || n != 2 {
		t.Fatalf("after undo the list shows %d leads (%v), want 2", n, err)
	}
}
