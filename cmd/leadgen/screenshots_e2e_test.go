package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/crmtest"
)

// TestScreenshots opens the main pages on demo data in Chromium and takes
// a screenshot of each: the lead list, a company, call mode, Today and the
// dashboard. With LEADGEN_SCREENSHOTS=DIR (make screenshots) it writes
// them there as PNG files for the README.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := crmtest.URL(t)
	pool, err := crm.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	store := crm.NewStore(pool, crm.StoreOptions{})
	env := map[string]string{"DATABASE_URL": dbURL, "LEADGEN_LOG_FORMAT": "json"}
	mustCLI(t, env, e2ePassword+"\n", "user", "add", "--email", "sam@example.com", "--role", "admin")
	// As `leadgen demo` does: the work is the admin's, so Today has tasks.
	users, err := store.ListUsers(ctx)
	if err != nil || len(users) != 1 {
		t.Fatalf("users = %v, %v", users, err)
	}
	if _, err := store.SeedDemo(ctx, crm.DemoOptions{Companies: 300, Seed: 1, UserID: users[0].ID}); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, env)
	defer stop()

	bctx, cancel := context.WithTimeout(newBrowser(t), 90*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	dir := os.Getenv("LEADGEN_SCREENSHOTS")
	shoot := func(name string) {
		t.Helper()
		step(name+" loaded", waitFor(bctx, `document.readyState === 'complete'`))
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		step("screenshot "+name, err)
		if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 10_000 {
			t.Fatalf("%s: %d bytes, not a full-page PNG", name, len(png))
		}
		if dir != "" {
			step("write "+name, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
		}
	}
	step("viewport and sign in", chromedp.Do(bctx,
		chromedp.EmulateViewport(1280, 860),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "sam@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), e2ePassword+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="nav-today"]`)),
	))
	shoot("today")
	step("list", chromedp.Do(bctx, chromedp.Navigate(base+"/leads?view=0"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="lead-table"]`))))
	step("view counts", waitFor(bctx, `![...document.querySelectorAll('[data-testid="view-count"]')].some(e => e.textContent === '…')`))
	shoot("leads")
	step("company", chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(`[data-testid="lead-name"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="score-parts"]`)),
	))
	shoot("company")
	step("call mode", chromedp.Do(bctx,
		chromedp.Navigate(base+"/leads?view=0&has_phone=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="call-mode"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="queue-company"]`)),
	))
	shoot("call-mode")
	step("dashboard", chromedp.Do(bctx, chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS("svg"))))
	shoot("dashboard")
}
